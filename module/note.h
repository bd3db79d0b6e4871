/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What an entry hook notes of a segment for the kfree_skb probe: a hooked
 * call whose outcome is known only once it returns, and whose rejected
 * segment goes straight on to kfree_skb in the same context on the same
 * CPU (note.c).
 */
#ifndef TCPI_NOTE_H
#define TCPI_NOTE_H

#include <linux/types.h>

struct net;
struct sk_buff;
struct sock;

enum tcpi_note_kind {
	/* a segment for a request socket (tcp_check_req()) */
	TCPI_NOTE_PAWS_SYN_RECV,
	/* a segment for a TIME_WAIT socket (tcp_timewait_state_process()) */
	TCPI_NOTE_PAWS_TIME_WAIT,
	/* a final ACK making its child (the syn_recv_sock() hooks) */
	TCPI_NOTE_CHILD,
};

/* The kernel counters (of the netns, on this CPU) a note keeps, at most. */
#define TCPI_NOTE_MIBS	2

struct tcpi_note {
	/* the segment, named as derive.c names a marked one */
	const struct sk_buff *skb;
	const unsigned char *head;
	unsigned int len;
	unsigned long when;
	const struct net *net;
	/* the socket's: it may be gone when the segment is freed */
	const struct sock *sk;
	u32 netns;
	u8 state;
	u8 kind;
	u8 nr_mibs;
	u32 ts_recent;
	int id;
	int mib[TCPI_NOTE_MIBS];
	unsigned long before[TCPI_NOTE_MIBS];
	/* in the copy tcpi_note_take() makes: how far they moved since */
	unsigned long moved[TCPI_NOTE_MIBS];
};

struct tcpi_note *tcpi_note_begin(void);
void tcpi_note_publish(struct tcpi_note *n, const struct sk_buff *skb);
bool tcpi_note_take(const struct sk_buff *skb, struct tcpi_note *out);

#endif
