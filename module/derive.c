// SPDX-License-Identifier: GPL-2.0
/*
 * One mark per CPU is enough: the hooks that mark run in the receive path
 * just before the free, with bottom halves disabled, so nothing else can
 * mark on this CPU in between.
 *
 * A mark must not be taken by another skb that happens to reuse the
 * address of a marked skb that was never freed through kfree_skb: so a
 * mark names the skb by its address, its buffer and its length, and
 * expires after a second. Expiry is generous on purpose: under emulation
 * or a busy hypervisor jiffies can jump several ticks inside one softirq.
 */
#include <linux/jiffies.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>

#include "derive.h"

struct tcpi_derive_slot {
	const struct sk_buff *skb;
	const unsigned char *head;
	unsigned int len;
	unsigned long when;
	u16 reason;
};

static DEFINE_PER_CPU(struct tcpi_derive_slot, tcpi_derive_slot);

void tcpi_derive_mark(const struct sk_buff *skb, u16 reason)
{
	struct tcpi_derive_slot *s = this_cpu_ptr(&tcpi_derive_slot);

	s->skb = skb;
	s->head = skb->head;
	s->len = skb->len;
	s->when = jiffies;
	s->reason = reason;
}

/**
 * tcpi_derive_take() - the reason to count for @skb
 * @skb: the skb being dropped
 * @reason: the reason the kernel gave, as a table index
 * @unspecific: the index of NOT_SPECIFIED
 *
 * Return: the marked reason if @skb was marked just now and the kernel
 * said nothing more specific (or if the mark is TCPI_REASON_COUNTED),
 * else @reason. The mark is used up either way.
 */
u16 tcpi_derive_take(const struct sk_buff *skb, u16 reason, u16 unspecific)
{
	struct tcpi_derive_slot *s = this_cpu_ptr(&tcpi_derive_slot);

	if (s->skb != skb)
		return reason;
	s->skb = NULL;
	if (s->head != skb->head || s->len != skb->len ||
	    time_after(jiffies, s->when + HZ))
		return reason;
	if (reason != unspecific && s->reason != TCPI_REASON_COUNTED)
		return reason;
	return s->reason;
}
