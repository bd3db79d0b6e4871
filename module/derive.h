/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reasons tcpinsight derives where the kernel gives none (5.10) or only
 * NOT_SPECIFIED. A hook that knows why a segment is about to be dropped
 * marks the skb on this CPU; the kfree_skb probe, which runs next on the
 * same CPU in the same softirq, takes the mark.
 */
#ifndef TCPI_DERIVE_H
#define TCPI_DERIVE_H

#include <linux/limits.h>
#include <linux/types.h>

struct sk_buff;

/* A mark meaning "a hook counted this drop already: do not count it". */
#define TCPI_REASON_COUNTED	U16_MAX

void tcpi_derive_mark(const struct sk_buff *skb, u16 reason);
u16 tcpi_derive_take(const struct sk_buff *skb, u16 reason, u16 unspecific);

#endif
