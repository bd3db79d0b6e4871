// SPDX-License-Identifier: GPL-2.0
/*
 * tcpinsightctl watch: what changed in each interval, per second, like
 * top or nstat: drops per reason, per netns and port, the tcp counters,
 * and per listener. On a terminal each interval redraws the screen;
 * otherwise each is one block after the last, flushed as it ends.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "ctl.h"
#include "err.h"
#include "json.h"
#include "loop.h"
#include "num.h"
#include "outtable.h"
#include "procdir.h"
#include "rate.h"
#include "snap.h"
#include "xalloc.h"

enum {
	CTL_OPT_COUNT = CTL_OPT_FIRST_OWN,
	CTL_OPT_INTERVAL,
};

/* One changed row: what it is, by how much, largest first. */
struct ctl_change {
	uint64_t delta;
	uint64_t rank;		/* listeners: overflows + syn_drops */
	const void *row;	/* the current snapshot's row */
	uint64_t d[4];		/* listeners: syns, overflows, syn_drops, cookies */
};

struct ctl_watch {
	bool json;
	bool tty;
	bool has_tcp;
	uint64_t count;		/* intervals to show; 0: until stopped */
	uint64_t interval_ns;
	struct ctl_snap prev;
	uint64_t prev_ns;
	struct ctl_change *ch;
	size_t nch;
	size_t cap;
};

void ctl_help_watch(void)
{
	printf("Usage: " CTL_NAME " watch [-i SECONDS] [-n COUNT] [--json]\n"
	       "\n"
	       "What changed in each interval, as counts and per second, like\n"
	       "top or nstat: drops per reason, per network namespace and port,\n"
	       "the tcp table's counters (resets, retransmissions, ...), and per\n"
	       "listener SYNs, overflows, SYN drops and cookies with its accept\n"
	       "queue now. Only what changed is shown, largest first. A counter\n"
	       "that went down (the module reloaded, a table reset) counts from 0.\n"
	       "\n"
	       "On a terminal the screen is redrawn every interval; otherwise\n"
	       "each interval is one block, starting with a line\n"
	       "'--- interval K: S s', flushed when it ends.\n"
	       "\n"
	       "Options:\n"
	       "  -i, --interval SECONDS\n"
	       "              the interval (default 2; decimals allowed, 0.001 to\n"
	       "              86400)\n"
	       "  -n, --count COUNT\n"
	       "              stop after COUNT intervals (default: until SIGINT,\n"
	       "              SIGTERM, or stdout's reader goes away; status 0)\n"
	       "  --json      one JSON object per line and interval:\n"
	       "              {\"interval\":K,\"seconds\":S,\"drops\":[{\"reason\":R,\n"
	       "              \"delta\":N,\"per_second\":X},...],\"ports\":[{\"netns\":N,\n"
	       "              \"port\":N,\"reason\":R,\"delta\":N,\"per_second\":X},...],\n"
	       "              \"tcp\":[{\"netns\":N,\"port\":N,\"counter\":C,\"reason\":R,\n"
	       "              \"delta\":N,\"per_second\":X},...]|null,\"listeners\":\n"
	       "              [{\"netns\":N,\"family\":N,\"addr\":A,\"port\":N,\n"
	       "              \"accept_cur\":N,\"accept_max\":N,\"syns\":N,\n"
	       "              \"overflows\":N,\"syn_drops\":N,\"cookies\":N},...]}\n"
	       "              (listener counts are deltas)\n"
	       "  -h, --help  show this help\n"
	       "\n%s", ctl_exit_help);
}

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

/* Key order, so the next interval can look rows up by key. */
static void ctl_watch_sort(struct ctl_snap *s)
{
	qsort(s->drops, s->ndrops, sizeof(*s->drops), ctl_drop_reason_cmp);
	qsort(s->listeners, s->nlisteners, sizeof(*s->listeners),
	      ctl_listener_bkey_cmp);
}

static void ctl_watch_drops(struct ctl_watch *w, const struct ctl_snap *cur)
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

static void ctl_watch_ports(struct ctl_watch *w, const struct ctl_snap *cur)
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

static void ctl_watch_tcp(struct ctl_watch *w, const struct ctl_snap *cur)
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

static void ctl_watch_listeners(struct ctl_watch *w,
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

static void ctl_watch_text(struct ctl_watch *w, const struct ctl_snap *cur,
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

static void ctl_watch_json(struct ctl_watch *w, const struct ctl_snap *cur,
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

static int ctl_watch_sample(struct ctl_watch *w, struct ctl_snap *s)
{
	unsigned int what = CTL_SNAP_DROPS | CTL_SNAP_PORTS | CTL_SNAP_LISTENERS;

	if (w->has_tcp)
		what |= CTL_SNAP_TCP;
	return ctl_snap_load(s, what);
}

static int ctl_watch_run(struct ctl_watch *w)
{
	enum ctl_loop_state st;
	struct ctl_snap cur;
	uint64_t k, now;
	int ret;

	ret = ctl_watch_sample(w, &w->prev);
	if (ret)
		return ret;
	ctl_watch_sort(&w->prev);
	w->prev_ns = ctl_loop_now();
	for (k = 1; !w->count || k <= w->count; k++) {
		st = ctl_loop_wait(w->interval_ns);
		if (st != CTL_LOOP_GO_ON)
			return st == CTL_LOOP_ERROR ? CTL_EXIT_RUNTIME : CTL_EXIT_OK;
		ret = ctl_watch_sample(w, &cur);
		now = ctl_loop_now();
		if (ret) {
			ctl_snap_free(&cur);
			return ret;
		}
		if (w->json)
			ctl_watch_json(w, &cur, k, now - w->prev_ns);
		else
			ctl_watch_text(w, &cur, k, now - w->prev_ns);
		ctl_snap_free(&w->prev);
		ctl_watch_sort(&cur);
		w->prev = cur;
		w->prev_ns = now;
		st = ctl_loop_flush();
		if (st != CTL_LOOP_GO_ON)
			return st == CTL_LOOP_ERROR ? CTL_EXIT_RUNTIME : CTL_EXIT_OK;
	}
	return CTL_EXIT_OK;
}

int ctl_cmd_watch(int argc, char **argv)
{
	static const struct ctl_opt opts[] = {
		{ CTL_OPT_COUNT, 'n', "count", true },
		{ CTL_OPT_INTERVAL, 'i', "interval", true },
		{ CTL_OPT_JSON, 0, "json", false },
		{ CTL_OPT_HELP, 'h', "help", false },
		{ 0 },
	};
	struct ctl_watch w = { .interval_ns = 2000000000u };
	struct ctl_args a;
	const char *value;
	char *tcp;
	int id, ret;

	ctl_args_init(&a, argc, argv);
	while ((id = ctl_args_next(&a, opts, &value)) != CTL_ARG_END) {
		switch (id) {
		case CTL_OPT_COUNT:
			if (!ctl_parse_u64(value, &w.count) || !w.count) {
				ctl_usage_err("watch: -n takes a positive decimal integer, not '%s'",
					      value);
				return CTL_EXIT_USAGE;
			}
			break;
		case CTL_OPT_INTERVAL:
			if (!ctl_parse_interval(value, &w.interval_ns)) {
				ctl_usage_err("watch: -i takes seconds (0.001 to 86400), not '%s'",
					      value);
				return CTL_EXIT_USAGE;
			}
			break;
		case CTL_OPT_JSON:
			w.json = true;
			break;
		case CTL_OPT_HELP:
			ctl_help_watch();
			return CTL_EXIT_OK;
		case CTL_ARG_POSITIONAL:
			ctl_usage_err("watch: unexpected argument '%s'", value);
			return CTL_EXIT_USAGE;
		default:
			return CTL_EXIT_USAGE;
		}
	}
	ret = ctl_procdir_check();
	if (ret)
		return ret;
	tcp = ctl_procdir_path("tcp");
	w.has_tcp = !access(tcp, F_OK);
	free(tcp);
	w.tty = !w.json && isatty(STDOUT_FILENO);
	ctl_loop_init();
	ret = ctl_watch_run(&w);
	ctl_snap_free(&w.prev);
	free(w.ch);
	return ret;
}
