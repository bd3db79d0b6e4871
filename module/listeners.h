/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Listening sockets and what happened to them since they started
 * listening. Entries are preallocated at load, found by socket address
 * under RCU, and recycled only after a grace period, so the SYN path never
 * allocates, never locks, and never counts into a listener that has gone.
 * Counts are per CPU: each CPU writes only its own row.
 */
#ifndef TCPI_LISTENERS_H
#define TCPI_LISTENERS_H

#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "hist.h"

#define TCPI_LISTENERS_MIN	16
#define TCPI_LISTENERS_MAX	65536

enum tcpi_lcount {
	TCPI_LC_SYNS,		/* SYNs that reached tcp_conn_request() */
	TCPI_LC_OVERFLOWS,	/* accept queue full, at SYN or final ACK */
	TCPI_LC_SYN_DROPS,	/* SYNs dropped in tcp_conn_request() */
	TCPI_LC_COOKIES,	/* SYN cookies sent */
	TCPI_LC_MAX,
};

struct tcpi_lcounts {
	u64 count[TCPI_LC_MAX];
	u64 accept_hist[TCPI_HIST_BUCKETS];
	u32 accept_peak;
	u32 syn_peak;
};

struct tcpi_listener {
	struct hlist_node node;		/* in a bucket, or in the free list */
	struct rcu_head rcu;
	const struct sock *sk;
	struct tcpi_listeners *table;
	u32 idx;
};

struct tcpi_listeners {
	u32 max;
	u32 nr_cpus;
	u32 hash_bits;
	u32 used;
	/*
	 * Whether the entries follow the listen hooks. While the hooks are off
	 * an entry may name a socket that has closed, so nobody looks.
	 */
	bool live;
	/* Taken by listen() and close() of listeners, never by the SYN path. */
	spinlock_t lock;
	struct hlist_head free;
	struct hlist_head *buckets;
	struct tcpi_listener *entries;
	struct tcpi_lcounts *counts;	/* [nr_cpus][max] */
};

int tcpi_listeners_bytes(u32 max, u32 nr_cpus, size_t *bytes);
struct tcpi_listeners *tcpi_listeners_alloc(u32 max, u32 nr_cpus);
void tcpi_listeners_free(struct tcpi_listeners *t);
int tcpi_listener_add(struct tcpi_listeners *t, const struct sock *sk);
bool tcpi_listener_remove(struct tcpi_listeners *t, const struct sock *sk);
struct tcpi_listener *tcpi_listener_find(struct tcpi_listeners *t,
					 const struct sock *sk);
u32 tcpi_listeners_used(const struct tcpi_listeners *t);
void tcpi_listeners_clear(struct tcpi_listeners *t);
void tcpi_listeners_zero_cpu(struct tcpi_listeners *t, unsigned int cpu);

static inline bool tcpi_listeners_live(const struct tcpi_listeners *t)
{
	return READ_ONCE(t->live);
}

static inline struct tcpi_lcounts *
tcpi_listener_counts(const struct tcpi_listener *l, unsigned int cpu)
{
	return &l->table->counts[(size_t)cpu * l->table->max + l->idx];
}

void tcpi_listener_sum(const struct tcpi_listener *l, struct tcpi_lcounts *sum);

/* This CPU's row only, from the path that owns it (BH disabled). */
static inline void tcpi_lpeak(u32 *peak, u32 value)
{
	if (value > *peak)
		WRITE_ONCE(*peak, value);
}

#endif
