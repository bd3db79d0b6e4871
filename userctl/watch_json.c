// SPDX-License-Identifier: GPL-2.0
/* watch --json: one object per line and interval. */
#include <stdio.h>

#include "json.h"
#include "rate.h"
#include "watch.h"

void ctl_watch_json(struct ctl_watch *w, const struct ctl_snap *cur,
			   uint64_t k, uint64_t ns)
{
	static const char *const lkeys[4] = {
		"syns", "overflows", "syn_drops", "cookies",
	};
	char s[CTL_RATE_LEN];
	struct ctl_json j;
	size_t i;
	int c;

	ctl_json_init(&j, stdout);
	ctl_json_object_begin(&j);
	ctl_json_key(&j, "interval");
	ctl_json_u64(&j, k);
	ctl_json_key(&j, "seconds");
	ctl_json_number(&j, ctl_seconds_text(ns, s));
	ctl_json_key(&j, "drops");
	ctl_json_array_begin(&j);
	ctl_watch_drops(w, cur);
	for (i = 0; i < w->nch; i++) {
		const struct ctl_drop_row *d = w->ch[i].row;

		ctl_json_object_begin(&j);
		ctl_json_key(&j, "reason");
		ctl_json_string(&j, d->reason);
		ctl_json_key(&j, "delta");
		ctl_json_u64(&j, w->ch[i].delta);
		ctl_json_key(&j, "per_second");
		ctl_json_number(&j, ctl_rate_json(w->ch[i].delta, ns, s));
		ctl_json_object_end(&j);
	}
	ctl_json_array_end(&j);
	ctl_json_key(&j, "ports");
	ctl_json_array_begin(&j);
	ctl_watch_ports(w, cur);
	for (i = 0; i < w->nch; i++) {
		const struct ctl_port_row *p = w->ch[i].row;

		ctl_json_object_begin(&j);
		ctl_json_key(&j, "netns");
		ctl_json_u64(&j, p->netns);
		ctl_json_key(&j, "port");
		ctl_json_u64(&j, p->port);
		ctl_json_key(&j, "reason");
		ctl_json_string(&j, p->reason);
		ctl_json_key(&j, "delta");
		ctl_json_u64(&j, w->ch[i].delta);
		ctl_json_key(&j, "per_second");
		ctl_json_number(&j, ctl_rate_json(w->ch[i].delta, ns, s));
		ctl_json_object_end(&j);
	}
	ctl_json_array_end(&j);
	ctl_json_key(&j, "tcp");
	if (!w->has_tcp) {
		ctl_json_null(&j);
	} else {
		ctl_json_array_begin(&j);
		ctl_watch_tcp(w, cur);
		for (i = 0; i < w->nch; i++) {
			const struct ctl_tcp_row *t = w->ch[i].row;

			ctl_json_object_begin(&j);
			ctl_json_key(&j, "netns");
			ctl_json_u64(&j, t->netns);
			ctl_json_key(&j, "port");
			ctl_json_u64(&j, t->port);
			ctl_json_key(&j, "counter");
			ctl_json_string(&j, t->counter);
			ctl_json_key(&j, "reason");
			ctl_json_string(&j, t->reason);
			ctl_json_key(&j, "delta");
			ctl_json_u64(&j, w->ch[i].delta);
			ctl_json_key(&j, "per_second");
			ctl_json_number(&j, ctl_rate_json(w->ch[i].delta, ns, s));
			ctl_json_object_end(&j);
		}
		ctl_json_array_end(&j);
	}
	ctl_json_key(&j, "listeners");
	ctl_json_array_begin(&j);
	ctl_watch_listeners(w, cur);
	for (i = 0; i < w->nch; i++) {
		const struct ctl_listener *l = w->ch[i].row;

		ctl_json_object_begin(&j);
		ctl_json_key(&j, "netns");
		ctl_json_u64(&j, l->v[L_NETNS]);
		ctl_json_key(&j, "family");
		ctl_json_u64(&j, l->v[L_FAMILY]);
		ctl_json_key(&j, "addr");
		ctl_json_string(&j, l->addr_text);
		ctl_json_key(&j, "port");
		ctl_json_u64(&j, l->v[L_PORT]);
		ctl_json_key(&j, "accept_cur");
		ctl_json_u64(&j, l->v[L_ACCEPT_CUR]);
		ctl_json_key(&j, "accept_max");
		ctl_json_u64(&j, l->v[L_ACCEPT_MAX]);
		for (c = 0; c < 4; c++) {
			ctl_json_key(&j, lkeys[c]);
			ctl_json_u64(&j, w->ch[i].d[c]);
		}
		ctl_json_object_end(&j);
	}
	ctl_json_array_end(&j);
	ctl_json_object_end(&j);
	ctl_json_end(&j);
}
