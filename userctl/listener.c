// SPDX-License-Identifier: GPL-2.0
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "err.h"
#include "hist.h"
#include "json.h"
#include "listener.h"
#include "xalloc.h"

const char *const ctl_listener_cols[L_NCOLS] = {
	"netns", "family", "addr", "port",
	"accept_cur", "accept_max", "accept_peak",
	"syn_cur", "syn_max", "syn_peak",
	"overflows", "syn_drops", "cookies", "syns",
	"accept_hist",
};

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

int ctl_listener_key_cmp(const struct ctl_listener *x,
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
		ret = ctl_listener_key_cmp(x, y);
	return ret;
}

/* By key, then by line, so the second of two equal rows comes second. */
static int ctl_listener_ptr_cmp(const void *a, const void *b)
{
	const struct ctl_listener *x = *(const struct ctl_listener *const *)a;
	const struct ctl_listener *y = *(const struct ctl_listener *const *)b;
	int ret = ctl_listener_key_cmp(x, y);

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
	qsort(byk, n, sizeof(*byk), ctl_listener_ptr_cmp);
	for (i = 1; i < n; i++)
		if (!ctl_listener_key_cmp(byk[i - 1], byk[i]) &&
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

int ctl_listeners_collect(const struct ctl_table *t,
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


char *ctl_listener_endpoint(const struct ctl_listener *l)
{
	char port[8];

	snprintf(port, sizeof(port), "%" PRIu64, l->v[L_PORT]);
	return ctl_endpoint(l->addr_text, port);
}

void ctl_listener_json(struct ctl_json *j, const struct ctl_listener *l)
{
	struct ctl_hist h;
	int c;

	ctl_json_object_begin(j);
	for (c = 0; c < L_NCOLS; c++) {
		ctl_json_key(j, ctl_listener_cols[c]);
		if (c == L_ADDR) {
			ctl_json_string(j, l->addr_text);
			continue;
		}
		if (c != L_ACCEPT_HIST) {
			ctl_json_u64(j, l->v[c]);
			continue;
		}
		ctl_json_array_begin(j);
		/* checked when read, so this walk cannot fail */
		ctl_hist_begin(&h, l->hist);
		while (ctl_hist_next(&h) > 0) {
			ctl_json_object_begin(j);
			ctl_json_key(j, "low");
			ctl_json_u64(j, h.low);
			ctl_json_key(j, "count");
			ctl_json_u64(j, h.count);
			ctl_json_object_end(j);
		}
		ctl_json_array_end(j);
	}
	ctl_json_key(j, "accept_full_pct");
	if (l->has_pct)
		ctl_json_u64(j, l->pct);
	else
		ctl_json_null(j);
	ctl_json_object_end(j);
}
