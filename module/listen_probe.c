// SPDX-License-Identifier: GPL-2.0
/*
 * The listen path. A listener enters the table when it starts to listen
 * and leaves it when it stops. A SYN is followed through
 * tcp_conn_request() and a final ACK through syn_recv_sock(); what became
 * of each is read from the kernel's own MIB counters of that netns, on
 * this CPU, before and after the call (for a final ACK, after: as it is
 * freed). Both run with BH
 * disabled, so nothing else on this CPU moves those counters meanwhile,
 * and tcpinsight's totals agree with /proc/net/netstat by construction
 * instead of by re-implementing the kernel's rules.
 *
 * SYN drops never reach kfree_skb (the caller consume_skb()s the SYN), so
 * they are counted here. A final ACK dropped on overflow does reach it:
 * the kfree_skb probe counts it here, with the listener, instead of under
 * the kernel's reason.
 */
#include <linux/kprobes.h>
#include <linux/ptrace.h>
#include <linux/skbuff.h>
#include <net/inet_connection_sock.h>
#include <net/inet_sock.h>
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/snmp.h>
#include <net/sock.h>

#include "derive.h"
#include "filter.h"
#include "hooks.h"
#include "note.h"
#include "tcpinsight.h"

enum tcpi_listen_mib {
	TCPI_MIB_OVERFLOWS,
	TCPI_MIB_DROPS,
	TCPI_MIB_QFULL_DROP,
	TCPI_MIB_SYNCOOKIES_SENT,
	TCPI_MIB_NR,
};

static const int tcpi_listen_mib_field[TCPI_MIB_NR] = {
	[TCPI_MIB_OVERFLOWS] = LINUX_MIB_LISTENOVERFLOWS,
	[TCPI_MIB_DROPS] = LINUX_MIB_LISTENDROPS,
	[TCPI_MIB_QFULL_DROP] = LINUX_MIB_TCPREQQFULLDROP,
	[TCPI_MIB_SYNCOOKIES_SENT] = LINUX_MIB_SYNCOOKIESSENT,
};

/* The counters a final ACK's note keeps. */
enum {
	TCPI_CHILD_OVERFLOWS,
	TCPI_CHILD_DROPS,
};

/* What a hooked call saw at entry, kept per call by the kretprobe. */
struct tcpi_listen_call {
	const struct sock *sk;
	const struct sk_buff *skb;
	unsigned long mib[TCPI_MIB_NR];
	/* tcp_conn_request() only: IpOutNoRoutes, IPv4's and IPv6's */
	u64 noroute;
	unsigned int cpu;
	bool last_quarter;
};

static void tcpi_mib_read(const struct sock *sk, unsigned long *v)
{
	struct linux_mib __percpu *mib = sock_net(sk)->mib.net_statistics;
	unsigned int i;

	for (i = 0; i < TCPI_MIB_NR; i++)
		v[i] = this_cpu_read(mib->mibs[tcpi_listen_mib_field[i]]);
}

/*
 * A SYN whose peer has no route back: tcp_conn_request() finds none for
 * its SYN-ACK and drops the request, counting IpOutNoRoutes (IPv4's or
 * IPv6's, whichever the answer would have used).
 */
static u64 tcpi_noroute_read(const struct sock *sk)
{
	const struct net *net = sock_net(sk);
	u64 n = this_cpu_read(net->mib.ip_statistics->mibs[IPSTATS_MIB_OUTNOROUTES]);

#if IS_ENABLED(CONFIG_IPV6)
	n += this_cpu_read(net->mib.ipv6_statistics->mibs[IPSTATS_MIB_OUTNOROUTES]);
#endif
	return n;
}

/* tcp_conn_request(rsk_ops, af_ops, sk, skb) */
static void tcpi_listen_call_start(struct tcpi_listen_call *c,
				   struct pt_regs *regs)
{
	c->sk = (const struct sock *)regs_get_kernel_argument(regs, 2);
	c->skb = (const struct sk_buff *)regs_get_kernel_argument(regs, 3);
	c->cpu = smp_processor_id();
	tcpi_mib_read(c->sk, c->mib);
}

/*
 * How far each counter moved during the call. False if the call ended on
 * another CPU, where the counters are not comparable (it cannot happen
 * with BH disabled, but nothing is counted on a guess).
 */
static bool tcpi_listen_call_delta(const struct tcpi_listen_call *c,
				   unsigned long *d)
{
	unsigned long now[TCPI_MIB_NR];
	unsigned int i;

	if (c->cpu != smp_processor_id()) {
		this_cpu_inc(tcpi.stats->listen_unclassified);
		return false;
	}
	tcpi_mib_read(c->sk, now);
	for (i = 0; i < TCPI_MIB_NR; i++)
		d[i] = now[i] - c->mib[i];
	return true;
}

/* Whether the filter lets this listener's counts move. */
static bool tcpi_listener_pass(const struct sock *sk)
{
	return tcpi_filter_pass(sock_net(sk)->ns.inum, inet_sk(sk)->inet_num);
}

/*
 * This CPU's counts of a tracked listener the filter lets through. Call
 * under rcu_read_lock(). A table whose hooks are off is not looked at:
 * an entry there may name a socket that has gone.
 */
static struct tcpi_lcounts *tcpi_my_counts(const struct sock *sk)
{
	struct tcpi_listener *l;

	if (!tcpi.listeners || !tcpi_listeners_live(tcpi.listeners) ||
	    !tcpi_listener_pass(sk))
		return NULL;
	l = tcpi_listener_find(tcpi.listeners, sk);
	return l ? tcpi_listener_counts(l, smp_processor_id()) : NULL;
}

static void tcpi_listen_drops(const struct tcpi_listen_call *c, u16 reason,
			      unsigned long n, const void *loc)
{
	while (n--)
		tcpi_drop_hooked(c->skb, loc, reason, c->sk, NULL);
}

/* --- the listener's life --------------------------------------------------- */

/*
 * At a change to or from LISTEN (state_probe.c). inet_csk_listen_start()
 * stores TCP_LISTEN before it takes the port, and TCP_CLOSE again if that
 * fails; a listener that closes or disconnects goes to TCP_CLOSE too,
 * next to its inet_csk_listen_stop(). So a socket enters the table as it
 * starts to listen (its port, taken a moment later, is read when the
 * table is) and leaves on either way out: a listen() that failed leaves
 * nothing behind, and the stop hook's own removal then finds nothing.
 */
void tcpi_listen_state(const struct sock *sk, int newstate)
{
	if (newstate == TCP_LISTEN) {
		tcpi_probe_hit(TCPI_PROBE_LISTEN_START);
		if (tcpi_listener_add(tcpi.listeners, sk))
			this_cpu_inc(tcpi.stats->listeners_overflow);
	} else {
		tcpi_listener_remove(tcpi.listeners, sk);
	}
}

static void tcpi_on_listen_stop(struct pt_regs *regs)
{
	tcpi_probe_hit(TCPI_PROBE_LISTEN_STOP);
	tcpi_listener_remove(tcpi.listeners,
			     (const struct sock *)regs_get_kernel_argument(regs, 0));
}

/*
 * inet_csk_complete_hashdance(sk, child, req, own_req) moves a completed
 * connection into the accept queue, when it owns the request and the
 * listener still listens: the new length is known on entry, so an entry
 * hook does, at a fraction of the cost of a return hook. (inet_csk_reqsk_queue_add()
 * itself is inlined into it on some kernels, so a probe there would not
 * fire.)
 */
static void tcpi_on_complete_hashdance(struct pt_regs *regs)
{
	const struct sock *sk = (const struct sock *)regs_get_kernel_argument(regs, 0);
	/* a bool: only the low byte of its register is defined */
	bool own_req = (u8)regs_get_kernel_argument(regs, 3);
	struct tcpi_lcounts *lc;

	tcpi_probe_hit(TCPI_PROBE_COMPLETE_HASHDANCE);
	if (!own_req || READ_ONCE(sk->sk_state) != TCP_LISTEN)
		return;
	rcu_read_lock();
	lc = tcpi_my_counts(sk);
	if (lc)
		tcpi_lpeak(&lc->accept_peak, READ_ONCE(sk->sk_ack_backlog) + 1);
	rcu_read_unlock();
}

/* --- a SYN: tcp_conn_request(rsk_ops, af_ops, sk, skb) --------------------- */

static int tcpi_on_conn_request_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct tcpi_listen_call *c = (struct tcpi_listen_call *)ri->data;
	const struct net *net;
	struct tcpi_lcounts *lc;
	u32 accept_cur;
	int mb;

	tcpi_listen_call_start(c, regs);
	c->noroute = tcpi_noroute_read(c->sk);
	net = sock_net(c->sk);
	mb = READ_ONCE(net->ipv4.sysctl_max_syn_backlog);
	/* tcp_conn_request()'s rule for unproven peers without cookies */
	c->last_quarter = !READ_ONCE(net->ipv4.sysctl_tcp_syncookies) &&
			  mb - inet_csk_reqsk_queue_len(c->sk) < (mb >> 2);

	accept_cur = READ_ONCE(c->sk->sk_ack_backlog);
	/* A SYN left out of the listener's row: one filtered record. */
	if (!tcpi_listener_pass(c->sk)) {
		tcpi_filter_skipped(1);
		return 0;
	}
	rcu_read_lock();
	lc = tcpi_my_counts(c->sk);
	if (lc) {
		WRITE_ONCE(lc->count[TCPI_LC_SYNS], lc->count[TCPI_LC_SYNS] + 1);
		WRITE_ONCE(lc->accept_hist[tcpi_hist_bucket(accept_cur)],
			   lc->accept_hist[tcpi_hist_bucket(accept_cur)] + 1);
		tcpi_lpeak(&lc->accept_peak, accept_cur);
	}
	rcu_read_unlock();
	return 0;
}

static int tcpi_on_conn_request(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct tcpi_listen_call *c = (struct tcpi_listen_call *)ri->data;
	const void *loc = tcpi_probes[TCPI_PROBE_TCP_CONN_REQUEST].krp.kp.addr;
	unsigned long d[TCPI_MIB_NR], known, other, noroute;
	struct tcpi_lcounts *lc;

	if (tcpi_probe_returned_off(TCPI_PROBE_TCP_CONN_REQUEST))
		return 0;
	tcpi_probe_hit(TCPI_PROBE_TCP_CONN_REQUEST);
	if (!tcpi_listen_call_delta(c, d))
		return 0;

	tcpi_listen_drops(c, tcpi.derived.syn_queue_full, d[TCPI_MIB_QFULL_DROP], loc);
	tcpi_listen_drops(c, tcpi.derived.listen_overflow, d[TCPI_MIB_OVERFLOWS], loc);
	known = d[TCPI_MIB_QFULL_DROP] + d[TCPI_MIB_OVERFLOWS];
	other = d[TCPI_MIB_DROPS] > known ? d[TCPI_MIB_DROPS] - known : 0;
	/*
	 * The request is routed before the last-quarter rule is applied: a
	 * SYN with no route back failed, whatever the queue's length.
	 */
	noroute = min_t(unsigned long, other, tcpi_noroute_read(c->sk) - c->noroute);
	tcpi_listen_drops(c, tcpi.derived.syn_request_failed, noroute, loc);
	other -= noroute;
	tcpi_listen_drops(c, c->last_quarter ? tcpi.derived.syn_queue_last_quarter :
			  tcpi.derived.syn_request_failed, other, loc);

	rcu_read_lock();
	lc = tcpi_my_counts(c->sk);
	if (lc) {
		WRITE_ONCE(lc->count[TCPI_LC_SYN_DROPS],
			   lc->count[TCPI_LC_SYN_DROPS] + d[TCPI_MIB_DROPS]);
		WRITE_ONCE(lc->count[TCPI_LC_OVERFLOWS],
			   lc->count[TCPI_LC_OVERFLOWS] + d[TCPI_MIB_OVERFLOWS]);
		WRITE_ONCE(lc->count[TCPI_LC_COOKIES],
			   lc->count[TCPI_LC_COOKIES] + d[TCPI_MIB_SYNCOOKIES_SENT]);
		tcpi_lpeak(&lc->syn_peak, inet_csk_reqsk_queue_len(c->sk));
		/* a Fast Open child joins the accept queue right here */
		tcpi_lpeak(&lc->accept_peak, READ_ONCE(c->sk->sk_ack_backlog));
	}
	rcu_read_unlock();
	return 0;
}

/* --- a final ACK: syn_recv_sock(sk, skb, req, ...) ------------------------- */

/*
 * A final ACK whose child cannot be made (the accept queue is full, or
 * memory or a route is wanting) is freed through kfree_skb as soon as
 * tcp_check_req() gives up: the entry hook notes the listener's counters
 * with it (note.c), and the kfree_skb probe counts the drop here.
 */
static void tcpi_syn_recv_sock_note(struct pt_regs *regs, enum tcpi_probe_id id)
{
	const struct sock *sk = (const struct sock *)regs_get_kernel_argument(regs, 0);
	const struct sk_buff *skb =
		(const struct sk_buff *)regs_get_kernel_argument(regs, 1);
	struct tcpi_note *n;

	tcpi_probe_hit(id);
	/* IPv4 on an IPv6 listener: the inner tcp_v4_syn_recv_sock() notes it */
	if (id == TCPI_PROBE_TCP_V6_SYN_RECV_SOCK &&
	    skb->protocol == htons(ETH_P_IP))
		return;
	n = tcpi_note_begin();
	n->kind = TCPI_NOTE_CHILD;
	n->id = id;
	n->sk = sk;
	n->net = sock_net(sk);
	n->netns = n->net->ns.inum;
	n->state = READ_ONCE(sk->sk_state);
	n->nr_mibs = 2;
	n->mib[TCPI_CHILD_OVERFLOWS] = LINUX_MIB_LISTENOVERFLOWS;
	n->mib[TCPI_CHILD_DROPS] = LINUX_MIB_LISTENDROPS;
	tcpi_note_publish(n, skb);
}

static void tcpi_on_tcp_v4_syn_recv_sock(struct pt_regs *regs)
{
	tcpi_syn_recv_sock_note(regs, TCPI_PROBE_TCP_V4_SYN_RECV_SOCK);
}

static void tcpi_on_tcp_v6_syn_recv_sock(struct pt_regs *regs)
{
	tcpi_syn_recv_sock_note(regs, TCPI_PROBE_TCP_V6_SYN_RECV_SOCK);
}

/**
 * tcpi_child_failed() - count a final ACK that made no child, as it is
 * freed
 * @n: the note of the syn_recv_sock() call, taken
 * @skb: the final ACK
 *
 * Return: true if it made no child and is counted here.
 */
bool tcpi_child_failed(const struct tcpi_note *n, const struct sk_buff *skb)
{
	unsigned long overflows = n->moved[TCPI_CHILD_OVERFLOWS];
	const void *loc = tcpi_probe_loc(n->id);
	struct tcpi_lcounts *lc;
	unsigned long drops;
	u16 reason;

	if (overflows) {
		reason = tcpi.derived.listen_overflow;
		drops = overflows;
	} else if (n->moved[TCPI_CHILD_DROPS]) {
		reason = tcpi.derived.listen_child_failed;
		drops = n->moved[TCPI_CHILD_DROPS];
	} else {
		return false;
	}
	while (drops--)
		tcpi_drop_noted(skb, loc, reason, n->netns, n->state, NULL);

	/* the listener is freed after a grace period: this softirq is in one */
	rcu_read_lock();
	lc = tcpi_my_counts(n->sk);
	if (lc)
		WRITE_ONCE(lc->count[TCPI_LC_OVERFLOWS],
			   lc->count[TCPI_LC_OVERFLOWS] + overflows);
	rcu_read_unlock();
	return true;
}

const struct tcpi_hook tcpi_hook_inet_csk_listen_stop = {
	.type = TCPI_TYPE_FENTRY,
	.symbol = "inet_csk_listen_stop",
	.on_entry = tcpi_on_listen_stop,
};

const struct tcpi_hook tcpi_hook_tcp_conn_request = {
	.type = TCPI_TYPE_KRETPROBE,
	.symbol = "tcp_conn_request",
	.entry_handler = tcpi_on_conn_request_entry,
	.ret_handler = tcpi_on_conn_request,
	.data_size = sizeof(struct tcpi_listen_call),
};

const struct tcpi_hook tcpi_hook_tcp_v4_syn_recv_sock = {
	.type = TCPI_TYPE_FENTRY,
	.symbol = "tcp_v4_syn_recv_sock",
	.on_entry = tcpi_on_tcp_v4_syn_recv_sock,
};

const struct tcpi_hook tcpi_hook_tcp_v6_syn_recv_sock = {
	.type = TCPI_TYPE_FENTRY,
	.symbol = "tcp_v6_syn_recv_sock",
	.on_entry = tcpi_on_tcp_v6_syn_recv_sock,
};

const struct tcpi_hook tcpi_hook_inet_csk_complete_hashdance = {
	.type = TCPI_TYPE_FENTRY,
	.symbol = "inet_csk_complete_hashdance",
	.on_entry = tcpi_on_complete_hashdance,
};
