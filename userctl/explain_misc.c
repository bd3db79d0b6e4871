// SPDX-License-Identifier: GPL-2.0
/* Everything else: closed ports, other drops, full tables, probes off. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "explain_rules.h"
#include "xalloc.h"
#include "sysctl.h"

/* Every reason a rule explains; the others go to other_drops. */
const char *const ctl_explained_reasons[] = {
	"NO_SOCKET", "TCP_LISTEN_OVERFLOW", "TCP_SYN_QUEUE_FULL",
	"TCP_SYN_QUEUE_LAST_QUARTER", "TCP_RFC7323_PAWS",
	"TCP_RFC7323_TW_PAWS", "TCP_RST_PAWS_SYN_RECV", "SOCKET_RCVBUFF",
	"TCP_ZEROWINDOW", "TCP_OFO_DROP", "TCP_OFOMERGE",
	"TCP_OFO_QUEUE_PRUNE", "PROTO_MEM",
};

const size_t ctl_explained_nreasons = ARRAY_SIZE(ctl_explained_reasons);

void ctl_rule_closed_ports(struct ctl_explain *e)
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

void ctl_rule_other_drops(struct ctl_explain *e)
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
					ctl_explained_nreasons))
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

void ctl_rule_tables_full(struct ctl_explain *e)
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

void ctl_rule_probes_off(struct ctl_explain *e)
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
