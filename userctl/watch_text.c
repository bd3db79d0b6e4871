// SPDX-License-Identifier: GPL-2.0
/* watch on a terminal (a redraw) or not (a block per interval). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "ctl.h"
#include "num.h"
#include "outtable.h"
#include "rate.h"
#include "watch.h"

static void ctl_cell_u64(char *buf, size_t len, uint64_t v)
{
	snprintf(buf, len, "%" PRIu64, v);
}

static void ctl_watch_print_drops(struct ctl_watch *w, const struct ctl_snap *cur,
				  uint64_t ns)
{
	static const struct ctl_outcol cols[] = {
		{ "REASON", CTL_LEFT, 0 },
		{ "DROPS", CTL_RIGHT, 2 },
		{ "/S", CTL_RIGHT, 2 },
	};
	char n[CTL_NUM_GROUPED_LEN], r[CTL_RATE_LEN];
	struct ctl_outtable ot;
	const char *cells[3];
	uint64_t total = 0;
	size_t i;

	ctl_watch_drops(w, cur);
	ctl_outtable_init(&ot, cols, 3);
	for (i = 0; i < w->nch; i++) {
		const struct ctl_drop_row *d = w->ch[i].row;

		cells[0] = d->reason;
		cells[1] = ctl_group_u64(w->ch[i].delta, n);
		cells[2] = ctl_rate_text(w->ch[i].delta, ns, r);
		ctl_outtable_add(&ot, cells);
		total += w->ch[i].delta;
	}
	cells[0] = "total";
	cells[1] = ctl_group_u64(total, n);
	cells[2] = ctl_rate_text(total, ns, r);
	ctl_outtable_add(&ot, cells);
	ctl_outtable_print(&ot, stdout);
	ctl_outtable_free(&ot);
}

static void ctl_watch_print_ports(struct ctl_watch *w, const struct ctl_snap *cur,
				  uint64_t ns)
{
	static const struct ctl_outcol cols[] = {
		{ "NETNS", CTL_LEFT, 0 },
		{ "PORT", CTL_RIGHT, 2 },
		{ "REASON", CTL_LEFT, 2 },
		{ "DROPS", CTL_RIGHT, 2 },
		{ "/S", CTL_RIGHT, 2 },
	};
	char netns[24], port[8], n[CTL_NUM_GROUPED_LEN], r[CTL_RATE_LEN];
	struct ctl_outtable ot;
	const char *cells[5];
	size_t i;

	ctl_watch_ports(w, cur);
	if (!w->nch) {
		puts("no drops per port");
		return;
	}
	ctl_outtable_init(&ot, cols, 5);
	for (i = 0; i < w->nch; i++) {
		const struct ctl_port_row *p = w->ch[i].row;

		ctl_cell_u64(netns, sizeof(netns), p->netns);
		ctl_cell_u64(port, sizeof(port), p->port);
		cells[0] = netns;
		cells[1] = port;
		cells[2] = p->reason;
		cells[3] = ctl_group_u64(w->ch[i].delta, n);
		cells[4] = ctl_rate_text(w->ch[i].delta, ns, r);
		ctl_outtable_add(&ot, cells);
	}
	ctl_outtable_print(&ot, stdout);
	ctl_outtable_free(&ot);
}

static void ctl_watch_print_tcp(struct ctl_watch *w, const struct ctl_snap *cur,
				uint64_t ns)
{
	static const struct ctl_outcol cols[] = {
		{ "NETNS", CTL_LEFT, 0 },
		{ "PORT", CTL_RIGHT, 2 },
		{ "COUNTER", CTL_LEFT, 2 },
		{ "REASON", CTL_LEFT, 2 },
		{ "COUNT", CTL_RIGHT, 2 },
		{ "/S", CTL_RIGHT, 2 },
	};
	char netns[24], port[8], n[CTL_NUM_GROUPED_LEN], r[CTL_RATE_LEN];
	struct ctl_outtable ot;
	const char *cells[6];
	size_t i;

	ctl_watch_tcp(w, cur);
	if (!w->nch) {
		puts("no tcp counters moved");
		return;
	}
	ctl_outtable_init(&ot, cols, 6);
	for (i = 0; i < w->nch; i++) {
		const struct ctl_tcp_row *t = w->ch[i].row;

		ctl_cell_u64(netns, sizeof(netns), t->netns);
		ctl_cell_u64(port, sizeof(port), t->port);
		cells[0] = netns;
		cells[1] = port;
		cells[2] = t->counter;
		cells[3] = t->reason;
		cells[4] = ctl_group_u64(w->ch[i].delta, n);
		cells[5] = ctl_rate_text(w->ch[i].delta, ns, r);
		ctl_outtable_add(&ot, cells);
	}
	ctl_outtable_print(&ot, stdout);
	ctl_outtable_free(&ot);
}

static void ctl_watch_print_listeners(struct ctl_watch *w,
				      const struct ctl_snap *cur, uint64_t ns)
{
	static const struct ctl_outcol cols[] = {
		{ "NETNS", CTL_LEFT, 0 },
		{ "LISTEN", CTL_LEFT, 2 },
		{ "ACCEPT", CTL_RIGHT, 2 },
		{ "SYNS/S", CTL_RIGHT, 2 },
		{ "OVERFLOWS/S", CTL_RIGHT, 2 },
		{ "SYN-DROPS/S", CTL_RIGHT, 2 },
		{ "COOKIES/S", CTL_RIGHT, 2 },
	};
	char netns[24], accept[2 * CTL_NUM_GROUPED_LEN];
	char a[CTL_NUM_GROUPED_LEN], b[CTL_NUM_GROUPED_LEN];
	char r[4][CTL_RATE_LEN];
	struct ctl_outtable ot;
	const char *cells[7];
	size_t i;
	int k;

	ctl_watch_listeners(w, cur);
	if (!w->nch) {
		puts("no listener activity");
		return;
	}
	ctl_outtable_init(&ot, cols, 7);
	for (i = 0; i < w->nch; i++) {
		const struct ctl_listener *l = w->ch[i].row;
		char *ep = ctl_listener_endpoint(l);

		ctl_cell_u64(netns, sizeof(netns), l->v[L_NETNS]);
		snprintf(accept, sizeof(accept), "%s/%s",
			 ctl_group_u64(l->v[L_ACCEPT_CUR], a),
			 ctl_group_u64(l->v[L_ACCEPT_MAX], b));
		cells[0] = netns;
		cells[1] = ep;
		cells[2] = accept;
		for (k = 0; k < 4; k++)
			cells[3 + k] = ctl_rate_text(w->ch[i].d[k], ns, r[k]);
		ctl_outtable_add(&ot, cells);
		free(ep);
	}
	ctl_outtable_print(&ot, stdout);
	ctl_outtable_free(&ot);
}

void ctl_watch_text(struct ctl_watch *w, const struct ctl_snap *cur,
			   uint64_t k, uint64_t ns)
{
	char s[CTL_RATE_LEN], every[CTL_RATE_LEN];

	if (w->tty) {
		/* home and clear: a redraw, like top */
		fputs("\033[H\033[J", stdout);
		printf("tcpinsight: interval %" PRIu64 ", %s s (every %s s; Ctrl-C stops)\n\n",
		       k, ctl_seconds_text(ns, s),
		       ctl_seconds_text(w->interval_ns, every));
	} else {
		printf("--- interval %" PRIu64 ": %s s\n", k,
		       ctl_seconds_text(ns, s));
	}
	ctl_watch_print_drops(w, cur, ns);
	putchar('\n');
	ctl_watch_print_ports(w, cur, ns);
	if (w->has_tcp) {
		putchar('\n');
		ctl_watch_print_tcp(w, cur, ns);
	}
	putchar('\n');
	ctl_watch_print_listeners(w, cur, ns);
}
