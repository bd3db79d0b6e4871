// SPDX-License-Identifier: GPL-2.0
/* Connections: PAWS, residual connections, port exhaustion, resets on close. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "explain_rules.h"
#include "sysctl.h"

static const char *const ctl_paws_reasons[] = {
	"TCP_RFC7323_PAWS", "TCP_RFC7323_TW_PAWS",
};

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

void ctl_rule_paws(struct ctl_explain *e)
{
	struct ctl_wheres ws = { 0 };
	size_t i;

	ctl_wheres_ports(&ws, e->s, ctl_paws_reasons,
			 ARRAY_SIZE(ctl_paws_reasons));
	for (i = 0; i < ws.n; i++)
		ctl_rule_paws_port(e, ws.w[i].netns, ws.w[i].port);
	free(ws.w);
}

void ctl_rule_residual(struct ctl_explain *e)
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

void ctl_rule_ports_exhausted(struct ctl_explain *e)
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

void ctl_rule_abort_on_close(struct ctl_explain *e)
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
