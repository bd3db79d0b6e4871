// SPDX-License-Identifier: GPL-2.0
/*
 * tcpinsightctl listeners: every listening socket's accept and SYN queue,
 * the ones turning connections away first.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "err.h"
#include "hist.h"
#include "json.h"
#include "num.h"
#include "outtable.h"
#include "procdir.h"
#include "table.h"
#include "xalloc.h"

/* The columns of format 1, in the order of the file and of the JSON. */
enum {
	L_NETNS, L_FAMILY, L_ADDR, L_PORT,
	L_ACCEPT_CUR, L_ACCEPT_MAX, L_ACCEPT_PEAK,
	L_SYN_CUR, L_SYN_MAX, L_SYN_PEAK,
	L_OVERFLOWS, L_SYN_DROPS, L_COOKIES, L_SYNS,
	L_ACCEPT_HIST,
	L_NCOLS
};

static const char *const ctl_listener_cols[L_NCOLS] = {
	"netns", "family", "addr", "port",
	"accept_cur", "accept_max", "accept_peak",
	"syn_cur", "syn_max", "syn_peak",
	"overflows", "syn_drops", "cookies", "syns",
	"accept_hist",
};

struct ctl_listener {
	uint64_t v[L_NCOLS];	/* the numbers; unused for addr, accept_hist */
	unsigned char addr[16];	/* network order; IPv4 in the first 4 */
	const char *addr_text;
	const char *hist;	/* a checked accept_hist token */
	bool has_pct;		/* accept_max > 0 */
	uint64_t pct;		/* the accept queue's fill, in percent */
	unsigned long lineno;
};

void ctl_help_listeners(void)
{
	printf("Usage: " CTL_NAME " listeners [--json]\n"
	       "\n"
	       "Every listening TCP socket tcpinsight tracks, in every network\n"
	       "namespace, the ones in trouble first: most connections turned\n"
	       "away (OVERFLOWS + SYN-DROPS), then the fullest accept queue,\n"
	       "then by NETNS and port.\n"
	       "\n"
	       "  ACCEPT     connections waiting for accept() / the accept queue's\n"
	       "             limit (ss -lnt Recv-Q / Send-Q)\n"
	       "  FULL%%      100 * waiting / limit, rounded up: above 100 the queue\n"
	       "             is full and the next connection is turned away;\n"
	       "             - when the limit is 0\n"
	       "  PEAK       the most connections that waited at once\n"
	       "  SYNQ       half-open requests / the length at which SYNs are\n"
	       "             dropped or answered with cookies (0: every SYN gets one)\n"
	       "  SYNPEAK    the longest the SYN queue has been\n"
	       "  OVERFLOWS  connections turned away: the accept queue was full\n"
	       "  SYN-DROPS  SYNs dropped, for any reason\n"
	       "  COOKIES    SYN cookies sent\n"
	       "  SYNS       SYNs received\n"
	       "\n"
	       "Options:\n"
	       "  --json      {\"listeners\":[{\"netns\":N,\"family\":N,\"addr\":S,\n"
	       "              \"port\":N,\"accept_cur\":N,...,\"syns\":N,\"accept_hist\":\n"
	       "              [{\"low\":N,\"count\":N},...],\"accept_full_pct\":N|null},\n"
	       "              ...]}: every column of the file, in its order, then\n"
	       "              FULL%%; listeners in the order above\n"
	       "  -h, --help  show this help\n"
	       "\n%s", ctl_exit_help);
}

/*
 * ceil(100 * cur / max) for max > 0, at most UINT64_MAX, exact for any
 * 64-bit values: 100 * (cur % max) is found by adding the remainder to
 * itself modulo max, so nothing is ever multiplied past 64 bits.
 */
static uint64_t ctl_fill_pct(uint64_t cur, uint64_t max)
{
	uint64_t q = cur / max, r = cur % max, part = 0, rem = 0;
	int i;

	for (i = 0; r && i < 100; i++) {
		if (rem >= max - r) {
			rem -= max - r;
			part++;
		} else {
			rem += r;
		}
	}
	if (rem)
		part++;
	if (q > (UINT64_MAX - part) / 100)
		return UINT64_MAX;
	return q * 100 + part;
}

/* a/b against c/d, b and d > 0, exactly (a continued-fraction walk). */
static int ctl_frac_cmp(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	for (;;) {
		uint64_t qa = a / b, ra = a % b, qc = c / d, rc = c % d, t;

		if (qa != qc)
			return qa < qc ? -1 : 1;
		if (!ra || !rc)
			return (ra != 0) - (rc != 0);
		/* ra/b against rc/d is d/rc against b/ra */
		t = b;
		a = d;
		b = rc;
		c = t;
		d = ra;
	}
}

/* Accept-queue fill; with a limit of 0 any waiting connection is the most. */
static int ctl_fill_cmp(const struct ctl_listener *x,
			const struct ctl_listener *y)
{
	uint64_t xc = x->v[L_ACCEPT_CUR], xm = x->v[L_ACCEPT_MAX];
	uint64_t yc = y->v[L_ACCEPT_CUR], ym = y->v[L_ACCEPT_MAX];
	int xinf = !xm && xc, yinf = !ym && yc;

	if (xinf || yinf)
		return xinf - yinf;
	return ctl_frac_cmp(xc, xm ? xm : 1, yc, ym ? ym : 1);
}

/* overflows + syn_drops, compared as a 65-bit sum. */
static int ctl_trouble_cmp(const struct ctl_listener *x,
			   const struct ctl_listener *y)
{
	uint64_t xs = x->v[L_OVERFLOWS] + x->v[L_SYN_DROPS];
	uint64_t ys = y->v[L_OVERFLOWS] + y->v[L_SYN_DROPS];
	int xcarry = xs < x->v[L_OVERFLOWS], ycarry = ys < y->v[L_OVERFLOWS];

	if (xcarry != ycarry)
		return xcarry - ycarry;
	return xs < ys ? -1 : xs > ys;
}

static int ctl_u64_cmp(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

/* The row key: netns, family, address, port. */
static int ctl_key_cmp(const struct ctl_listener *x,
		       const struct ctl_listener *y)
{
	int ret;

	ret = ctl_u64_cmp(x->v[L_NETNS], y->v[L_NETNS]);
	if (!ret)
		ret = ctl_u64_cmp(x->v[L_FAMILY], y->v[L_FAMILY]);
	if (!ret)
		ret = memcmp(x->addr, y->addr, sizeof(x->addr));
	if (!ret)
		ret = ctl_u64_cmp(x->v[L_PORT], y->v[L_PORT]);
	return ret;
}

/* Trouble first; total, because the key of a row is unique. */
static int ctl_listener_cmp(const void *a, const void *b)
{
	const struct ctl_listener *x = a, *y = b;
	int ret;

	ret = ctl_trouble_cmp(y, x);
	if (!ret)
		ret = ctl_fill_cmp(y, x);
	if (!ret)
		ret = ctl_u64_cmp(x->v[L_NETNS], y->v[L_NETNS]);
	if (!ret)
		ret = ctl_u64_cmp(x->v[L_PORT], y->v[L_PORT]);
	if (!ret)
		ret = ctl_key_cmp(x, y);
	return ret;
}

/* By key, then by line, so the second of two equal rows comes second. */
static int ctl_listener_key_cmp(const void *a, const void *b)
{
	const struct ctl_listener *x = *(const struct ctl_listener *const *)a;
	const struct ctl_listener *y = *(const struct ctl_listener *const *)b;
	int ret = ctl_key_cmp(x, y);

	if (!ret)
		ret = ctl_u64_cmp(x->lineno, y->lineno);
	return ret;
}

/* One cell of row @i, checked, into @l. */
static int ctl_listener_cell(const struct ctl_table *t, size_t i,
			     const size_t *idx, int c, struct ctl_listener *l)
{
	const char *s = ctl_table_cell(t, i, idx[c]);
	const char *why;
	struct ctl_hist h;

	switch (c) {
	case L_ADDR:
		l->addr_text = s;
		if (inet_pton(l->v[L_FAMILY] == 4 ? AF_INET : AF_INET6, s,
			      l->addr) == 1)
			return 0;
		ctl_err_at(t->path, l->lineno,
			   "column 'addr': '%s' is not an IPv%" PRIu64 " address",
			   s, l->v[L_FAMILY]);
		return -1;
	case L_ACCEPT_HIST:
		l->hist = s;
		why = ctl_hist_check(&h, s);
		if (!why)
			return 0;
		ctl_err_at(t->path, l->lineno,
			   "column 'accept_hist': '%s' is not a histogram: %s",
			   s, why);
		return -1;
	}
	if (ctl_table_u64(t, i, idx[c], &l->v[c]))
		return -1;
	if (c == L_FAMILY && l->v[c] != 4 && l->v[c] != 6) {
		ctl_err_at(t->path, l->lineno,
			   "column 'family': '%s' is neither 4 nor 6", s);
		return -1;
	}
	if (c == L_PORT && l->v[c] > 65535) {
		ctl_err_at(t->path, l->lineno,
			   "column 'port': '%s' is not a port number", s);
		return -1;
	}
	return 0;
}

/*
 * Two rows for one socket: names the first line that repeats an earlier
 * one, and that one. Addresses compare as numbers, so "::" and "0::0"
 * are the same.
 */
static int ctl_listeners_unique(const struct ctl_table *t,
				struct ctl_listener *l, size_t n)
{
	const struct ctl_listener **byk, *dup = NULL, *first = NULL;
	char *ep, netns[24], port[8];
	size_t i;

	byk = ctl_xreallocarray(NULL, n, sizeof(*byk));
	for (i = 0; i < n; i++)
		byk[i] = &l[i];
	qsort(byk, n, sizeof(*byk), ctl_listener_key_cmp);
	for (i = 1; i < n; i++)
		if (!ctl_key_cmp(byk[i - 1], byk[i]) &&
		    (!dup || byk[i]->lineno < dup->lineno)) {
			dup = byk[i];
			first = byk[i - 1];
		}
	free(byk);
	if (!dup)
		return 0;
	snprintf(netns, sizeof(netns), "%" PRIu64, dup->v[L_NETNS]);
	snprintf(port, sizeof(port), "%" PRIu64, dup->v[L_PORT]);
	ep = ctl_endpoint(dup->addr_text, port);
	ctl_err_at(t->path, dup->lineno,
		   "listener %s in netns %s appears twice (also line %lu)",
		   ep, netns, first->lineno);
	free(ep);
	return -1;
}

/* Reads and checks every row, so that nothing is printed from a bad file. */
static int ctl_listeners_collect(const struct ctl_table *t,
				 struct ctl_listener *l)
{
	size_t idx[L_NCOLS], i;
	int c;

	if (ctl_table_require(t, ctl_listener_cols, idx, L_NCOLS))
		return -1;
	for (i = 0; i < t->nrows; i++) {
		memset(&l[i], 0, sizeof(l[i]));
		l[i].lineno = t->row[i].lineno;
		/* in column order: family is known before addr is read */
		for (c = 0; c < L_NCOLS; c++)
			if (ctl_listener_cell(t, i, idx, c, &l[i]))
				return -1;
		l[i].has_pct = l[i].v[L_ACCEPT_MAX] != 0;
		if (l[i].has_pct)
			l[i].pct = ctl_fill_pct(l[i].v[L_ACCEPT_CUR],
						l[i].v[L_ACCEPT_MAX]);
	}
	if (ctl_listeners_unique(t, l, t->nrows))
		return -1;
	qsort(l, t->nrows, sizeof(*l), ctl_listener_cmp);
	return 0;
}

static void ctl_listeners_json(const struct ctl_listener *l, size_t n)
{
	struct ctl_json j;
	struct ctl_hist h;
	size_t i;
	int c;

	ctl_json_init(&j, stdout);
	ctl_json_object_begin(&j);
	ctl_json_key(&j, "listeners");
	ctl_json_array_begin(&j);
	for (i = 0; i < n; i++) {
		ctl_json_object_begin(&j);
		for (c = 0; c < L_NCOLS; c++) {
			ctl_json_key(&j, ctl_listener_cols[c]);
			if (c == L_ADDR) {
				ctl_json_string(&j, l[i].addr_text);
				continue;
			}
			if (c != L_ACCEPT_HIST) {
				ctl_json_u64(&j, l[i].v[c]);
				continue;
			}
			ctl_json_array_begin(&j);
			/* checked when read, so this walk cannot fail */
			ctl_hist_begin(&h, l[i].hist);
			while (ctl_hist_next(&h) > 0) {
				ctl_json_object_begin(&j);
				ctl_json_key(&j, "low");
				ctl_json_u64(&j, h.low);
				ctl_json_key(&j, "count");
				ctl_json_u64(&j, h.count);
				ctl_json_object_end(&j);
			}
			ctl_json_array_end(&j);
		}
		ctl_json_key(&j, "accept_full_pct");
		if (l[i].has_pct)
			ctl_json_u64(&j, l[i].pct);
		else
			ctl_json_null(&j);
		ctl_json_object_end(&j);
	}
	ctl_json_array_end(&j);
	ctl_json_object_end(&j);
	ctl_json_end(&j);
}

/* The cells of one listener as people read them; listen is allocated. */
struct ctl_listener_row {
	char netns[CTL_NUM_GROUPED_LEN];
	char port[CTL_NUM_GROUPED_LEN];
	char *listen;
	char accept[2 * CTL_NUM_GROUPED_LEN];
	char pct[CTL_NUM_GROUPED_LEN];
	char peak[CTL_NUM_GROUPED_LEN];
	char synq[2 * CTL_NUM_GROUPED_LEN];
	char num[5][CTL_NUM_GROUPED_LEN];
	const char *cells[11];
};

/* "cur/max", both grouped. */
static void ctl_fraction(char *buf, size_t len, uint64_t cur, uint64_t max)
{
	char a[CTL_NUM_GROUPED_LEN], b[CTL_NUM_GROUPED_LEN];

	snprintf(buf, len, "%s/%s", ctl_group_u64(cur, a),
		 ctl_group_u64(max, b));
}

static void ctl_listener_row(struct ctl_listener_row *r,
			     const struct ctl_listener *l)
{
	static const int counts[5] = {
		L_SYN_PEAK, L_OVERFLOWS, L_SYN_DROPS, L_COOKIES, L_SYNS,
	};
	int k;

	/* identifiers, not quantities: not grouped */
	snprintf(r->netns, sizeof(r->netns), "%" PRIu64, l->v[L_NETNS]);
	snprintf(r->port, sizeof(r->port), "%" PRIu64, l->v[L_PORT]);
	r->listen = ctl_endpoint(l->addr_text, r->port);
	ctl_fraction(r->accept, sizeof(r->accept), l->v[L_ACCEPT_CUR],
		     l->v[L_ACCEPT_MAX]);
	ctl_fraction(r->synq, sizeof(r->synq), l->v[L_SYN_CUR],
		     l->v[L_SYN_MAX]);
	r->cells[0] = r->netns;
	r->cells[1] = r->listen;
	r->cells[2] = r->accept;
	r->cells[3] = l->has_pct ? ctl_group_u64(l->pct, r->pct) : "-";
	r->cells[4] = ctl_group_u64(l->v[L_ACCEPT_PEAK], r->peak);
	r->cells[5] = r->synq;
	for (k = 0; k < 5; k++)
		r->cells[6 + k] = ctl_group_u64(l->v[counts[k]], r->num[k]);
}

/* Measured in one pass and printed in a second, like events. */
static void ctl_listeners_text(const struct ctl_listener *l, size_t n)
{
	static const struct ctl_outcol cols[] = {
		{ "NETNS", CTL_LEFT, 0 },
		{ "LISTEN", CTL_LEFT, 2 },
		{ "ACCEPT", CTL_RIGHT, 2 },
		{ "FULL%", CTL_RIGHT, 2 },
		{ "PEAK", CTL_RIGHT, 2 },
		{ "SYNQ", CTL_RIGHT, 2 },
		{ "SYNPEAK", CTL_RIGHT, 2 },
		{ "OVERFLOWS", CTL_RIGHT, 2 },
		{ "SYN-DROPS", CTL_RIGHT, 2 },
		{ "COOKIES", CTL_RIGHT, 2 },
		{ "SYNS", CTL_RIGHT, 2 },
	};
	struct ctl_listener_row r;
	struct ctl_outtable ot;
	size_t i;
	int pass;

	ctl_outtable_init(&ot, cols, ARRAY_SIZE(cols));
	for (pass = 0; pass < 2; pass++) {
		if (pass)
			ctl_outtable_print_header(&ot, stdout);
		for (i = 0; i < n; i++) {
			ctl_listener_row(&r, &l[i]);
			if (pass)
				ctl_outtable_print_row(&ot, stdout, r.cells);
			else
				ctl_outtable_measure(&ot, r.cells);
			free(r.listen);
		}
	}
	ctl_outtable_free(&ot);
}

int ctl_cmd_listeners(int argc, char **argv)
{
	struct ctl_listener *l;
	struct ctl_table t;
	char *path;
	bool json;
	int ret;

	ret = ctl_parse_json_only(argc, argv, ctl_help_listeners, &json);
	if (ret != CTL_PARSE_CONTINUE)
		return ret;
	ret = ctl_procdir_check();
	if (ret)
		return ret;
	path = ctl_procdir_path("listeners");
	if (ctl_table_load(&t, path)) {
		free(path);
		return CTL_EXIT_RUNTIME;
	}
	l = ctl_xreallocarray(NULL, t.nrows, sizeof(*l));
	if (ctl_listeners_collect(&t, l)) {
		ret = CTL_EXIT_RUNTIME;
		goto out;
	}
	if (json)
		ctl_listeners_json(l, t.nrows);
	else
		ctl_listeners_text(l, t.nrows);
	ret = ctl_finish_output();
out:
	free(l);
	ctl_table_free(&t);
	free(path);
	return ret;
}
