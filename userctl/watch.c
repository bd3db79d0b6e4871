// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "rate.h"
#include "watch.h"
#include "xalloc.h"

static int ctl_change_cmp(const void *a, const void *b)
{
	const struct ctl_change *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank > y->rank ? -1 : 1;
	if (x->delta != y->delta)
		return x->delta > y->delta ? -1 : 1;
	/* the rows came in key order: keep it */
	return x->row < y->row ? -1 : x->row > y->row;
}

static void ctl_watch_add(struct ctl_watch *w, const void *row, uint64_t delta,
			  uint64_t rank)
{
	struct ctl_change *c;

	w->ch = ctl_xgrow(w->ch, &w->cap, w->nch + 1, sizeof(*w->ch), 32);
	c = &w->ch[w->nch++];
	memset(c, 0, sizeof(*c));
	c->row = row;
	c->delta = delta;
	c->rank = rank;
}

static int ctl_drop_reason_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ctl_drop_row *)a)->reason,
		      ((const struct ctl_drop_row *)b)->reason);
}

static int ctl_port_key_cmp(const void *a, const void *b)
{
	const struct ctl_port_row *x = a, *y = b;

	if (x->netns != y->netns)
		return x->netns < y->netns ? -1 : 1;
	if (x->port != y->port)
		return x->port < y->port ? -1 : 1;
	return strcmp(x->reason, y->reason);
}

static int ctl_tcp_key_cmp(const void *a, const void *b)
{
	const struct ctl_tcp_row *x = a, *y = b;
	int ret;

	if (x->netns != y->netns)
		return x->netns < y->netns ? -1 : 1;
	if (x->port != y->port)
		return x->port < y->port ? -1 : 1;
	ret = strcmp(x->counter, y->counter);
	return ret ? ret : strcmp(x->reason, y->reason);
}

static int ctl_listener_bkey_cmp(const void *a, const void *b)
{
	return ctl_listener_key_cmp(a, b);
}

void ctl_watch_sort(struct ctl_snap *s)
{
	qsort(s->drops, s->ndrops, sizeof(*s->drops), ctl_drop_reason_cmp);
	qsort(s->listeners, s->nlisteners, sizeof(*s->listeners),
	      ctl_listener_bkey_cmp);
}

void ctl_watch_drops(struct ctl_watch *w, const struct ctl_snap *cur)
{
	size_t i;

	w->nch = 0;
	for (i = 0; i < cur->ndrops; i++) {
		const struct ctl_drop_row *p;
		uint64_t d;

		p = bsearch(&cur->drops[i], w->prev.drops, w->prev.ndrops,
			    sizeof(*p), ctl_drop_reason_cmp);
		d = ctl_delta(p ? p->count : 0, cur->drops[i].count);
		if (d)
			ctl_watch_add(w, &cur->drops[i], d, 0);
	}
	qsort(w->ch, w->nch, sizeof(*w->ch), ctl_change_cmp);
}

void ctl_watch_ports(struct ctl_watch *w, const struct ctl_snap *cur)
{
	size_t i;

	w->nch = 0;
	for (i = 0; i < cur->nports; i++) {
		const struct ctl_port_row *p;
		uint64_t d;

		p = bsearch(&cur->ports[i], w->prev.ports, w->prev.nports,
			    sizeof(*p), ctl_port_key_cmp);
		d = ctl_delta(p ? p->count : 0, cur->ports[i].count);
		if (d)
			ctl_watch_add(w, &cur->ports[i], d, 0);
	}
	qsort(w->ch, w->nch, sizeof(*w->ch), ctl_change_cmp);
}

void ctl_watch_tcp(struct ctl_watch *w, const struct ctl_snap *cur)
{
	size_t i;

	w->nch = 0;
	for (i = 0; i < cur->ntcp; i++) {
		const struct ctl_tcp_row *p;
		uint64_t d;

		p = bsearch(&cur->tcp[i], w->prev.tcp, w->prev.ntcp,
			    sizeof(*p), ctl_tcp_key_cmp);
		d = ctl_delta(p ? p->count : 0, cur->tcp[i].count);
		if (d)
			ctl_watch_add(w, &cur->tcp[i], d, 0);
	}
	qsort(w->ch, w->nch, sizeof(*w->ch), ctl_change_cmp);
}

void ctl_watch_listeners(struct ctl_watch *w,
				const struct ctl_snap *cur)
{
	static const int cols[4] = {
		L_SYNS, L_OVERFLOWS, L_SYN_DROPS, L_COOKIES,
	};
	size_t i;
	int k;

	w->nch = 0;
	for (i = 0; i < cur->nlisteners; i++) {
		const struct ctl_listener *l = &cur->listeners[i], *p;
		struct ctl_change *c;
		uint64_t d[4], any = 0;

		p = bsearch(l, w->prev.listeners, w->prev.nlisteners,
			    sizeof(*p), ctl_listener_bkey_cmp);
		for (k = 0; k < 4; k++) {
			d[k] = ctl_delta(p ? p->v[cols[k]] : 0, l->v[cols[k]]);
			any |= d[k];
		}
		if (!any)
			continue;
		ctl_watch_add(w, l, d[0], d[1] + d[2]);
		c = &w->ch[w->nch - 1];
		memcpy(c->d, d, sizeof(d));
	}
	qsort(w->ch, w->nch, sizeof(*w->ch), ctl_change_cmp);
}
