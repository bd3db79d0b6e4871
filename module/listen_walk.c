// SPDX-License-Identifier: GPL-2.0
/*
 * At load, and whenever the listen hooks come back on, the sockets that
 * were listening before. All network namespaces share one listening hash.
 * A bucket is walked under its lock: a listener is unhashed under that
 * lock before inet_csk_listen_stop() runs, so every socket found here is
 * removed again by the listen_stop probe, which is attached before the
 * walk starts.
 */
#include <linux/rcupdate.h>
#include <net/inet_connection_sock.h>
#include <net/inet_hashtables.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "tcpinsight.h"

static void tcpi_listen_walk_add(struct sock *sk, void *arg)
{
	unsigned int *untracked = arg;
	struct tcpi_listener *l;
	struct tcpi_lcounts *lc;

	if (tcpi_listener_add(tcpi.listeners, sk)) {
		(*untracked)++;
		return;
	}
	/* What is queued already is the peak so far (BH is off here). */
	rcu_read_lock();
	l = tcpi_listener_find(tcpi.listeners, sk);
	if (l) {
		lc = tcpi_listener_counts(l, smp_processor_id());
		tcpi_lpeak(&lc->accept_peak, READ_ONCE(sk->sk_ack_backlog));
		tcpi_lpeak(&lc->syn_peak, inet_csk_reqsk_queue_len(sk));
	}
	rcu_read_unlock();
}

/* Return: the number of listeners that did not fit in the table. */
static unsigned int tcpi_listeners_scan(void)
{
	struct inet_hashinfo *h = init_net.ipv4.tcp_death_row.hashinfo;
	unsigned int i, untracked = 0;

	for (i = 0; i <= h->lhash2_mask; i++) {
		struct inet_listen_hashbucket *ilb2 = &h->lhash2[i];

		spin_lock_bh(&ilb2->lock);
		tcpi_lhash2_bucket_walk(ilb2, tcpi_listen_walk_add, &untracked);
		spin_unlock_bh(&ilb2->lock);
		cond_resched();
	}
	return untracked;
}

/**
 * tcpi_listeners_start() - track every socket that listens now, and show
 * the table
 *
 * Call once both listen hooks are attached.
 */
void tcpi_listeners_start(void)
{
	unsigned int untracked = tcpi_listeners_scan();

	if (untracked) {
		pr_warn("%u listeners do not fit in listeners_max=%u\n",
			untracked, tcpi.listeners->max);
		this_cpu_add(tcpi.stats->listeners_overflow, untracked);
	}
	WRITE_ONCE(tcpi.listeners->live, true);
}

/**
 * tcpi_listeners_hide() - stop every reader looking at the table
 *
 * Call before either listen hook is detached. Once a grace period has
 * passed after this, no reader holds an entry, and none will until
 * tcpi_listeners_start(): the caller waits for one (it has to for the
 * hooks anyway) before it empties the table.
 */
void tcpi_listeners_hide(void)
{
	WRITE_ONCE(tcpi.listeners->live, false);
}
