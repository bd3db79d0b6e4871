// SPDX-License-Identifier: GPL-2.0
/*
 * The listener table. A socket is added when it starts listening (or at
 * load, for the ones already listening) and removed when it stops; its
 * entry goes back to the free list after an RCU grace period, when no SYN
 * path can still hold it, and only then are its counts cleared. Listening
 * sockets are freed after a grace period too (SOCK_RCU_FREE), so a reader
 * that finds an entry under RCU may read its socket.
 */
#include <linux/errno.h>
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "listeners.h"

int tcpi_listeners_bytes(u32 max, u32 nr_cpus, size_t *bytes)
{
	if (max < TCPI_LISTENERS_MIN || max > TCPI_LISTENERS_MAX || !nr_cpus)
		return -EINVAL;
	*bytes = sizeof(struct tcpi_listeners) +
		 (size_t)roundup_pow_of_two(max) * sizeof(struct hlist_head) +
		 (size_t)max * sizeof(struct tcpi_listener) +
		 (size_t)max * nr_cpus * sizeof(struct tcpi_lcounts);
	return 0;
}

struct tcpi_listeners *tcpi_listeners_alloc(u32 max, u32 nr_cpus)
{
	struct tcpi_listeners *t;
	size_t bytes;
	u32 i;

	if (tcpi_listeners_bytes(max, nr_cpus, &bytes))
		return NULL;
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return NULL;
	t->max = max;
	t->nr_cpus = nr_cpus;
	t->hash_bits = ilog2(roundup_pow_of_two(max));
	spin_lock_init(&t->lock);
	INIT_HLIST_HEAD(&t->free);
	t->buckets = kvcalloc(1u << t->hash_bits, sizeof(*t->buckets), GFP_KERNEL);
	t->entries = kvcalloc(max, sizeof(*t->entries), GFP_KERNEL);
	t->counts = kvcalloc(array_size(max, nr_cpus), sizeof(*t->counts),
			     GFP_KERNEL);
	if (!t->buckets || !t->entries || !t->counts) {
		tcpi_listeners_free(t);
		return NULL;
	}
	/* Pushed in reverse, so entry 0 is handed out first. */
	for (i = max; i-- > 0;) {
		t->entries[i].idx = i;
		t->entries[i].table = t;
		hlist_add_head(&t->entries[i].node, &t->free);
	}
	return t;
}

/* Callers make sure no reader or RCU callback can still see @t. */
void tcpi_listeners_free(struct tcpi_listeners *t)
{
	if (!t)
		return;
	kvfree(t->buckets);
	kvfree(t->entries);
	kvfree(t->counts);
	kfree(t);
}

static struct hlist_head *tcpi_listener_bucket(struct tcpi_listeners *t,
					       const struct sock *sk)
{
	return &t->buckets[hash_ptr(sk, t->hash_bits)];
}

/**
 * tcpi_listener_find() - the entry of a listening socket
 * @t: the table
 * @sk: the socket
 *
 * Call under rcu_read_lock() (or with BH disabled); the entry stays valid
 * until the read side ends.
 *
 * Return: the entry, or NULL if @sk is not tracked.
 */
struct tcpi_listener *tcpi_listener_find(struct tcpi_listeners *t,
					 const struct sock *sk)
{
	struct tcpi_listener *l;

	hlist_for_each_entry_rcu(l, tcpi_listener_bucket(t, sk), node)
		if (READ_ONCE(l->sk) == sk)
			return l;
	return NULL;
}

/**
 * tcpi_listener_add() - track a socket that listens
 * @t: the table
 * @sk: the socket
 *
 * Return: 0 (also when @sk is tracked already), or -ENOSPC when every
 * entry is in use.
 */
int tcpi_listener_add(struct tcpi_listeners *t, const struct sock *sk)
{
	struct tcpi_listener *l;
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&t->lock, flags);
	hlist_for_each_entry(l, tcpi_listener_bucket(t, sk), node)
		if (l->sk == sk)
			goto out;
	if (hlist_empty(&t->free)) {
		err = -ENOSPC;
		goto out;
	}
	l = hlist_entry(t->free.first, struct tcpi_listener, node);
	hlist_del(&l->node);
	l->sk = sk;
	t->used++;
	/* Publishes the zeroed counts with the entry. */
	hlist_add_head_rcu(&l->node, tcpi_listener_bucket(t, sk));
out:
	spin_unlock_irqrestore(&t->lock, flags);
	return err;
}

static void tcpi_listener_recycle(struct rcu_head *rcu)
{
	struct tcpi_listener *l = container_of(rcu, struct tcpi_listener, rcu);
	struct tcpi_listeners *t = l->table;
	unsigned long flags;
	unsigned int cpu;

	/* No SYN path can hold @l any more: its counts are ours to clear. */
	for (cpu = 0; cpu < t->nr_cpus; cpu++)
		memset(tcpi_listener_counts(l, cpu), 0, sizeof(struct tcpi_lcounts));
	spin_lock_irqsave(&t->lock, flags);
	l->sk = NULL;
	hlist_add_head(&l->node, &t->free);
	spin_unlock_irqrestore(&t->lock, flags);
}

/**
 * tcpi_listener_remove() - stop tracking a socket
 * @t: the table
 * @sk: the socket
 *
 * Return: true if @sk was tracked.
 */
bool tcpi_listener_remove(struct tcpi_listeners *t, const struct sock *sk)
{
	struct tcpi_listener *l;
	unsigned long flags;
	bool found = false;

	spin_lock_irqsave(&t->lock, flags);
	hlist_for_each_entry(l, tcpi_listener_bucket(t, sk), node) {
		if (l->sk == sk) {
			hlist_del_rcu(&l->node);
			t->used--;
			found = true;
			break;
		}
	}
	spin_unlock_irqrestore(&t->lock, flags);
	if (found)
		call_rcu(&l->rcu, tcpi_listener_recycle);
	return found;
}

u32 tcpi_listeners_used(const struct tcpi_listeners *t)
{
	return READ_ONCE(t->used);
}

/**
 * tcpi_listeners_clear() - stop tracking every socket
 * @t: the table, no longer live and with its hooks detached
 *
 * Each entry goes back to the free list, its counts cleared, after a
 * grace period, as when its socket closes.
 */
void tcpi_listeners_clear(struct tcpi_listeners *t)
{
	struct tcpi_listener *l;
	struct hlist_node *next;
	unsigned long flags;
	u32 b;

	spin_lock_irqsave(&t->lock, flags);
	for (b = 0; b < (1u << t->hash_bits); b++) {
		hlist_for_each_entry_safe(l, next, &t->buckets[b], node) {
			hlist_del_rcu(&l->node);
			t->used--;
			call_rcu(&l->rcu, tcpi_listener_recycle);
		}
	}
	spin_unlock_irqrestore(&t->lock, flags);
}

/**
 * tcpi_listeners_zero_cpu() - forget what @cpu counted for every listener
 * @t: the table
 * @cpu: a CPU; the caller runs on it with bottom halves disabled (or it is
 *	offline), so none of its SYN paths is half-way through a count
 */
void tcpi_listeners_zero_cpu(struct tcpi_listeners *t, unsigned int cpu)
{
	struct tcpi_lcounts *c;
	unsigned int k;
	u32 i;

	if (cpu >= t->nr_cpus)
		return;
	/* Word by word: a reader summing the rows never sees half a count. */
	for (i = 0; i < t->max; i++) {
		c = &t->counts[(size_t)cpu * t->max + i];
		for (k = 0; k < TCPI_LC_MAX; k++)
			WRITE_ONCE(c->count[k], 0);
		for (k = 0; k < TCPI_HIST_BUCKETS; k++)
			WRITE_ONCE(c->accept_hist[k], 0);
		WRITE_ONCE(c->accept_peak, 0);
		WRITE_ONCE(c->syn_peak, 0);
	}
}

/* The sum over CPUs; peaks are the largest any CPU saw. */
void tcpi_listener_sum(const struct tcpi_listener *l, struct tcpi_lcounts *sum)
{
	unsigned int cpu, i;

	memset(sum, 0, sizeof(*sum));
	for (cpu = 0; cpu < l->table->nr_cpus; cpu++) {
		const struct tcpi_lcounts *c = tcpi_listener_counts(l, cpu);

		for (i = 0; i < TCPI_LC_MAX; i++)
			sum->count[i] += READ_ONCE(c->count[i]);
		for (i = 0; i < TCPI_HIST_BUCKETS; i++)
			sum->accept_hist[i] += READ_ONCE(c->accept_hist[i]);
		sum->accept_peak = max(sum->accept_peak, READ_ONCE(c->accept_peak));
		sum->syn_peak = max(sum->syn_peak, READ_ONCE(c->syn_peak));
	}
}
