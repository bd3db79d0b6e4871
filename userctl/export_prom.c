// SPDX-License-Identifier: GPL-2.0
/*
 * The metric families of export --format prometheus. Counters end in
 * _total; every family has HELP and TYPE, and its samples follow it
 * together. Names are fixed here, never made from what a file contains,
 * so a file cannot make an invalid name: table values only ever go into
 * label values, which are escaped.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "export.h"
#include "prom.h"
#include "xalloc.h"

#define PFX "tcpinsight_"

/* Summary keys and the families they become. */
static const struct {
	const char *key;
	const char *name;
	const char *type;
	const char *help;
} ctl_prom_summary[] = {
	{ "events_logged", PFX "events_logged", "gauge",
	  "Events the ring holds now." },
	{ "events_lost", PFX "events_lost_total", "counter",
	  "Events produced but no longer in the ring: overwritten, refused, or over the rate limit." },
	{ "events_size", PFX "events_size", "gauge",
	  "Slots in the event ring." },
	{ "events_on", PFX "events_enabled", "gauge",
	  "1 if events are logged, 0 if drops are only counted." },
	{ "events_rate", PFX "events_rate_limit", "gauge",
	  "Most events logged per second, 0 for no limit." },
	{ "ports_used", PFX "ports_used", "gauge",
	  "Keys in the per-port drops table." },
	{ "ports_max", PFX "ports_max", "gauge",
	  "Slots in the per-port drops table." },
	{ "ports_overflow", PFX "ports_overflow_total", "counter",
	  "Drops that could not be counted per port: the table was full." },
	{ "listeners", PFX "listeners", "gauge",
	  "Listening sockets tracked now." },
	{ "listeners_max", PFX "listeners_max", "gauge",
	  "Most listening sockets that can be tracked." },
	{ "listeners_overflow", PFX "listeners_overflow_total", "counter",
	  "Listening sockets that did not fit in the listeners table." },
	{ "listen_unclassified", PFX "listen_unclassified_total", "counter",
	  "SYNs or final ACKs whose outcome could not be read." },
	{ "counters_used", PFX "tcp_counters_used", "gauge",
	  "Keys in the tcp counters table." },
	{ "counters_overflow", PFX "tcp_counters_overflow_total", "counter",
	  "Counts that could not be kept in the tcp counters table: it was full." },
	{ "filtered", PFX "filtered_total", "counter",
	  "Records skipped by a port or netns filter." },
};

/* The listeners columns that become families, labelled by socket. */
static const struct {
	int col;
	const char *name;
	const char *type;
	const char *help;
} ctl_prom_listen[] = {
	{ L_ACCEPT_CUR, PFX "listen_accept_queue", "gauge",
	  "Connections waiting for accept() now." },
	{ L_ACCEPT_MAX, PFX "listen_accept_queue_limit", "gauge",
	  "The accept queue's limit, min(listen() backlog, net.core.somaxconn); it overflows past limit + 1." },
	{ L_ACCEPT_PEAK, PFX "listen_accept_queue_peak", "gauge",
	  "The most connections that waited for accept() at once." },
	{ L_SYN_CUR, PFX "listen_syn_queue", "gauge",
	  "Requests in the SYN queue (SYN_RECV) now." },
	{ L_SYN_MAX, PFX "listen_syn_queue_limit", "gauge",
	  "SYN-queue length at which SYNs are dropped or answered with cookies." },
	{ L_SYN_PEAK, PFX "listen_syn_queue_peak", "gauge",
	  "The longest the SYN queue has been." },
	{ L_OVERFLOWS, PFX "listen_overflows_total", "counter",
	  "Connections turned away because the accept queue was full." },
	{ L_SYN_DROPS, PFX "listen_syn_drops_total", "counter",
	  "SYNs the listener dropped, for any reason." },
	{ L_COOKIES, PFX "listen_syncookies_total", "counter",
	  "SYN cookies the listener sent." },
	{ L_SYNS, PFX "listen_syns_total", "counter",
	  "SYNs the listener received." },
};

/*
 * The tcp table's counters with families of their own. @by_reason: the
 * reason column is a label; otherwise rows differing only in it are
 * added up. @us_to_s: microseconds, exported in seconds.
 */
static const struct {
	const char *counter;
	const char *name;
	bool by_reason;
	bool us_to_s;
	const char *help;
} ctl_prom_tcp[] = {
	{ "rst_sent", PFX "tcp_rst_sent_total", true, false,
	  "RSTs this host sent, by local port and the kernel's reset reason." },
	{ "rst_received", PFX "tcp_rst_received_total", false, false,
	  "RSTs that reset a connection of this host, by local port." },
	{ "abort_on_close", PFX "tcp_abort_on_close_total", false, false,
	  "Connections closed with unread data and reset instead, by local port." },
	{ "retransmits", PFX "tcp_retransmits_total", false, false,
	  "Retransmitted segments, SYN-ACKs included, by local port." },
	{ "retrans_host_queued", PFX "tcp_retrans_host_queued_total", false, false,
	  "Retransmissions skipped because the original was still queued in this host." },
	{ "connect_eaddrnotavail", PFX "tcp_connect_eaddrnotavail_total", false, false,
	  "connect() calls that found no free local port, by destination port." },
	{ "prune_called", PFX "tcp_prune_called_total", false, false,
	  "Times a socket's receive queue was pruned for memory, by local port." },
	{ "rcv_pruned", PFX "tcp_rcv_pruned_total", false, false,
	  "Prunes that could not make room, so the segment was dropped, by local port." },
	{ "ofo_pruned", PFX "tcp_ofo_pruned_total", false, false,
	  "Prunes that threw away out-of-order data, by local port." },
	{ "rcv_collapsed", PFX "tcp_rcv_collapsed_total", false, false,
	  "Buffers merged to save receive-buffer memory, by local port." },
	{ "sndbuf_full", PFX "tcp_sndbuf_full_total", false, false,
	  "Sends that found the send buffer full, by local port." },
	{ "sndbuf_wait", PFX "tcp_sndbuf_wait_total", false, false,
	  "Sends that blocked waiting for send-buffer space, by local port." },
	{ "sndbuf_wait_us", PFX "tcp_sndbuf_wait_seconds_total", false, true,
	  "Time senders spent waiting for send-buffer space, by local port." },
};

#define CTL_PROM_TCP_OTHER	PFX "tcp_other_total"

static void ctl_prom_u64_text(char *buf, size_t len, uint64_t v)
{
	snprintf(buf, len, "%" PRIu64, v);
}

static int ctl_prom_ns_reason_cmp(const void *a, const void *b)
{
	const struct ctl_port_row *x = *(const struct ctl_port_row *const *)a;
	const struct ctl_port_row *y = *(const struct ctl_port_row *const *)b;

	if (x->netns != y->netns)
		return x->netns < y->netns ? -1 : 1;
	return strcmp(x->reason, y->reason);
}

static void ctl_prom_summary_families(const struct ctl_snap *s)
{
	const char *version = ctl_summary_text(&s->summary, "version");
	const char *kernel = ctl_summary_text(&s->summary, "kernel");
	const char *format = ctl_summary_text(&s->summary, "format");
	const char *fports = ctl_summary_text(&s->summary, "filter_ports");
	const char *fnetns = ctl_summary_text(&s->summary, "filter_netns");
	struct ctl_prom_label l[3];
	uint64_t v;
	size_t i;

	ctl_prom_family(stdout, PFX "info", "gauge",
			"The tcpinsight module loaded: its version, /proc format and kernel.");
	l[0] = (struct ctl_prom_label){ "version", version };
	l[1] = (struct ctl_prom_label){ "format", format };
	l[2] = (struct ctl_prom_label){ "kernel", kernel };
	ctl_prom_sample(stdout, PFX "info", l, 3, "1");
	for (i = 0; i < ARRAY_SIZE(ctl_prom_summary); i++) {
		if (!ctl_summary_u64(&s->summary, ctl_prom_summary[i].key, &v))
			continue;
		ctl_prom_family(stdout, ctl_prom_summary[i].name,
				ctl_prom_summary[i].type,
				ctl_prom_summary[i].help);
		ctl_prom_sample_u64(stdout, ctl_prom_summary[i].name, NULL, 0,
				    v);
	}
	if (fports && fnetns) {
		ctl_prom_family(stdout, PFX "filter_info", "gauge",
				"The filters in force: ports and netns, - for none.");
		l[0] = (struct ctl_prom_label){ "ports", fports };
		l[1] = (struct ctl_prom_label){ "netns", fnetns };
		ctl_prom_sample(stdout, PFX "filter_info", l, 2, "1");
	}
}

static void ctl_prom_probes(const struct ctl_snap *s)
{
	static const char *const states[] = { "on", "off", "unavailable" };
	struct ctl_prom_label l[2];
	size_t i, k;
	bool known;

	ctl_prom_family(stdout, PFX "probe_hits_total", "counter",
			"Times each probe ran.");
	for (i = 0; i < s->nprobes; i++) {
		l[0] = (struct ctl_prom_label){ "probe", s->probes[i].name };
		l[1] = (struct ctl_prom_label){ "type", s->probes[i].type };
		ctl_prom_sample_u64(stdout, PFX "probe_hits_total", l, 2,
				    s->probes[i].hits);
	}
	ctl_prom_family(stdout, PFX "probe_missed_total", "counter",
			"Times each probe was missed (kretprobe instances exhausted, recursion).");
	for (i = 0; i < s->nprobes; i++) {
		l[0] = (struct ctl_prom_label){ "probe", s->probes[i].name };
		l[1] = (struct ctl_prom_label){ "type", s->probes[i].type };
		ctl_prom_sample_u64(stdout, PFX "probe_missed_total", l, 2,
				    s->probes[i].missed);
	}
	ctl_prom_family(stdout, PFX "probe_state", "gauge",
			"1 for the state each probe is in (on, off, unavailable), 0 for the others.");
	for (i = 0; i < s->nprobes; i++) {
		l[0] = (struct ctl_prom_label){ "probe", s->probes[i].name };
		known = false;
		for (k = 0; k < ARRAY_SIZE(states); k++) {
			bool is = !strcmp(s->probes[i].state, states[k]);

			known |= is;
			l[1] = (struct ctl_prom_label){ "state", states[k] };
			ctl_prom_sample(stdout, PFX "probe_state", l, 2,
					is ? "1" : "0");
		}
		/* a state a later module adds is still shown */
		if (!known) {
			l[1] = (struct ctl_prom_label){ "state", s->probes[i].state };
			ctl_prom_sample(stdout, PFX "probe_state", l, 2, "1");
		}
	}
}

/*
 * Drops per netns and reason, added up from the ports rows (sorted by
 * netns, port, reason): drops that did not fit in the ports table
 * (ports_overflow) are only in tcpinsight_drops_total.
 */
static void ctl_prom_netns_drops(const struct ctl_snap *s)
{
	const struct ctl_port_row **byns;
	struct ctl_prom_label l[2];
	char netns[24];
	size_t i, j;

	ctl_prom_family(stdout, PFX "netns_drops_total", "counter",
			"TCP segments dropped, by network namespace inode and drop reason (the ports table added up: drops counted in ports_overflow are not in it).");
	byns = ctl_xreallocarray(NULL, s->nports, sizeof(*byns));
	for (i = 0; i < s->nports; i++)
		byns[i] = &s->ports[i];
	qsort(byns, s->nports, sizeof(*byns), ctl_prom_ns_reason_cmp);
	for (i = 0; i < s->nports; i = j) {
		uint64_t sum = 0;

		for (j = i; j < s->nports && byns[j]->netns == byns[i]->netns &&
		     !strcmp(byns[j]->reason, byns[i]->reason); j++)
			sum = sum + byns[j]->count < sum ? UINT64_MAX :
			      sum + byns[j]->count;
		ctl_prom_u64_text(netns, sizeof(netns), byns[i]->netns);
		l[0] = (struct ctl_prom_label){ "netns", netns };
		l[1] = (struct ctl_prom_label){ "reason", byns[i]->reason };
		ctl_prom_sample_u64(stdout, PFX "netns_drops_total", l, 2, sum);
	}
	free(byns);
}

static void ctl_prom_drops(const struct ctl_snap *s)
{
	char netns[24], port[8];
	struct ctl_prom_label l[3];
	size_t i;

	ctl_prom_family(stdout, PFX "drops_total", "counter",
			"TCP segments dropped, by the kernel's drop reason, in every network namespace.");
	for (i = 0; i < s->ndrops; i++) {
		l[0] = (struct ctl_prom_label){ "reason", s->drops[i].reason };
		ctl_prom_sample_u64(stdout, PFX "drops_total", l, 1,
				    s->drops[i].count);
	}
	ctl_prom_netns_drops(s);
	ctl_prom_family(stdout, PFX "port_drops_total", "counter",
			"TCP segments dropped, by network namespace inode, local port and drop reason.");
	for (i = 0; i < s->nports; i++) {
		ctl_prom_u64_text(netns, sizeof(netns), s->ports[i].netns);
		ctl_prom_u64_text(port, sizeof(port), s->ports[i].port);
		l[0] = (struct ctl_prom_label){ "netns", netns };
		l[1] = (struct ctl_prom_label){ "port", port };
		l[2] = (struct ctl_prom_label){ "reason", s->ports[i].reason };
		ctl_prom_sample_u64(stdout, PFX "port_drops_total", l, 3,
				    s->ports[i].count);
	}
}

static void ctl_prom_listeners(const struct ctl_snap *s)
{
	char netns[24], family[4], port[8];
	struct ctl_prom_label l[4];
	size_t i, f;

	for (f = 0; f < ARRAY_SIZE(ctl_prom_listen); f++) {
		ctl_prom_family(stdout, ctl_prom_listen[f].name,
				ctl_prom_listen[f].type, ctl_prom_listen[f].help);
		for (i = 0; i < s->nlisteners; i++) {
			const struct ctl_listener *li = &s->listeners[i];

			ctl_prom_u64_text(netns, sizeof(netns), li->v[L_NETNS]);
			ctl_prom_u64_text(family, sizeof(family), li->v[L_FAMILY]);
			ctl_prom_u64_text(port, sizeof(port), li->v[L_PORT]);
			l[0] = (struct ctl_prom_label){ "netns", netns };
			l[1] = (struct ctl_prom_label){ "family", family };
			l[2] = (struct ctl_prom_label){ "addr", li->addr_text };
			l[3] = (struct ctl_prom_label){ "port", port };
			ctl_prom_sample_u64(stdout, ctl_prom_listen[f].name, l,
					    4, li->v[ctl_prom_listen[f].col]);
		}
	}
}

/* Microseconds as seconds, exactly: "12.000345". */
static void ctl_prom_us_text(char *buf, size_t len, uint64_t us)
{
	snprintf(buf, len, "%" PRIu64 ".%06" PRIu64, us / 1000000,
		 us % 1000000);
}

static size_t ctl_prom_tcp_known(const char *counter)
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(ctl_prom_tcp); k++)
		if (!strcmp(counter, ctl_prom_tcp[k].counter))
			return k;
	return k;
}

/*
 * One known counter's family. The rows are sorted by netns, port,
 * counter, reason, so those that differ only by reason are neighbours.
 */
static void ctl_prom_tcp_family(const struct ctl_snap *s, size_t k)
{
	char netns[24], port[8], v[32];
	struct ctl_prom_label l[3];
	size_t i, j;

	ctl_prom_family(stdout, ctl_prom_tcp[k].name, "counter",
			ctl_prom_tcp[k].help);
	for (i = 0; i < s->ntcp; i = j) {
		const struct ctl_tcp_row *r = &s->tcp[i];
		uint64_t sum = r->count;

		for (j = i + 1; j < s->ntcp && !ctl_prom_tcp[k].by_reason &&
		     s->tcp[j].netns == r->netns && s->tcp[j].port == r->port &&
		     !strcmp(s->tcp[j].counter, r->counter); j++)
			sum = sum + s->tcp[j].count < sum ? UINT64_MAX :
			      sum + s->tcp[j].count;
		if (strcmp(r->counter, ctl_prom_tcp[k].counter))
			continue;
		ctl_prom_u64_text(netns, sizeof(netns), r->netns);
		ctl_prom_u64_text(port, sizeof(port), r->port);
		l[0] = (struct ctl_prom_label){ "netns", netns };
		l[1] = (struct ctl_prom_label){ "port", port };
		l[2] = (struct ctl_prom_label){ "reason", r->reason };
		if (ctl_prom_tcp[k].us_to_s)
			ctl_prom_us_text(v, sizeof(v), sum);
		else
			ctl_prom_u64_text(v, sizeof(v), sum);
		ctl_prom_sample(stdout, ctl_prom_tcp[k].name, l,
				ctl_prom_tcp[k].by_reason ? 3 : 2, v);
	}
}

static void ctl_prom_tcp_table(const struct ctl_snap *s)
{
	char netns[24], port[8];
	struct ctl_prom_label l[4];
	size_t i, k;

	for (k = 0; k < ARRAY_SIZE(ctl_prom_tcp); k++)
		ctl_prom_tcp_family(s, k);
	/* counters a later module adds: one family, named by a label */
	ctl_prom_family(stdout, CTL_PROM_TCP_OTHER, "counter",
			"Counters of the tcp table this exporter has no family for, by counter name, network namespace, port and reason.");
	for (i = 0; i < s->ntcp; i++) {
		const struct ctl_tcp_row *r = &s->tcp[i];

		if (ctl_prom_tcp_known(r->counter) < ARRAY_SIZE(ctl_prom_tcp))
			continue;
		ctl_prom_u64_text(netns, sizeof(netns), r->netns);
		ctl_prom_u64_text(port, sizeof(port), r->port);
		l[0] = (struct ctl_prom_label){ "counter", r->counter };
		l[1] = (struct ctl_prom_label){ "netns", netns };
		l[2] = (struct ctl_prom_label){ "port", port };
		l[3] = (struct ctl_prom_label){ "reason", r->reason };
		ctl_prom_sample_u64(stdout, CTL_PROM_TCP_OTHER, l, 4, r->count);
	}
}

void ctl_export_prom(const struct ctl_snap *s)
{
	ctl_prom_summary_families(s);
	ctl_prom_probes(s);
	ctl_prom_drops(s);
	ctl_prom_listeners(s);
	if (s->what & CTL_SNAP_TCP)
		ctl_prom_tcp_table(s);
}
