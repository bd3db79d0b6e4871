// SPDX-License-Identifier: GPL-2.0
/*
 * Each rule looks at what the kernel counted since the module was loaded
 * and, where something went wrong, says what it means, where to look,
 * and which sysctl or code change to consider, with the sysctl's value
 * now. Sysctls are per network namespace: explain reads its own, and
 * says so when the trouble is in another namespace.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "explain.h"
#include "hist.h"
#include "num.h"
#include "sysctl.h"
#include "xalloc.h"

struct ctl_explain {
	const struct ctl_snap *s;
	struct ctl_findings *fs;
	bool own_known;
	uint64_t own_netns;
};

/* Grouped numbers for the text, several per sentence. */
static const char *ctl_g(uint64_t v)
{
	static char ring[16][CTL_NUM_GROUPED_LEN];
	static unsigned int next;

	return ctl_group_u64(v, ring[next++ % 16]);
}

static const char *ctl_plural(uint64_t v, const char *one, const char *many)
{
	return v == 1 ? one : many;
}

/* Drop reasons of the receive buffer filling up. */
static const char *const ctl_rcvbuf_reasons[] = {
	"SOCKET_RCVBUFF", "TCP_ZEROWINDOW", "TCP_OFO_DROP", "TCP_OFOMERGE",
	"TCP_OFO_QUEUE_PRUNE", "PROTO_MEM",
};

static const char *const ctl_rcvbuf_counters[] = {
	"prune_called", "rcv_pruned", "rcv_collapsed",
};

static const char *const ctl_synq_reasons[] = {
	"TCP_SYN_QUEUE_FULL", "TCP_SYN_QUEUE_LAST_QUARTER",
};

static const char *const ctl_paws_reasons[] = {
	"TCP_RFC7323_PAWS", "TCP_RFC7323_TW_PAWS",
};

/* Every reason a rule explains; the others go to other_drops. */
static const char *const ctl_explained_reasons[] = {
	"NO_SOCKET", "TCP_LISTEN_OVERFLOW", "TCP_SYN_QUEUE_FULL",
	"TCP_SYN_QUEUE_LAST_QUARTER", "TCP_RFC7323_PAWS",
	"TCP_RFC7323_TW_PAWS", "TCP_RST_PAWS_SYN_RECV", "SOCKET_RCVBUFF",
	"TCP_ZEROWINDOW", "TCP_OFO_DROP", "TCP_OFOMERGE",
	"TCP_OFO_QUEUE_PRUNE", "PROTO_MEM",
};

static bool ctl_in(const char *s, const char *const *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, set[i]))
			return true;
	return false;
}

/* Drops of @reason for one netns and port. */
static uint64_t ctl_port_count(const struct ctl_snap *s, uint64_t netns,
			       uint64_t port, const char *reason)
{
	size_t i;

	for (i = 0; i < s->nports; i++)
		if (s->ports[i].netns == netns && s->ports[i].port == port &&
		    !strcmp(s->ports[i].reason, reason))
			return s->ports[i].count;
	return 0;
}

/* A tcp counter for one netns and port, all its reasons added up. */
static uint64_t ctl_tcp_count(const struct ctl_snap *s, uint64_t netns,
			      uint64_t port, const char *counter)
{
	uint64_t sum = 0;
	size_t i;

	for (i = 0; i < s->ntcp; i++)
		if (s->tcp[i].netns == netns && s->tcp[i].port == port &&
		    !strcmp(s->tcp[i].counter, counter))
			sum += s->tcp[i].count;
	return sum;
}

/* The listener on @port in @netns with the most overflows, or NULL. */
static const struct ctl_listener *ctl_port_listener(const struct ctl_snap *s,
						    uint64_t netns,
						    uint64_t port)
{
	const struct ctl_listener *best = NULL;
	size_t i;

	for (i = 0; i < s->nlisteners; i++) {
		const struct ctl_listener *l = &s->listeners[i];

		if (l->v[L_NETNS] != netns || l->v[L_PORT] != port)
			continue;
		if (!best || l->v[L_OVERFLOWS] + l->v[L_SYN_DROPS] >
			     best->v[L_OVERFLOWS] + best->v[L_SYN_DROPS])
			best = l;
	}
	return best;
}

/* The netns and port pairs with trouble, each once. */
struct ctl_where {
	uint64_t netns;
	uint64_t port;
};

struct ctl_wheres {
	struct ctl_where *w;
	size_t n;
	size_t cap;
};

static void ctl_wheres_add(struct ctl_wheres *ws, uint64_t netns,
			   uint64_t port)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		if (ws->w[i].netns == netns && ws->w[i].port == port)
			return;
	ws->w = ctl_xgrow(ws->w, &ws->cap, ws->n + 1, sizeof(*ws->w), 8);
	ws->w[ws->n].netns = netns;
	ws->w[ws->n].port = port;
	ws->n++;
}

static void ctl_wheres_ports(struct ctl_wheres *ws, const struct ctl_snap *s,
			     const char *const *reasons, size_t n)
{
	size_t i;

	for (i = 0; i < s->nports; i++)
		if (s->ports[i].count && ctl_in(s->ports[i].reason, reasons, n))
			ctl_wheres_add(ws, s->ports[i].netns, s->ports[i].port);
}

static void ctl_wheres_tcp(struct ctl_wheres *ws, const struct ctl_snap *s,
			   const char *const *counters, size_t n)
{
	size_t i;

	for (i = 0; i < s->ntcp; i++)
		if (s->tcp[i].count && ctl_in(s->tcp[i].counter, counters, n))
			ctl_wheres_add(ws, s->tcp[i].netns, s->tcp[i].port);
}

/* When the trouble is in another namespace than the sysctls read. */
static void ctl_netns_note(const struct ctl_explain *e, struct ctl_finding *f)
{
	if (e->own_known && f->netns == e->own_netns)
		return;
	ctl_finding_text(f, "Sysctls are per network namespace, and the values quoted here are those of the namespace this command runs in, not necessarily of netns %" PRIu64 ": read them there too (nsenter --net=/proc/PID/ns/net sysctl ...).",
			 f->netns);
}

static void ctl_rule_listener_overflow(struct ctl_explain *e,
				       const struct ctl_listener *l)
{
	uint64_t limit = l->v[L_ACCEPT_MAX], somaxconn, syns = 0, full = 0;
	char *ep = ctl_listener_endpoint(l);
	struct ctl_finding *f;
	const char *v;
	struct ctl_hist h;

	f = ctl_finding_add(e->fs, "accept_queue_overflow", l->v[L_OVERFLOWS]);
	ctl_finding_where(f, l->v[L_NETNS], true, l->v[L_PORT]);
	ctl_finding_title(f, "Accept queue overflow: %s (netns %" PRIu64 ") turned away %s %s",
			  ep, l->v[L_NETNS], ctl_g(l->v[L_OVERFLOWS]),
			  ctl_plural(l->v[L_OVERFLOWS], "connection", "connections"));
	ctl_finding_text(f, "The kernel completes connections for this listener and queues them until the application calls accept(). The queue's limit is %s; it holds limit + 1 and has held %s at most (%s now). Every connection past that was turned away (TCP_LISTEN_OVERFLOW).",
			 ctl_g(limit), ctl_g(l->v[L_ACCEPT_PEAK]),
			 ctl_g(l->v[L_ACCEPT_CUR]));
	v = ctl_finding_sysctl(f, "net.core.somaxconn");
	if (ctl_sysctl_u64("net.core.somaxconn", &somaxconn)) {
		if (limit >= somaxconn)
			ctl_finding_text(f, "The limit %s comes from net.core.somaxconn (%s), which caps the backlog the application passed to listen(): the application asked for at least that.",
					 ctl_g(limit), v);
		else
			ctl_finding_text(f, "The limit %s is the backlog the application passed to listen(): net.core.somaxconn (%s) is higher and does not cap it.",
					 ctl_g(limit), v);
	} else {
		ctl_finding_text(f, "The limit is min(the listen() backlog of the application, net.core.somaxconn).");
	}
	ctl_hist_begin(&h, l->hist);
	while (ctl_hist_next(&h) > 0) {
		syns += h.count;
		if (limit && h.low * 2 > limit)
			full += h.count;
	}
	if (full)
		ctl_finding_text(f, "%s of the %s SYNs it received found the accept queue at or near its limit.",
				 ctl_g(full), ctl_g(syns));
	ctl_finding_text(f, "The application accepts too slowly, or stopped accepting: a longer queue only absorbs bursts.");
	ctl_netns_note(e, f);
	ctl_finding_look(f, "the process listening on port %" PRIu64 " (ss -ltnp 'sport = :%" PRIu64 "'): its accept loop, its number of workers, anything that blocks before accept()",
			 l->v[L_PORT], l->v[L_PORT]);
	ctl_finding_look(f, CTL_NAME " listeners: ACCEPT and PEAK of this listener over time");
	ctl_finding_consider(f, "make the application accept faster: more threads or processes accepting, no slow work between accept() calls");
	ctl_finding_consider(f, "a larger backlog in the application's listen() call (or its configuration), and net.core.somaxconn (now %s) at least as large",
			     v);
	v = ctl_finding_sysctl(f, "net.ipv4.tcp_abort_on_overflow");
	ctl_finding_consider(f, "net.ipv4.tcp_abort_on_overflow (now %s): 0 drops the final ACK so the client retries; 1 resets the connection at once. Keep 0 for bursts",
			     v);
	free(ep);
}

static void ctl_rule_port_overflow(struct ctl_explain *e, uint64_t netns,
				   uint64_t port, uint64_t n)
{
	struct ctl_finding *f;
	const char *v;

	f = ctl_finding_add(e->fs, "accept_queue_overflow", n);
	ctl_finding_where(f, netns, true, port);
	ctl_finding_title(f, "Accept queue overflow: port %" PRIu64 " (netns %" PRIu64 ") turned away %s %s",
			  port, netns, ctl_g(n),
			  ctl_plural(n, "connection", "connections"));
	ctl_finding_text(f, "A listener on this port had its accept queue full: the application did not accept() fast enough. It no longer has a row in the listeners table (it closed, or was not tracked).");
	v = ctl_finding_sysctl(f, "net.core.somaxconn");
	ctl_netns_note(e, f);
	ctl_finding_look(f, "the process listening on port %" PRIu64 " and how fast it accepts",
			 port);
	ctl_finding_consider(f, "make the application accept faster; a larger listen() backlog, and net.core.somaxconn (now %s) at least as large",
			     v);
}

static void ctl_rule_accept(struct ctl_explain *e)
{
	const struct ctl_snap *s = e->s;
	size_t i;

	for (i = 0; i < s->nlisteners; i++)
		if (s->listeners[i].v[L_OVERFLOWS])
			ctl_rule_listener_overflow(e, &s->listeners[i]);
	for (i = 0; i < s->nports; i++) {
		const struct ctl_port_row *p = &s->ports[i];
		const struct ctl_listener *l;

		if (!p->count || strcmp(p->reason, "TCP_LISTEN_OVERFLOW"))
			continue;
		l = ctl_port_listener(s, p->netns, p->port);
		if (!l || !l->v[L_OVERFLOWS])
			ctl_rule_port_overflow(e, p->netns, p->port, p->count);
	}
}

static void ctl_rule_synq_port(struct ctl_explain *e, uint64_t netns,
			       uint64_t port)
{
	uint64_t full = ctl_port_count(e->s, netns, port, "TCP_SYN_QUEUE_FULL");
	uint64_t quarter = ctl_port_count(e->s, netns, port,
					  "TCP_SYN_QUEUE_LAST_QUARTER");
	const struct ctl_listener *l = ctl_port_listener(e->s, netns, port);
	struct ctl_finding *f;
	const char *sc, *msb, *smc;

	f = ctl_finding_add(e->fs, "syn_queue_full", full + quarter);
	ctl_finding_where(f, netns, true, port);
	ctl_finding_title(f, "SYN queue full: port %" PRIu64 " (netns %" PRIu64 ") dropped %s %s",
			  port, netns, ctl_g(full + quarter),
			  ctl_plural(full + quarter, "SYN", "SYNs"));
	sc = ctl_finding_sysctl(f, "net.ipv4.tcp_syncookies");
	msb = ctl_finding_sysctl(f, "net.ipv4.tcp_max_syn_backlog");
	smc = ctl_finding_sysctl(f, "net.core.somaxconn");
	if (full)
		ctl_finding_text(f, "%s %s dropped because the listener's SYN queue (connections half open, in SYN_RECV) was full and no SYN cookie was sent (TCP_SYN_QUEUE_FULL).",
				 ctl_g(full), ctl_plural(full, "SYN was", "SYNs were"));
	if (quarter)
		ctl_finding_text(f, "%s %s dropped because, without SYN cookies, the last quarter of net.ipv4.tcp_max_syn_backlog (now %s) is kept for peers already proven alive (TCP_SYN_QUEUE_LAST_QUARTER).",
				 ctl_g(quarter),
				 ctl_plural(quarter, "SYN was", "SYNs were"), msb);
	ctl_finding_text(f, "SYN cookies are %s (net.ipv4.tcp_syncookies = %s). The SYN queue is as long as the accept queue's limit (the listen() backlog capped by net.core.somaxconn, now %s); without cookies, SYNs from unproven peers are also dropped once fewer than a quarter of net.ipv4.tcp_max_syn_backlog (now %s) slots are left.",
			 !strcmp(sc, "0") ? "off" : "on", sc, smc, msb);
	if (l) {
		char *ep = ctl_listener_endpoint(l);

		ctl_finding_text(f, "Its listener %s drops SYNs from a SYN-queue length of %s and has had %s half-open at most.",
				 ep, ctl_g(l->v[L_SYN_MAX]), ctl_g(l->v[L_SYN_PEAK]));
		free(ep);
	}
	ctl_finding_text(f, "Clients whose SYN is dropped retry after 1, 3, 7 ... seconds or give up. Many SYNs that never complete the handshake are a SYN flood; a burst of real clients needs a longer queue.");
	ctl_netns_note(e, f);
	ctl_finding_look(f, "the SYNs' sources: " CTL_NAME " events (reason TCP_SYN_QUEUE_FULL), and ss -tn state syn-recv 'sport = :%" PRIu64 "'",
			 port);
	ctl_finding_consider(f, "net.ipv4.tcp_syncookies = 1 (now %s): answer with a cookie when the queue is full, so no real client is turned away",
			     sc);
	ctl_finding_consider(f, "net.ipv4.tcp_max_syn_backlog (now %s): raise it", msb);
	ctl_finding_consider(f, "a larger listen() backlog in the application, and net.core.somaxconn (now %s) at least as large",
			     smc);
}

static void ctl_rule_synq(struct ctl_explain *e)
{
	struct ctl_wheres ws = { 0 };
	size_t i;

	ctl_wheres_ports(&ws, e->s, ctl_synq_reasons,
			 ARRAY_SIZE(ctl_synq_reasons));
	for (i = 0; i < ws.n; i++)
		ctl_rule_synq_port(e, ws.w[i].netns, ws.w[i].port);
	free(ws.w);
}

static void ctl_rule_cookies(struct ctl_explain *e)
{
	const struct ctl_snap *s = e->s;
	size_t i;

	for (i = 0; i < s->nlisteners; i++) {
		const struct ctl_listener *l = &s->listeners[i];
		struct ctl_finding *f;
		const char *sc;
		char *ep;

		if (!l->v[L_COOKIES])
			continue;
		ep = ctl_listener_endpoint(l);
		f = ctl_finding_add(e->fs, "syn_cookies", l->v[L_COOKIES]);
		ctl_finding_where(f, l->v[L_NETNS], true, l->v[L_PORT]);
		ctl_finding_title(f, "SYN cookies: %s (netns %" PRIu64 ") answered %s %s with a cookie",
				  ep, l->v[L_NETNS], ctl_g(l->v[L_COOKIES]),
				  ctl_plural(l->v[L_COOKIES], "SYN", "SYNs"));
		sc = ctl_finding_sysctl(f, "net.ipv4.tcp_syncookies");
		if (!l->v[L_SYN_MAX])
			ctl_finding_text(f, "Its SYN-queue limit is 0: net.ipv4.tcp_syncookies is 2 in its namespace, and every SYN gets a cookie whether the queue is full or not.");
		else
			ctl_finding_text(f, "Its SYN queue (limit %s, %s at most) overflowed, and net.ipv4.tcp_syncookies = %s let the connections through with cookies instead of queueing them.",
					 ctl_g(l->v[L_SYN_MAX]),
					 ctl_g(l->v[L_SYN_PEAK]), sc);
		ctl_finding_text(f, "No client was turned away, but a connection made from a cookie loses the TCP options its SYN carried (window scaling, SACK) unless timestamps are on, so it can be slower. A SYN flood, or a SYN queue too short for the load.");
		ctl_netns_note(e, f);
		ctl_finding_look(f, "where the SYNs come from: ss -tn state syn-recv 'sport = :%" PRIu64 "'",
				 l->v[L_PORT]);
		ctl_finding_consider(f, "a larger listen() backlog and net.core.somaxconn (now %s), and net.ipv4.tcp_max_syn_backlog (now %s), if these are real clients",
				     ctl_finding_sysctl(f, "net.core.somaxconn"),
				     ctl_finding_sysctl(f, "net.ipv4.tcp_max_syn_backlog"));
		free(ep);
	}
}

static void ctl_rule_paws_port(struct ctl_explain *e, uint64_t netns,
			       uint64_t port)
{
	uint64_t est = ctl_port_count(e->s, netns, port, "TCP_RFC7323_PAWS");
	uint64_t tw = ctl_port_count(e->s, netns, port, "TCP_RFC7323_TW_PAWS");
	struct ctl_finding *f;
	const char *recycle, *ts;

	f = ctl_finding_add(e->fs, "paws", est + tw);
	ctl_finding_where(f, netns, true, port);
	ctl_finding_title(f, "PAWS: port %" PRIu64 " (netns %" PRIu64 ") dropped %s %s with an old timestamp",
			  port, netns, ctl_g(est + tw),
			  ctl_plural(est + tw, "segment", "segments"));
	ctl_finding_text(f, "PAWS (RFC 7323) drops a segment whose TCP timestamp is older than the last one this host saw from that peer: %s in connections (TCP_RFC7323_PAWS), %s to TIME_WAIT sockets (TCP_RFC7323_TW_PAWS).",
			 ctl_g(est), ctl_g(tw));
	ctl_finding_text(f, "The usual cause is clients behind one NAT or load balancer whose clocks differ: to this host they are one peer whose timestamps jump back and forth.");
	recycle = ctl_finding_sysctl(f, "net.ipv4.tcp_tw_recycle");
	ts = ctl_finding_sysctl(f, "net.ipv4.tcp_timestamps");
	if (strcmp(recycle, "absent"))
		ctl_finding_text(f, "net.ipv4.tcp_tw_recycle is %s: with 1, this kernel (older than 4.12) also applies PAWS per peer address to new connections' SYNs, which breaks clients behind NAT.",
				 recycle);
	else
		ctl_finding_text(f, "(net.ipv4.tcp_tw_recycle, which made this hit SYNs on kernels before 4.12, does not exist on this one.)");
	ctl_netns_note(e, f);
	ctl_finding_look(f, CTL_NAME " events: the sources of these drops and their info (tsval against ts_recent); many source ports from one address with unrelated tsvals is a NAT");
	if (strcmp(recycle, "absent"))
		ctl_finding_consider(f, "net.ipv4.tcp_tw_recycle = 0 (now %s)", recycle);
	ctl_finding_consider(f, "fix the timestamps at the NAT or load balancer (one clock, or no timestamps there)");
	ctl_finding_consider(f, "net.ipv4.tcp_timestamps (now %s): 0 turns PAWS off on this host, at the cost of RTT measurement and protection against wrapped sequence numbers; a last resort",
			     ts);
}

static void ctl_rule_paws(struct ctl_explain *e)
{
	struct ctl_wheres ws = { 0 };
	size_t i;

	ctl_wheres_ports(&ws, e->s, ctl_paws_reasons,
			 ARRAY_SIZE(ctl_paws_reasons));
	for (i = 0; i < ws.n; i++)
		ctl_rule_paws_port(e, ws.w[i].netns, ws.w[i].port);
	free(ws.w);
}

static void ctl_rule_residual(struct ctl_explain *e)
{
	const struct ctl_snap *s = e->s;
	size_t i;

	for (i = 0; i < s->nports; i++) {
		const struct ctl_port_row *p = &s->ports[i];
		struct ctl_finding *f;

		if (!p->count || strcmp(p->reason, "TCP_RST_PAWS_SYN_RECV"))
			continue;
		f = ctl_finding_add(e->fs, "residual_connection", p->count);
		ctl_finding_where(f, p->netns, true, p->port);
		ctl_finding_title(f, "Residual connections: port %" PRIu64 " (netns %" PRIu64 ") ignored %s %s in SYN_RECV",
				  p->port, p->netns, ctl_g(p->count),
				  ctl_plural(p->count, "RST", "RSTs"));
		ctl_finding_text(f, "A RST came for a connection still in the handshake (SYN_RECV) with a timestamp older than its SYN's, and PAWS dropped it (TCP_RST_PAWS_SYN_RECV). When the peer's final ACK follows, this host completes the connection and keeps it ESTABLISHED although the peer has given it up: a residual connection nobody owns, one for each of these.");
		ctl_finding_text(f, "The typical sender is a load balancer's health check that sends SYN, then a RST with an old or zero timestamp, then the ACK.");
		ctl_finding_look(f, "ss -tn state established 'sport = :%" PRIu64 "': connections from the health checker's address that never send anything",
				 p->port);
		ctl_finding_look(f, CTL_NAME " events: the peer of each TCP_RST_PAWS_SYN_RECV and both timestamps (info tsval, ts_recent)");
		ctl_finding_consider(f, "fix the health check: end with a RST carrying a current timestamp, or close with FIN");
		ctl_finding_consider(f, "an idle timeout in the application, or SO_KEEPALIVE with net.ipv4.tcp_keepalive_time (now %s s), to reap the leftovers",
				     ctl_finding_sysctl(f, "net.ipv4.tcp_keepalive_time"));
		ctl_netns_note(e, f);
	}
}

static void ctl_rule_ports_exhausted(struct ctl_explain *e)
{
	static const char *const counters[] = { "connect_eaddrnotavail" };
	struct ctl_wheres ws = { 0 };
	uint64_t lo, hi;
	size_t i;

	ctl_wheres_tcp(&ws, e->s, counters, 1);
	for (i = 0; i < ws.n; i++) {
		uint64_t netns = ws.w[i].netns, port = ws.w[i].port;
		uint64_t n = ctl_tcp_count(e->s, netns, port, counters[0]);
		struct ctl_finding *f;
		const char *range;

		f = ctl_finding_add(e->fs, "port_exhaustion", n);
		ctl_finding_where(f, netns, true, port);
		ctl_finding_title(f, "Local ports exhausted: connect() to port %" PRIu64 " (netns %" PRIu64 ") failed %s %s",
				  port, netns, ctl_g(n),
				  ctl_plural(n, "time", "times"));
		range = ctl_finding_sysctl(f, "net.ipv4.ip_local_port_range");
		if (ctl_sysctl_nth("net.ipv4.ip_local_port_range", 0, &lo) &&
		    ctl_sysctl_nth("net.ipv4.ip_local_port_range", 1, &hi) &&
		    hi >= lo)
			ctl_finding_text(f, "connect() failed with EADDRNOTAVAIL (\"Cannot assign requested address\"): every local port of net.ipv4.ip_local_port_range (%s: %s ports) was taken towards that destination (each destination address and port needs its own local port per connection).",
					 range, ctl_g(hi - lo + 1));
		else
			ctl_finding_text(f, "connect() failed with EADDRNOTAVAIL (\"Cannot assign requested address\"): every local port of net.ipv4.ip_local_port_range (%s) was taken towards that destination.",
					 range);
		ctl_finding_text(f, "Ports are usually held by connections in TIME_WAIT (closed by this host less than a minute ago) or CLOSE_WAIT (closed by the peer, never by the application).");
		ctl_netns_note(e, f);
		ctl_finding_look(f, "ss -tan 'dport = :%" PRIu64 "' | awk '{print $1}' | sort | uniq -c: how many are in TIME-WAIT and CLOSE-WAIT",
				 port);
		ctl_finding_look(f, CTL_NAME " events: CONNECT_EADDRNOTAVAIL with the destination and the range in force");
		ctl_finding_consider(f, "reuse connections (keep-alive, a pool) instead of one per request");
		ctl_finding_consider(f, "net.ipv4.ip_local_port_range (now %s): widen it", range);
		ctl_finding_consider(f, "net.ipv4.tcp_tw_reuse (now %s): 1 lets new outgoing connections take ports in TIME_WAIT (needs timestamps)",
				     ctl_finding_sysctl(f, "net.ipv4.tcp_tw_reuse"));
		ctl_finding_consider(f, "close the sockets left in CLOSE_WAIT: the application never calls close() on them");
	}
	free(ws.w);
}

static void ctl_rule_rcvbuf_port(struct ctl_explain *e, uint64_t netns,
				 uint64_t port)
{
	uint64_t drops = 0, c[ARRAY_SIZE(ctl_rcvbuf_counters)];
	struct ctl_finding *f;
	char list[512];
	size_t i, used = 0;
	const char *rmem;

	list[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(ctl_rcvbuf_reasons); i++) {
		uint64_t n = ctl_port_count(e->s, netns, port,
					    ctl_rcvbuf_reasons[i]);

		if (!n)
			continue;
		drops += n;
		used += (size_t)snprintf(list + used, sizeof(list) - used,
					 "%s%s %s", used ? ", " : "",
					 ctl_rcvbuf_reasons[i], ctl_g(n));
		if (used >= sizeof(list))
			used = sizeof(list) - 1;
	}
	for (i = 0; i < ARRAY_SIZE(ctl_rcvbuf_counters); i++)
		c[i] = ctl_tcp_count(e->s, netns, port, ctl_rcvbuf_counters[i]);
	f = ctl_finding_add(e->fs, "receive_buffer",
			    drops + c[1] ? drops + c[1] : c[0] + c[2]);
	ctl_finding_where(f, netns, true, port);
	ctl_finding_title(f, "Receive buffer full: port %" PRIu64 " (netns %" PRIu64 ")%s%s%s",
			  port, netns, drops ? " dropped " : "",
			  drops ? ctl_g(drops) : "",
			  drops ? ctl_plural(drops, " segment", " segments") :
				  " pruned its receive queues");
	if (drops)
		ctl_finding_text(f, "Segments were dropped because the receive side was out of room: %s.",
				 list);
	if (c[0] || c[1] || c[2])
		ctl_finding_text(f, "The kernel pruned receive queues to free memory %s %s, dropping %s %s, and collapsed %s to save room.",
				 ctl_g(c[0]), ctl_plural(c[0], "time", "times"),
				 ctl_g(c[1]), ctl_plural(c[1], "segment", "segments"),
				 ctl_g(c[2]));
	ctl_finding_text(f, "The application reads too slowly, or the receive buffer is small for the bandwidth times the round-trip time. PROTO_MEM means TCP as a whole hit net.ipv4.tcp_mem.");
	rmem = ctl_finding_sysctl(f, "net.ipv4.tcp_rmem");
	ctl_netns_note(e, f);
	ctl_finding_look(f, "ss -tmi 'sport = :%" PRIu64 "': Recv-Q and the skmem of these connections",
			 port);
	ctl_finding_consider(f, "read faster: the application's read loop, its threads");
	ctl_finding_consider(f, "net.ipv4.tcp_rmem (now %s): raise the third value, the most autotuning may give a socket",
			     rmem);
	ctl_finding_consider(f, "no SO_RCVBUF in the application: setting it turns autotuning off, and net.core.rmem_max (now %s) caps it",
			     ctl_finding_sysctl(f, "net.core.rmem_max"));
	ctl_finding_consider(f, "net.ipv4.tcp_mem (now %s), if PROTO_MEM drops appear",
			     ctl_finding_sysctl(f, "net.ipv4.tcp_mem"));
}

static void ctl_rule_rcvbuf(struct ctl_explain *e)
{
	struct ctl_wheres ws = { 0 };
	size_t i;

	ctl_wheres_ports(&ws, e->s, ctl_rcvbuf_reasons,
			 ARRAY_SIZE(ctl_rcvbuf_reasons));
	ctl_wheres_tcp(&ws, e->s, ctl_rcvbuf_counters,
		       ARRAY_SIZE(ctl_rcvbuf_counters));
	for (i = 0; i < ws.n; i++)
		ctl_rule_rcvbuf_port(e, ws.w[i].netns, ws.w[i].port);
	free(ws.w);
}

static void ctl_rule_sndbuf(struct ctl_explain *e)
{
	static const char *const counters[] = { "sndbuf_wait", "sndbuf_wait_us" };
	struct ctl_wheres ws = { 0 };
	size_t i;

	ctl_wheres_tcp(&ws, e->s, counters, 2);
	for (i = 0; i < ws.n; i++) {
		uint64_t netns = ws.w[i].netns, port = ws.w[i].port;
		uint64_t n = ctl_tcp_count(e->s, netns, port, counters[0]);
		uint64_t us = ctl_tcp_count(e->s, netns, port, counters[1]);
		struct ctl_finding *f;

		f = ctl_finding_add(e->fs, "send_buffer", n ? n : 1);
		ctl_finding_where(f, netns, true, port);
		ctl_finding_title(f, "Send buffer full: senders on port %" PRIu64 " (netns %" PRIu64 ") waited %s %s",
				  port, netns, ctl_g(n), ctl_plural(n, "time", "times"));
		ctl_finding_text(f, "Writers waited for send-buffer space %s %s, %s.%03" PRIu64 " s in all: the peer or the network takes the data slower than the application writes it, or the send buffer is small for the bandwidth times the round-trip time.",
				 ctl_g(n), ctl_plural(n, "time", "times"),
				 ctl_g(us / 1000000), us / 1000 % 1000);
		ctl_netns_note(e, f);
		ctl_finding_look(f, "ss -tmi 'sport = :%" PRIu64 "': Send-Q, cwnd and rtt of these connections",
				 port);
		ctl_finding_consider(f, "net.ipv4.tcp_wmem (now %s): raise the third value",
				     ctl_finding_sysctl(f, "net.ipv4.tcp_wmem"));
		ctl_finding_consider(f, "no SO_SNDBUF in the application: it turns autotuning off, and net.core.wmem_max (now %s) caps it",
				     ctl_finding_sysctl(f, "net.core.wmem_max"));
	}
	free(ws.w);
}

static void ctl_rule_abort_on_close(struct ctl_explain *e)
{
	static const char *const counters[] = { "abort_on_close" };
	struct ctl_wheres ws = { 0 };
	size_t i;

	ctl_wheres_tcp(&ws, e->s, counters, 1);
	for (i = 0; i < ws.n; i++) {
		uint64_t netns = ws.w[i].netns, port = ws.w[i].port;
		uint64_t n = ctl_tcp_count(e->s, netns, port, counters[0]);
		struct ctl_finding *f;

		f = ctl_finding_add(e->fs, "reset_on_close", n);
		ctl_finding_where(f, netns, true, port);
		ctl_finding_title(f, "Resets on close: port %" PRIu64 " (netns %" PRIu64 ") reset %s %s it closed with unread data",
				  port, netns, ctl_g(n),
				  ctl_plural(n, "connection", "connections"));
		ctl_finding_text(f, "The application closed these connections while data it had not read was still queued, so the kernel sent a RST instead of a FIN (TCP_ABORT_ON_CLOSE): the peers see \"connection reset by peer\" and lose what was in flight.");
		ctl_finding_text(f, "Typical after a server restart, or when a server answers before reading the whole request and closes.");
		ctl_finding_look(f, CTL_NAME " events: TCP_ABORT_ON_CLOSE, with the peer, and len the unread bytes");
		ctl_finding_look(f, "the application's close path on port %" PRIu64, port);
		ctl_finding_consider(f, "read the request to its end, or shutdown(fd, SHUT_WR) and read to EOF, before close()");
		ctl_finding_consider(f, "on restart: stop accepting, let requests in flight finish, then close");
		ctl_finding_consider(f, "SO_LINGER with a zero timeout also resets on close: check the application does not set it unless it means to");
	}
	free(ws.w);
}

static void ctl_rule_closed_ports(struct ctl_explain *e)
{
	const struct ctl_snap *s = e->s;
	uint64_t n = ctl_snap_drops(s, "NO_SOCKET");
	const struct ctl_port_row **top;
	struct ctl_finding *f;
	size_t i, k, ntop = 0, nports = 0;
	char list[512];
	size_t used = 0;

	if (!n)
		return;
	top = ctl_xcalloc(5, sizeof(*top));
	for (i = 0; i < s->nports; i++) {
		const struct ctl_port_row *p = &s->ports[i];

		if (!p->count || strcmp(p->reason, "NO_SOCKET"))
			continue;
		nports++;
		/* the five largest, by insertion */
		for (k = ntop; k > 0 && top[k - 1]->count < p->count; k--)
			if (k < 5)
				top[k] = top[k - 1];
		if (k < 5) {
			top[k] = p;
			if (ntop < 5)
				ntop++;
		}
	}
	list[0] = '\0';
	for (i = 0; i < ntop; i++) {
		used += (size_t)snprintf(list + used, sizeof(list) - used,
					 "%s%" PRIu64 " (netns %" PRIu64 ") %s",
					 i ? ", " : "", top[i]->port,
					 top[i]->netns, ctl_g(top[i]->count));
		if (used >= sizeof(list))
			used = sizeof(list) - 1;
	}
	f = ctl_finding_add(e->fs, "closed_port", n);
	ctl_finding_title(f, "Closed ports: %s %s came for ports where nothing listens",
			  ctl_g(n), ctl_plural(n, "segment", "segments"));
	ctl_finding_text(f, "This host answered each with a RST (NO_SOCKET). A service that is down or restarting, clients configured with the wrong port, or a port scan.");
	if (ntop)
		ctl_finding_text(f, "By port%s: %s%s.", ntop > 1 ? ", largest first" : "",
				 list, nports > ntop ? ", ..." : "");
	ctl_finding_look(f, CTL_NAME " ports and events (reason NO_SOCKET): which ports, and who sends");
	ctl_finding_consider(f, "start the service those clients expect, or fix the clients' configuration");
	free(top);
}

static void ctl_rule_other_drops(struct ctl_explain *e)
{
	const struct ctl_snap *s = e->s;
	struct ctl_finding *f = NULL;
	uint64_t total = 0;
	char list[1024];
	size_t i, used = 0;

	list[0] = '\0';
	for (i = 0; i < s->ndrops; i++) {
		const struct ctl_drop_row *d = &s->drops[i];

		if (!d->count || ctl_in(d->reason, ctl_explained_reasons,
					ARRAY_SIZE(ctl_explained_reasons)))
			continue;
		total += d->count;
		if (used < sizeof(list) - 1) {
			used += (size_t)snprintf(list + used, sizeof(list) - used,
						 "%s%s %s", used ? ", " : "",
						 d->reason, ctl_g(d->count));
			if (used >= sizeof(list))
				used = sizeof(list) - 1;
		}
	}
	if (!total)
		return;
	f = ctl_finding_add(e->fs, "other_drops", total);
	ctl_finding_title(f, "Other drops: %s %s dropped for reasons explain has no rule for",
			  ctl_g(total), ctl_plural(total, "segment", "segments"));
	ctl_finding_text(f, "By reason, largest first: %s.", list);
	ctl_finding_look(f, CTL_NAME " ports and events: where and when; the kernel's enum skb_drop_reason for what each reason means");
}

static void ctl_rule_tables_full(struct ctl_explain *e)
{
	static const struct {
		const char *key;
		const char *table;
		const char *param;
		const char *max_key;
	} t[] = {
		{ "ports_overflow", "ports", "ports_max", "ports_max" },
		{ "listeners_overflow", "listeners", "listeners_max", "listeners_max" },
		{ "counters_overflow", "tcp", "ports_max", "ports_max" },
	};
	uint64_t n, max;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		struct ctl_finding *f;

		if (!ctl_summary_u64(&e->s->summary, t[i].key, &n) || !n)
			continue;
		if (!ctl_summary_u64(&e->s->summary, t[i].max_key, &max))
			max = 0;
		f = ctl_finding_add(e->fs, "table_full", n);
		ctl_finding_title(f, "tcpinsight's %s table is full: %s %s not fit",
				  t[i].table, ctl_g(n),
				  ctl_plural(n, "count did", "counts did"));
		ctl_finding_text(f, "They are still in the totals, but their port or listener is not shown (summary %s).",
				 t[i].key);
		ctl_finding_consider(f, "load the module with a larger %s (now %s)",
				     t[i].param, ctl_g(max));
	}
}

static void ctl_rule_probes_off(struct ctl_explain *e)
{
	const struct ctl_snap *s = e->s;
	struct ctl_finding *f = NULL;
	size_t i;

	for (i = 0; i < s->nprobes; i++) {
		if (strcmp(s->probes[i].state, "off"))
			continue;
		if (!f) {
			f = ctl_finding_add(e->fs, "probes_off", 0);
			ctl_finding_title(f, "Probes are off: what they count is missing from these findings");
			ctl_finding_consider(f, CTL_NAME " enable all");
		}
		ctl_finding_text(f, "%s (%s) is off.", s->probes[i].name,
				 s->probes[i].type);
	}
}

void ctl_explain(const struct ctl_snap *s, struct ctl_findings *fs)
{
	struct ctl_explain e = { .s = s, .fs = fs };

	e.own_known = ctl_own_netns(&e.own_netns);
	ctl_rule_accept(&e);
	ctl_rule_synq(&e);
	ctl_rule_cookies(&e);
	ctl_rule_paws(&e);
	ctl_rule_residual(&e);
	ctl_rule_ports_exhausted(&e);
	ctl_rule_rcvbuf(&e);
	ctl_rule_sndbuf(&e);
	ctl_rule_abort_on_close(&e);
	ctl_rule_closed_ports(&e);
	ctl_rule_other_drops(&e);
	ctl_rule_tables_full(&e);
	ctl_rule_probes_off(&e);
	ctl_findings_sort(fs);
}
