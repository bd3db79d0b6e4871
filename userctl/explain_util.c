// SPDX-License-Identifier: GPL-2.0
/* What explain's rules share: looking counts up, and wording them. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "explain_rules.h"
#include "num.h"
#include "xalloc.h"

/* Grouped numbers for the text, several per sentence. */
const char *ctl_g(uint64_t v)
{
	static char ring[16][CTL_NUM_GROUPED_LEN];
	static unsigned int next;

	return ctl_group_u64(v, ring[next++ % 16]);
}

const char *ctl_plural(uint64_t v, const char *one, const char *many)
{
	return v == 1 ? one : many;
}

bool ctl_in(const char *s, const char *const *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, set[i]))
			return true;
	return false;
}

/* Drops of @reason for one netns and port. */
uint64_t ctl_port_count(const struct ctl_snap *s, uint64_t netns,
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
uint64_t ctl_tcp_count(const struct ctl_snap *s, uint64_t netns,
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
const struct ctl_listener *ctl_port_listener(const struct ctl_snap *s,
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

void ctl_wheres_add(struct ctl_wheres *ws, uint64_t netns,
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

void ctl_wheres_ports(struct ctl_wheres *ws, const struct ctl_snap *s,
			     const char *const *reasons, size_t n)
{
	size_t i;

	for (i = 0; i < s->nports; i++)
		if (s->ports[i].count && ctl_in(s->ports[i].reason, reasons, n))
			ctl_wheres_add(ws, s->ports[i].netns, s->ports[i].port);
}

void ctl_wheres_tcp(struct ctl_wheres *ws, const struct ctl_snap *s,
			   const char *const *counters, size_t n)
{
	size_t i;

	for (i = 0; i < s->ntcp; i++)
		if (s->tcp[i].count && ctl_in(s->tcp[i].counter, counters, n))
			ctl_wheres_add(ws, s->tcp[i].netns, s->tcp[i].port);
}

/* When the trouble is in another namespace than the sysctls read. */
void ctl_netns_note(const struct ctl_explain *e, struct ctl_finding *f)
{
	if (e->own_known && f->netns == e->own_netns)
		return;
	ctl_finding_text(f, "Sysctls are per network namespace, and the values quoted here are those of the namespace this command runs in, not necessarily of netns %" PRIu64 ": read them there too (nsenter --net=/proc/PID/ns/net sysctl ...).",
			 f->netns);
}
