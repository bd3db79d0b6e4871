// SPDX-License-Identifier: GPL-2.0
/* Listen queues: accept-queue overflows, full SYN queues, SYN cookies. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "explain_rules.h"
#include "hist.h"
#include "sysctl.h"

static const char *const ctl_synq_reasons[] = {
	"TCP_SYN_QUEUE_FULL", "TCP_SYN_QUEUE_LAST_QUARTER",
};

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

void ctl_rule_accept(struct ctl_explain *e)
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

void ctl_rule_synq(struct ctl_explain *e)
{
	struct ctl_wheres ws = { 0 };
	size_t i;

	ctl_wheres_ports(&ws, e->s, ctl_synq_reasons,
			 ARRAY_SIZE(ctl_synq_reasons));
	for (i = 0; i < ws.n; i++)
		ctl_rule_synq_port(e, ws.w[i].netns, ws.w[i].port);
	free(ws.w);
}

void ctl_rule_cookies(struct ctl_explain *e)
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
