/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hooks' descriptors, one per line of hooks.def, each defined by the
 * file that handles it; and what the hooks' files call in each other.
 */
#ifndef TCPI_HOOKS_H
#define TCPI_HOOKS_H

#include <linux/types.h>

#include "probes.h"

/* One declaration of them all; the last name only closes the list. */
extern const struct tcpi_hook
#define TCPI_HOOK(id, hook_name) tcpi_hook_##hook_name,
#include "hooks.def"
#undef TCPI_HOOK
	tcpi_hook_list_end;

struct sk_buff;
struct sock;
struct tcpi_note;

/* At sock:inet_sock_set_state (state_probe.c). */
void tcpi_listen_state(const struct sock *sk, int newstate);
void tcpi_connect_state(const struct sock *sk, int newstate);
/* Counting what a note (note.h) says, as its segment is freed. */
bool tcpi_paws_rejected(const struct tcpi_note *n, const struct sk_buff *skb);
bool tcpi_child_failed(const struct tcpi_note *n, const struct sk_buff *skb);
/* A RST sent in answer to a segment for a socket (reset_probe.c). */
void tcpi_synsent_reset(const struct sock *sk, const struct sk_buff *skb);

#endif
