// SPDX-License-Identifier: GPL-2.0
/*
 * Counting what is not a dropped segment: one per-port counter, and an
 * event built from a socket rather than from a segment (a reset this host
 * sends on close, a connect that found no local port). Same rules as the
 * drop path: per-CPU counts, no lock, no allocation.
 */
#include <linux/ktime.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <net/inet_sock.h>
#include <net/ipv6.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "counters.h"
#include "events.h"
#include "filter.h"
#include "tcpinsight.h"

/**
 * tcpi_count() - add @n to a counter of /proc/tcpinsight/tcp
 * @netns: network namespace inode
 * @port: the local port (for connect failures: the destination port)
 * @counter: enum tcpi_counter
 * @reason: a reason index, or TCPI_CNT_NO_REASON
 * @n: how much
 *
 * The one place these counts are recorded, so where the filter applies to
 * them; an event that goes with a count is logged only if it was taken.
 *
 * Return: false if the filter left it out.
 */
bool tcpi_count(u32 netns, u16 port, unsigned int counter, u8 reason, u64 n)
{
	u64 key = tcpi_port_key_pack(netns, port, tcpi_counter_key(counter, reason));

	if (!n)
		return true;
	if (!tcpi_filter_pass(netns, port)) {
		tcpi_filter_skipped(n);
		return false;
	}
	if (!tcpi_porttab_add_n(tcpi.counters, key, smp_processor_id(), n))
		this_cpu_inc(tcpi.stats->counters_overflow);
	return true;
}

/**
 * tcpi_event_sock() - log an event about a socket, as if for a segment
 * from its local end to its peer; call only if its tcpi_count() was taken
 * @sk: a full socket
 * @state: the state to report it in (a TCP_* state)
 * @location: the hooked function
 * @reason: a reason index, printed as the event's reason
 * @tcpflags: the flags of the segment this host sends, if any
 * @len: bytes concerned (unread data discarded, ...)
 * @info: what explains it, or NULL
 */
void tcpi_event_sock(const struct sock *sk, u8 state, const void *location,
		     u16 reason, u8 tcpflags, u32 len, const struct tcpi_info *info)
{
	const struct inet_sock *inet = inet_sk(sk);
	struct tcpi_event ev;

	if (!tcpi_events_wanted())
		return;
	memset(&ev, 0, sizeof(ev));
	ev.ts = ktime_get_ns();
	ev.loc = location;
	ev.netns = sock_net(sk)->ns.inum;
	ev.cpu = smp_processor_id();
	ev.reason = reason;
	ev.state = state;
	ev.tcpflags = tcpflags;
	ev.len = len;
	/* inet_num is cleared when a closing socket is unhashed; this is not */
	ev.sport = ntohs(inet->inet_sport);
	ev.dport = ntohs(inet->inet_dport);
	if (sk->sk_family == AF_INET6) {
		ev.family = 6;
		ev.saddr = sk->sk_v6_rcv_saddr;
		ev.daddr = sk->sk_v6_daddr;
	} else {
		ev.family = 4;
		ev.saddr.s6_addr32[0] = inet->inet_rcv_saddr;
		ev.daddr.s6_addr32[0] = inet->inet_daddr;
	}
	if (info)
		ev.info = *info;
	tcpi_event_log(&ev);
}
