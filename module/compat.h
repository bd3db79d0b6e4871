/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the supported kernels lives here, and only here.
 *
 * Decisions come from the headers being built against, not from the version
 * number, because distribution kernels backport: Kbuild greps the headers
 * and passes TCPI_HDR_* flags, and this file turns them into one API.
 * Kbuild force-includes this file into every object.
 */
#ifndef TCPI_COMPAT_H
#define TCPI_COMPAT_H

/*
 * Before any kernel header: on some kernels the headers below pull in
 * printk.h, which would fix the default prefix first.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/version.h>
#include <linux/types.h>

struct sk_buff;
struct sock;

#ifndef CONFIG_64BIT
#error "tcpinsight needs a 64-bit kernel: its counters are read without locks"
#endif

/*
 * skb:kfree_skb probe prototype. The drop reason appeared in 5.17 and the
 * receiving socket in 6.11 (const from 6.16).
 */
#if defined(TCPI_HDR_KFREE_SKB_RX_SK_CONST)
#define TCPI_KFREE_SKB_PROBE_ARGS					\
	void *data, struct sk_buff *skb, void *location,		\
	enum skb_drop_reason reason, const struct sock *rx_sk
#define TCPI_KFREE_SKB_REASON	((u32)reason)
#define TCPI_KFREE_SKB_RX_SK	(rx_sk)
#elif defined(TCPI_HDR_KFREE_SKB_RX_SK)
#define TCPI_KFREE_SKB_PROBE_ARGS					\
	void *data, struct sk_buff *skb, void *location,		\
	enum skb_drop_reason reason, struct sock *rx_sk
#define TCPI_KFREE_SKB_REASON	((u32)reason)
#define TCPI_KFREE_SKB_RX_SK	((const struct sock *)rx_sk)
#elif defined(TCPI_HDR_KFREE_SKB_REASON)
#define TCPI_KFREE_SKB_PROBE_ARGS					\
	void *data, struct sk_buff *skb, void *location,		\
	enum skb_drop_reason reason
#define TCPI_KFREE_SKB_REASON	((u32)reason)
#define TCPI_KFREE_SKB_RX_SK	((const struct sock *)NULL)
#else
/*
 * No reasons: TCP frees the segments it drops in its receive path with
 * __kfree_skb() (tcp_drop()), where skb:kfree_skb never fires.
 */
#define TCPI_TCP_DROPS_UNTRACED
#define TCPI_KFREE_SKB_PROBE_ARGS					\
	void *data, struct sk_buff *skb, void *location
#define TCPI_KFREE_SKB_REASON	TCPI_RAW_REASON_NONE
#define TCPI_KFREE_SKB_RX_SK	((const struct sock *)NULL)
#endif

/* Whether the kernel gives its drops a reason (5.17 on). */
#ifdef TCPI_TCP_DROPS_UNTRACED
#define TCPI_KERNEL_DROP_REASONS	false
#else
#define TCPI_KERNEL_DROP_REASONS	true
#endif

/*
 * The kernel's drop-reason names. 6.1 has one flat array indexed by reason;
 * from 6.5 the core reasons are one list among per-subsystem lists, and a
 * reason's subsystem is in its upper 16 bits. Before 5.17 there is none.
 */
#if defined(TCPI_HDR_DROP_REASONS_BY_SUBSYS)
#include <net/dropreason.h>
#include <linux/rcupdate.h>
static inline unsigned int tcpi_kernel_reason_names(const char * const **names)
{
	const struct drop_reason_list *core;
	unsigned int n = 0;

	rcu_read_lock();
	core = rcu_dereference(drop_reasons_by_subsys[SKB_DROP_REASON_SUBSYS_CORE]);
	if (core) {
		/* The core list is static kernel data: it outlives the lock. */
		*names = core->reasons;
		n = core->n_reasons;
	}
	rcu_read_unlock();
	return n;
}
#elif defined(TCPI_HDR_DROP_REASONS_FLAT)
#include <net/dropreason.h>
static inline unsigned int tcpi_kernel_reason_names(const char * const **names)
{
	*names = drop_reasons;
	return SKB_DROP_REASON_MAX;
}
#else
static inline unsigned int tcpi_kernel_reason_names(const char * const **names)
{
	*names = NULL;
	return 0;
}
#endif

/*
 * Walking one bucket of the listening hash (lhash2). Until 5.19 listeners
 * are linked there through icsk_listen_portaddr_node; later through
 * sk_nulls_node. Call with the bucket's lock held.
 */
#include <net/inet_hashtables.h>
#include <net/inet_connection_sock.h>
#if defined(TCPI_HDR_LHASH2_ICSK_NODE)
static inline void tcpi_lhash2_bucket_walk(struct inet_listen_hashbucket *ilb2,
					   void (*fn)(struct sock *sk, void *arg),
					   void *arg)
{
	struct inet_connection_sock *icsk;

	hlist_for_each_entry(icsk, &ilb2->head, icsk_listen_portaddr_node)
		fn((struct sock *)icsk, arg);
}
#else
static inline void tcpi_lhash2_bucket_walk(struct inet_listen_hashbucket *ilb2,
					   void (*fn)(struct sock *sk, void *arg),
					   void *arg)
{
	struct hlist_nulls_node *node;
	struct sock *sk;

	sk_nulls_for_each(sk, node, &ilb2->nulls_head)
		fn(sk, arg);
}
#endif

/*
 * The SYN-queue length at which tcp_conn_request() stops queueing: 5.10
 * calls the queue full at sk_max_ack_backlog requests, later kernels
 * (and backports) one request later.
 */
#if defined(TCPI_HDR_SYNQ_FULL_AT_MAX)
#define TCPI_SYNQ_FULL_EXTRA	0
#else
#define TCPI_SYNQ_FULL_EXTRA	1
#endif

/*
 * The MIB counter a PAWS reject in TIME_WAIT bumps: PAWSEstab until 6.16
 * gave TIME_WAIT its own, PAWSTimewait.
 */
#if defined(TCPI_HDR_MIB_PAWS_TW_REJECTED)
#define TCPI_MIB_PAWS_TIMEWAIT	LINUX_MIB_PAWS_TW_REJECTED
#else
#define TCPI_MIB_PAWS_TIMEWAIT	LINUX_MIB_PAWSESTABREJECTED
#endif

/*
 * Why the kernel sends a RST: an enum sk_rst_reason argument from 6.10,
 * named by the header's own list. Before, tcpinsight says NO_SOCKET for a
 * RST to a segment that found no socket and NOT_SPECIFIED otherwise.
 */
#if defined(TCPI_HDR_RST_REASON)
#include <net/rstreason.h>
#define TCPI_RST_NAME(r)	\
	[SK_RST_REASON_##r] = #r,
#define TCPI_RST_NAME_END(r)
#define TCPI_RST_REASONS		SK_RST_REASON_MAX
static inline const char *tcpi_rst_reason_name(u32 r)
{
	static const char * const names[SK_RST_REASON_MAX] = {
		DEFINE_RST_REASON(TCPI_RST_NAME, TCPI_RST_NAME_END)
	};

	return r < SK_RST_REASON_MAX ? names[r] : NULL;
}

/* tcp_v4_send_reset(sk, skb, reason) */
#define TCPI_SEND_RESET_REASON(regs)	((u32)regs_get_kernel_argument(regs, 2))
#else
#define TCPI_RST_REASONS		2
#define tcpi_rst_reason_name(r)		((r) ? "NO_SOCKET" : "NOT_SPECIFIED")
#define TCPI_SEND_RESET_REASON(regs)	\
	((u32)!regs_get_kernel_argument(regs, 0))
#endif

/* tcp_send_active_reset(sk, reason) from 6.12; no reason before. */
#if defined(TCPI_HDR_ACTIVE_RESET_REASON_ARG1)
#define TCPI_ACTIVE_RESET_REASON(regs)	((u32)regs_get_kernel_argument(regs, 1))
#define TCPI_RST_ABORT_ON_CLOSE(r)	((r) == SK_RST_REASON_TCP_ABORT_ON_CLOSE)
#else
#define TCPI_ACTIVE_RESET_REASON(regs)	0u
#define TCPI_RST_ABORT_ON_CLOSE(r)	true
#endif

/* tcp:tcp_retransmit_skb gained the outcome in 7.0, and fires on failures. */
#if defined(TCPI_HDR_RETRANSMIT_ERR)
#define TCPI_RETRANSMIT_MORE_ARGS	\
	, int err
#define TCPI_RETRANSMIT_ERR		err
#else
#define TCPI_RETRANSMIT_MORE_ARGS
#define TCPI_RETRANSMIT_ERR		0
#endif

/* A proc file's data: PDE_DATA() was renamed pde_data() in 5.17. */
#if defined(TCPI_HDR_PDE_DATA)
#define tcpi_pde_data(inode)		pde_data(inode)
#else
#define tcpi_pde_data(inode)		PDE_DATA(inode)
#endif

/*
 * The entry hooks' ftrace_ops (fentry.c). From 5.11 a callback gets the
 * argument registers in a struct ftrace_regs (abstract from 6.12) and
 * guards itself against recursion, which also keeps preemption off; on
 * 5.10 it gets a struct pt_regs only when the ops saves them all, and ftrace
 * guards recursion and preemption for an ops not marked RECURSION_SAFE.
 */
#if defined(TCPI_HDR_FTRACE_REGS)
#define TCPI_FENTRY_ARGS	unsigned long ip, unsigned long parent_ip,	\
				struct ftrace_ops *op, struct ftrace_regs *fregs
#define TCPI_FENTRY_FLAGS	0
#define tcpi_fentry_lock(ip, parent_ip)	ftrace_test_recursion_trylock(ip, parent_ip)
#define tcpi_fentry_unlock(bit)		ftrace_test_recursion_unlock(bit)
#if defined(TCPI_HDR_FTRACE_REGS_ARCH)
#define tcpi_fentry_regs(fregs)		(&arch_ftrace_regs(fregs)->regs)
#else
#define tcpi_fentry_regs(fregs)		(&(fregs)->regs)
#endif
#else
#define TCPI_FENTRY_ARGS	unsigned long ip, unsigned long parent_ip,	\
				struct ftrace_ops *op, struct pt_regs *fregs
#define TCPI_FENTRY_FLAGS	FTRACE_OPS_FL_SAVE_REGS
#define tcpi_fentry_lock(ip, parent_ip)	0
#define tcpi_fentry_unlock(bit)		do { } while (0)
#define tcpi_fentry_regs(fregs)		(fregs)
#endif

/*
 * Many sites in one filter change from 5.18; before, one change each.
 * ftrace_free_filter() is exported on the kernels that have that (6.1's
 * updates included); before, an empty filter frees the ops' own, though
 * it needs memory to do so.
 */
#if defined(TCPI_HDR_FTRACE_SET_FILTER_IPS)
#define tcpi_ftrace_set_filter_ips(ops, ips, n, remove)	\
	ftrace_set_filter_ips(ops, ips, n, remove, 0)
#define tcpi_ftrace_free_filter(ops)	ftrace_free_filter(ops)
#else
#define tcpi_ftrace_free_filter(ops)	ftrace_set_filter(ops, NULL, 0, 1)
struct ftrace_ops;
int ftrace_set_filter_ip(struct ftrace_ops *ops, unsigned long ip, int remove,
			 int reset);

static inline int tcpi_ftrace_set_filter_ips(struct ftrace_ops *ops,
					     unsigned long *ips, unsigned int n,
					     int remove)
{
	unsigned int i;
	int err = 0;

	for (i = 0; i < n && !err; i++)
		err = ftrace_set_filter_ip(ops, ips[i], remove, 0);
	return err;
}
#endif

/*
 * Tracepoint probes run under SRCU from 6.17 or so (7.2 here), and can be
 * preempted: a grace period of RCU does not wait for one that is running.
 * Before, they run with preemption disabled and it does.
 */
#if defined(TCPI_HDR_TRACEPOINT_SRCU)
#include <linux/tracepoint.h>
#define tcpi_tracepoint_sync()	synchronize_srcu(&tracepoint_srcu)
#else
#define tcpi_tracepoint_sync()	do { } while (0)
#endif

#endif /* TCPI_COMPAT_H */
