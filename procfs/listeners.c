// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/tcpinsight/listeners: one row per listening socket, of every netns
 * the reader may see.
 * Current values come from the socket, read under RCU (listeners are freed
 * after a grace period, and the table drops a socket before that, while
 * its hooks are on); what happened since it started listening comes from
 * the table.
 *
 * A seq_file iterator, not one show() for the whole table: each read()
 * formats only the rows that fit in its buffer and leaves the RCU read
 * side between calls, so reading 10,000 listeners costs one pass over
 * them, never holds the CPU for more than one buffer's worth of rows, and
 * never regrows the buffer (which reruns a single show() from the start).
 */
#include <linux/bottom_half.h>
#include <linux/rcupdate.h>
#include <linux/smp.h>
#include <net/inet_connection_sock.h>
#include <net/inet_sock.h>
#include <net/ipv6.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "procfs.h"
#include "tcpinsight.h"

/* 18 buckets of "65536:18446744073709551615," at most */
#define TCPI_HIST_TEXT_LEN	(TCPI_HIST_BUCKETS * 28)

/*
 * The SYN-queue length at which this listener starts dropping SYNs or
 * answering them with cookies. Without cookies, SYNs of peers not proven
 * alive are dropped earlier, once the queue is in the last quarter of
 * tcp_max_syn_backlog; with tcp_syncookies=2 every SYN gets a cookie.
 */
static u32 tcpi_syn_max(const struct sock *sk)
{
	const struct net *net = sock_net(sk);
	u32 full = READ_ONCE(sk->sk_max_ack_backlog) + TCPI_SYNQ_FULL_EXTRA;
	int cookies = READ_ONCE(net->ipv4.sysctl_tcp_syncookies);
	int mb = READ_ONCE(net->ipv4.sysctl_max_syn_backlog);

	if (cookies == 2)
		return 0;
	if (!cookies && mb > 0) {
		u32 quarter = mb - (mb >> 2) + 1;

		if (quarter < full)
			full = quarter;
	}
	return full;
}

static void tcpi_listener_row(struct seq_file *m, const struct tcpi_listener *l)
{
	const struct sock *sk = l->sk;
	const struct inet_sock *inet = inet_sk(sk);
	char hist[TCPI_HIST_TEXT_LEN];
	struct tcpi_lcounts sum;
	u32 accept_cur = READ_ONCE(sk->sk_ack_backlog);
	u32 syn_cur = inet_csk_reqsk_queue_len(sk);

	tcpi_listener_sum(l, &sum);
	/*
	 * A peak is never below what is there now, though the hooks may not
	 * have seen it yet: shown so, and left for the hooks to record.
	 */
	sum.accept_peak = max(sum.accept_peak, accept_cur);
	sum.syn_peak = max(sum.syn_peak, syn_cur);
	tcpi_hist_format(sum.accept_hist, hist, sizeof(hist));

	seq_printf(m, "%u ", sock_net(sk)->ns.inum);
	if (sk->sk_family == AF_INET6)
		seq_printf(m, "6 %pI6c", &sk->sk_v6_rcv_saddr);
	else
		seq_printf(m, "4 %pI4", &inet->inet_rcv_saddr);
	seq_printf(m, " %u %u %u %u %u %u %u %llu %llu %llu %llu %s\n",
		   inet->inet_num, accept_cur, READ_ONCE(sk->sk_max_ack_backlog),
		   sum.accept_peak, syn_cur, tcpi_syn_max(sk), sum.syn_peak,
		   sum.count[TCPI_LC_OVERFLOWS], sum.count[TCPI_LC_SYN_DROPS],
		   sum.count[TCPI_LC_COOKIES], sum.count[TCPI_LC_SYNS], hist);
}

/*
 * Position 0 is the header. A listener's position is 1 + its bucket *
 * TCPI_LPOS_CHAIN + its place in the bucket's chain (a chain never holds
 * more than listeners_max <= TCPI_LPOS_CHAIN entries): a position, unlike
 * a pointer, stays meaningful after the RCU read side ends. A listener
 * added or removed between two read() calls may shift a chain by one, so
 * a row can be missed or repeated then, never torn.
 */
#define TCPI_LPOS_CHAIN		((loff_t)TCPI_LISTENERS_MAX)

/*
 * The listener at *@pos, or the first one after it the reader may see
 * (*@pos updated). With its hooks off the table is not shown: an entry
 * may be stale.
 */
static struct tcpi_listener *tcpi_listener_at(const struct net *viewer,
					      loff_t *pos)
{
	struct tcpi_listeners *t = tcpi.listeners;
	u32 nbuckets = 1u << t->hash_bits;
	loff_t b = (*pos - 1) / TCPI_LPOS_CHAIN;
	loff_t k = (*pos - 1) % TCPI_LPOS_CHAIN;
	struct tcpi_listener *l;

	if (!tcpi_listeners_live(t))
		return NULL;
	for (; b < nbuckets; b++, k = 0) {
		loff_t i = 0;

		hlist_for_each_entry_rcu(l, &t->buckets[b], node) {
			if (i >= k &&
			    tcpi_view_sees(viewer, sock_net(l->sk)->ns.inum)) {
				*pos = 1 + b * TCPI_LPOS_CHAIN + i;
				return l;
			}
			i++;
		}
	}
	return NULL;
}

static void *tcpi_listeners_seq_start(struct seq_file *m, loff_t *pos)
	__acquires(RCU)
{
	rcu_read_lock();
	if (!*pos)
		return SEQ_START_TOKEN;
	return tcpi_listener_at(m->private, pos);
}

static void *tcpi_listeners_seq_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return tcpi_listener_at(m->private, pos);
}

static void tcpi_listeners_seq_stop(struct seq_file *m, void *v)
	__releases(RCU)
{
	rcu_read_unlock();
}

static int tcpi_listeners_seq_show(struct seq_file *m, void *v)
{
	if (v == SEQ_START_TOKEN)
		seq_puts(m, "netns family addr port accept_cur accept_max accept_peak syn_cur syn_max syn_peak overflows syn_drops cookies syns accept_hist\n");
	else
		tcpi_listener_row(m, v);
	return 0;
}

const struct seq_operations tcpi_proc_listeners_ops = {
	.start = tcpi_listeners_seq_start,
	.next = tcpi_listeners_seq_next,
	.stop = tcpi_listeners_seq_stop,
	.show = tcpi_listeners_seq_show,
};
