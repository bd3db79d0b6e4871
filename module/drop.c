// SPDX-License-Identifier: GPL-2.0
/*
 * What happens to one dropped TCP segment, whichever hook saw it: count it
 * per reason, per (netns, local port, reason), and log it in the ring.
 * Runs with preemption disabled, possibly in softirq, possibly interrupting
 * itself on the same CPU: no locks, no allocation, only per-CPU or atomic
 * updates.
 */
#include <linux/ktime.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <net/net_namespace.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "derive.h"
#include "events.h"
#include "filter.h"
#include "hooks.h"
#include "note.h"
#include "pkt.h"
#include "tcpinsight.h"

u32 tcpi_netns_of(const struct sk_buff *skb, const struct sock *sk)
{
	if (!sk)
		sk = skb->sk;
	/* skc_net is in sock_common: valid for request and timewait socks */
	if (sk)
		return sock_net(sk)->ns.inum;
	if (skb->dev)
		return dev_net(skb->dev)->ns.inum;
	if (skb_dst(skb) && skb_dst(skb)->dev)
		return dev_net(skb_dst(skb)->dev)->ns.inum;
	return 0;
}

/*
 * A segment that arrived on an interface has skb_iif set by the receive
 * path; one this host built has not. The local port is the destination
 * port of the former and the source port of the latter.
 */
static bool tcpi_is_received(const struct sk_buff *skb, const struct sock *rx_sk)
{
	return rx_sk || skb->skb_iif;
}

/*
 * The peer's FIN, accepted and processed by a socket that is now being
 * destroyed (typically an orphan that received it in FIN_WAIT2, after an
 * active close): sk_stream_kill_queues() frees it with the rest of the
 * receive queue through kfree_skb(), as NOT_SPECIFIED (QUEUE_PURGE from
 * 6.7, no reason on 5.10), though nothing was lost. Counting it would log
 * a false drop for every connection this host closes first, each under
 * its own ephemeral port, until the port table is full. Only a segment
 * charged to a receive queue (sock_rfree) and already covered by rcv_nxt
 * qualifies: a duplicate FIN dropped on arrival is neither.
 */
static bool tcpi_accepted_fin(const struct sk_buff *skb, const struct sock *sk)
{
	const struct tcp_skb_cb *cb = TCP_SKB_CB(skb);

	return sk && skb->destructor == sock_rfree && !skb->len &&
	       sk_fullsock(sk) && sk->sk_protocol == IPPROTO_TCP &&
	       (cb->tcp_flags & TCPHDR_FIN) &&
	       !after(cb->end_seq, READ_ONCE(tcp_sk(sk)->rcv_nxt));
}

/*
 * A segment an entry hook noted (note.h): whether the call it was noted
 * in dropped it, in which case it is counted there.
 */
static bool tcpi_noted_drop(const struct sk_buff *skb)
{
	struct tcpi_note n;

	if (!tcpi_note_take(skb, &n))
		return false;
	if (n.kind == TCPI_NOTE_CHILD)
		return tcpi_child_failed(&n, skb);
	return tcpi_paws_rejected(&n, skb);
}

/*
 * What to read of a dropped segment: its ports to count it, the rest only
 * for an event, the timestamp option only for a PAWS drop's event. An
 * event turned on between this and tcpi_drop_count() finds only the ports:
 * that one drop is counted and not logged.
 */
static unsigned int tcpi_pkt_want(bool paws)
{
	if (!tcpi_events_wanted())
		return TCPI_PKT_PORTS;
	return paws ? TCPI_PKT_ALL : TCPI_PKT_HEADERS;
}

/*
 * The one place a dropped segment is recorded, in drops, ports and events,
 * whichever hook saw it; so also where the filter applies to drops.
 * @pkt is NULL when a hook knows a TCP segment whose headers it cannot read.
 */
static void tcpi_drop_count(const struct tcpi_pkt *pkt, unsigned int read,
			    const void *location, u16 reason, u8 state,
			    u32 netns, bool rx, const struct tcpi_info *info)
{
	struct tcpi_event ev;
	unsigned int cpu = smp_processor_id();
	u16 port;

	port = pkt ? (rx ? pkt->dport : pkt->sport) : 0;
	if (!tcpi_filter_pass(netns, pkt ? port : TCPI_FILTER_NO_PORT)) {
		tcpi_filter_skipped(1);
		return;
	}
	this_cpu_inc(tcpi.stats->reason[reason]);
	if (!pkt) {
		this_cpu_inc(tcpi.stats->ports_overflow);
		return;
	}
	if (!tcpi_porttab_add(tcpi.ports, tcpi_port_key_pack(netns, port, reason),
			      cpu))
		this_cpu_inc(tcpi.stats->ports_overflow);
	if (!(read & TCPI_PKT_HEADERS) || !tcpi_events_wanted())
		return;

	ev.ts = ktime_get_ns();
	ev.loc = location;
	ev.saddr = pkt->saddr;
	ev.daddr = pkt->daddr;
	ev.netns = netns;
	ev.seq = pkt->seq;
	ev.ack = pkt->ack;
	ev.len = pkt->len;
	ev.sport = pkt->sport;
	ev.dport = pkt->dport;
	ev.reason = reason;
	ev.cpu = cpu;
	ev.family = pkt->family;
	ev.state = state;
	ev.tcpflags = pkt->tcpflags;
	if (info)
		ev.info = *info;
	else
		memset(&ev.info, 0, sizeof(ev.info));
	tcpi_event_log(&ev);
}

/**
 * tcpi_drop_seen() - account one skb the kernel freed as dropped, if it is
 * a TCP segment
 * @skb: the skb being dropped
 * @location: where the kernel dropped it
 * @raw_reason: the kernel's reason, or TCPI_RAW_REASON_NONE
 * @rx_sk: the receiving socket, when the kernel says
 */
void tcpi_drop_seen(const struct sk_buff *skb, const void *location,
		    u32 raw_reason, const struct sock *rx_sk)
{
	struct tcpi_info info = { .kind = TCPI_INFO_NONE };
	const struct sock *sk = rx_sk ? rx_sk : skb->sk;
	struct tcpi_pkt pkt;
	unsigned int want;
	u16 reason;

	reason = tcpi_reason_index(&tcpi.reasons, raw_reason);
	/* Taken even for non-TCP skbs, so no mark outlives its skb. */
	reason = tcpi_derive_take(skb, reason, tcpi.reasons.not_specified);
	if (reason == TCPI_REASON_COUNTED || tcpi_noted_drop(skb) ||
	    tcpi_accepted_fin(skb, sk))
		return;
	want = tcpi_pkt_want(reason == tcpi.derived.paws);
	if (!tcpi_pkt_read(skb, &pkt, want))
		return;
	/* The kernel's own PAWS drop: a full socket in a synchronized state. */
	if (reason == tcpi.derived.paws && pkt.has_ts) {
		info.kind = TCPI_INFO_PAWS;
		info.sub = TCPI_PAWS_ESTABLISHED;
		info.a = pkt.tsval;
		if (sk && sk_fullsock(sk)) {
			info.b = READ_ONCE(tcp_sk(sk)->rx_opt.ts_recent);
			info.b_known = true;
		}
	}
	tcpi_drop_count(&pkt, want, location, reason,
			sk ? READ_ONCE(sk->sk_state) : 0, tcpi_netns_of(skb, rx_sk),
			tcpi_is_received(skb, rx_sk), &info);
}

/**
 * tcpi_drop_noted() - account a received TCP segment a hook saw dropped,
 * whose socket may be gone: what the hook noted of it stands in for it
 * @skb: the segment
 * @location: the hooked function
 * @reason: a reason index
 * @netns: the socket's netns
 * @state: the socket's state
 * @info: what explains it, or NULL
 */
void tcpi_drop_noted(const struct sk_buff *skb, const void *location,
		     u16 reason, u32 netns, u8 state,
		     const struct tcpi_info *info)
{
	struct tcpi_pkt pkt;
	unsigned int want = tcpi_pkt_want(false);
	bool parsed = tcpi_pkt_read(skb, &pkt, want);

	tcpi_drop_count(parsed ? &pkt : NULL, want, location, reason, state,
			netns, true, info);
}

/**
 * tcpi_drop_hooked() - account a received TCP segment a hook saw dropped
 * where kfree_skb does not fire (or fires without the reason)
 * @skb: the segment
 * @location: the hooked function
 * @reason: a reason index
 * @sk: the socket it was for (a listener, request or timewait socket)
 * @info: what explains it, or NULL
 */
void tcpi_drop_hooked(const struct sk_buff *skb, const void *location,
		      u16 reason, const struct sock *sk,
		      const struct tcpi_info *info)
{
	tcpi_drop_noted(skb, location, reason, sock_net(sk)->ns.inum,
			READ_ONCE(sk->sk_state), info);
}
