/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reasons tcpinsight derives where the kernel gives none (5.10) or only
 * NOT_SPECIFIED. A hook that knows why a segment is about to be dropped
 * marks the skb; the kfree_skb probe, which runs next in the same
 * context, takes the mark (derive.c).
 */
#ifndef TCPI_DERIVE_H
#define TCPI_DERIVE_H

#include <linux/limits.h>
#include <linux/preempt.h>
#include <linux/types.h>

struct sk_buff;

/*
 * The contexts a hook can run in on one CPU, each interrupting the one
 * before: per-CPU state a hook leaves for a later hook of the same
 * segment is kept per context, so none of them overwrites another's.
 */
enum tcpi_context {
	TCPI_CTX_TASK,
	TCPI_CTX_SOFTIRQ,
	TCPI_CTX_HARDIRQ,
	TCPI_CTX_NMI,
	TCPI_CTX_NR,
};

static inline unsigned int tcpi_context(void)
{
	if (in_nmi())
		return TCPI_CTX_NMI;
	if (preempt_count() & HARDIRQ_MASK)
		return TCPI_CTX_HARDIRQ;
	if (in_serving_softirq())
		return TCPI_CTX_SOFTIRQ;
	return TCPI_CTX_TASK;
}

/* A mark meaning "a hook counted this drop already: do not count it". */
#define TCPI_REASON_COUNTED	U16_MAX

void tcpi_derive_mark(const struct sk_buff *skb, u16 reason);
u16 tcpi_derive_take(const struct sk_buff *skb, u16 reason, u16 unspecific);

#endif
