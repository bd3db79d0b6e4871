// SPDX-License-Identifier: GPL-2.0
/* Buffers: receive- and send-buffer pressure. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "explain_rules.h"
#include "sysctl.h"

/* Drop reasons of the receive buffer filling up. */
static const char *const ctl_rcvbuf_reasons[] = {
	"SOCKET_RCVBUFF", "TCP_ZEROWINDOW", "TCP_OFO_DROP", "TCP_OFOMERGE",
	"TCP_OFO_QUEUE_PRUNE", "PROTO_MEM",
};

static const char *const ctl_rcvbuf_counters[] = {
	"prune_called", "rcv_pruned", "rcv_collapsed", "ofo_pruned",
};

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
	if (c[0] || c[1] || c[2] || c[3])
		ctl_finding_text(f, "The kernel pruned receive queues to free memory %s %s, dropping %s %s, and collapsed %s to save room.",
				 ctl_g(c[0]), ctl_plural(c[0], "time", "times"),
				 ctl_g(c[1]), ctl_plural(c[1], "segment", "segments"),
				 ctl_g(c[2]));
	if (c[3])
		ctl_finding_text(f, "%s %s threw away out-of-order data, which the peer must send again.",
				 ctl_g(c[3]), ctl_plural(c[3], "prune", "prunes"));
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

void ctl_rule_rcvbuf(struct ctl_explain *e)
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

void ctl_rule_sndbuf(struct ctl_explain *e)
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
