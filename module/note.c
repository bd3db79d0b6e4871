// SPDX-License-Identifier: GPL-2.0
/*
 * A note is kept per CPU and per context (task, softirq, hardirq, NMI),
 * as derive.c keeps its marks, and for the same reasons; it is only read
 * in the context and on the CPU that wrote it, since the kernel counters
 * it holds are this CPU's. A segment that is not freed through kfree_skb
 * leaves its note behind: the next note overwrites it, and a note older
 * than a second, or naming another buffer at the same address, is not
 * taken.
 */
#include <linux/compiler.h>
#include <linux/jiffies.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>
#include <net/net_namespace.h>
#include <net/snmp.h>

#include "derive.h"
#include "note.h"

struct tcpi_notes {
	struct tcpi_note note[TCPI_CTX_NR];
};

static DEFINE_PER_CPU(struct tcpi_notes, tcpi_notes);

static unsigned long tcpi_note_mib(const struct net *net, int mib)
{
	return this_cpu_read(net->mib.net_statistics->mibs[mib]);
}

/**
 * tcpi_note_begin() - this CPU's and context's note, emptied for a hook
 * to fill in
 *
 * Return: the note; the hook sets net, nr_mibs, mib[] and its own fields, then
 * calls tcpi_note_publish().
 */
struct tcpi_note *tcpi_note_begin(void)
{
	struct tcpi_note *n = &this_cpu_ptr(&tcpi_notes)->note[tcpi_context()];

	WRITE_ONCE(n->skb, NULL);
	/* an interrupt on this CPU finds the note empty until it is whole */
	barrier();
	return n;
}

/**
 * tcpi_note_publish() - read the counters the note names and hand the
 * note to the kfree_skb probe
 * @n: the note from tcpi_note_begin()
 * @skb: the segment the hooked call is handling
 */
void tcpi_note_publish(struct tcpi_note *n, const struct sk_buff *skb)
{
	unsigned int i;

	n->head = skb->head;
	n->len = skb->len;
	n->when = jiffies;
	for (i = 0; i < n->nr_mibs; i++)
		n->before[i] = tcpi_note_mib(n->net, n->mib[i]);
	barrier();
	WRITE_ONCE(n->skb, skb);
}

/**
 * tcpi_note_take() - the note of a segment being freed, if it has one
 * @skb: the segment the kfree_skb probe sees
 * @out: gets a copy of the note, with how far its counters moved (moved[])
 *
 * Return: true if the note names @skb; it is then used up.
 */
bool tcpi_note_take(const struct sk_buff *skb, struct tcpi_note *out)
{
	struct tcpi_note *n = &this_cpu_ptr(&tcpi_notes)->note[tcpi_context()];
	unsigned int i;

	if (READ_ONCE(n->skb) != skb)
		return false;
	WRITE_ONCE(n->skb, NULL);
	barrier();
	if (n->head != skb->head || n->len != skb->len ||
	    time_after(jiffies, n->when + HZ))
		return false;
	*out = *n;
	for (i = 0; i < n->nr_mibs; i++)
		out->moved[i] = tcpi_note_mib(n->net, n->mib[i]) - n->before[i];
	return true;
}
