// SPDX-License-Identifier: GPL-2.0
/*
 * A hook marks the segment it is about to see dropped; the kfree_skb
 * probe, which runs next in the same context, takes the mark. Marks are
 * kept per CPU and per context (task, softirq, hardirq, NMI), as the
 * kernel's own recursion guards are: a hook runs in task context when a
 * socket's backlog is processed (__release_sock(), bottom halves
 * enabled), and a softirq that marks and frees a segment of its own can
 * come in between its mark and its free. A task can also be moved to
 * another CPU in between on a preemptible kernel, so a take in task
 * context looks in every CPU's task slot.
 *
 * A mark must not be taken by another skb that happens to reuse the
 * address of a marked skb that was never freed through kfree_skb: so a
 * mark names the skb by its address, its buffer and its length, and
 * expires after a second. Expiry is generous on purpose: under emulation
 * or a busy hypervisor jiffies can jump several ticks inside one softirq.
 */
#include <linux/atomic.h>
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

struct tcpi_derive_marks {
	struct tcpi_derive_slot slot[TCPI_CTX_NR];
};

static DEFINE_PER_CPU(struct tcpi_derive_marks, tcpi_derive_marks);

void tcpi_derive_mark(const struct sk_buff *skb, u16 reason)
{
	struct tcpi_derive_slot *s =
		&this_cpu_ptr(&tcpi_derive_marks)->slot[tcpi_context()];

	/*
	 * The skb last: a take on another CPU (this task's slot, after it
	 * moved) matches the slot only once the mark is whole.
	 */
	WRITE_ONCE(s->skb, NULL);
	/* the slot is empty before any field of the new mark is written */
	smp_wmb();
	s->head = skb->head;
	s->len = skb->len;
	s->when = jiffies;
	s->reason = reason;
	/* pairs with the acquire in tcpi_derive_take() */
	smp_store_release(&s->skb, skb);
}

/* The mark in @s is for @skb: use it up, and say what to count. */
static u16 tcpi_derive_use(struct tcpi_derive_slot *s,
			   const struct sk_buff *skb, u16 reason, u16 unspecific)
{
	const unsigned char *head = s->head;
	unsigned int len = s->len;
	unsigned long when = s->when;
	u16 marked = s->reason;

	/* another CPU's task slot can be taken by a take here and one there */
	if (cmpxchg(&s->skb, skb, NULL) != skb)
		return reason;
	if (head != skb->head || len != skb->len ||
	    time_after(jiffies, when + HZ))
		return reason;
	if (reason != unspecific && marked != TCPI_REASON_COUNTED)
		return reason;
	return marked;
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
	unsigned int ctx = tcpi_context();
	struct tcpi_derive_slot *s;
	int cpu;

	if (ctx != TCPI_CTX_TASK) {
		s = &this_cpu_ptr(&tcpi_derive_marks)->slot[ctx];
		if (READ_ONCE(s->skb) != skb)
			return reason;
		return tcpi_derive_use(s, skb, reason, unspecific);
	}
	for_each_possible_cpu(cpu) {
		s = &per_cpu_ptr(&tcpi_derive_marks, cpu)->slot[TCPI_CTX_TASK];
		/* pairs with the release in tcpi_derive_mark() */
		if (smp_load_acquire(&s->skb) == skb)
			return tcpi_derive_use(s, skb, reason, unspecific);
	}
	return reason;
}
