// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "err.h"
#include "num.h"
#include "procdir.h"
#include "snap.h"
#include "xalloc.h"

static const char *const ctl_snap_files[] = {
	"summary", "probes", "drops", "ports", "tcp", "listeners",
};

static int ctl_drop_row_cmp(const void *a, const void *b)
{
	const struct ctl_drop_row *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->reason, y->reason);
}

static int ctl_u64_cmp(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

static int ctl_port_row_cmp(const void *a, const void *b)
{
	const struct ctl_port_row *x = a, *y = b;
	int ret = ctl_u64_cmp(x->netns, y->netns);

	if (!ret)
		ret = ctl_u64_cmp(x->port, y->port);
	if (!ret)
		ret = strcmp(x->reason, y->reason);
	return ret;
}

static int ctl_tcp_row_cmp(const void *a, const void *b)
{
	const struct ctl_tcp_row *x = a, *y = b;
	int ret = ctl_u64_cmp(x->netns, y->netns);

	if (!ret)
		ret = ctl_u64_cmp(x->port, y->port);
	if (!ret)
		ret = strcmp(x->counter, y->counter);
	if (!ret)
		ret = strcmp(x->reason, y->reason);
	return ret;
}

/* A port column: a number up to 65535. */
static int ctl_snap_port(const struct ctl_table *t, size_t i, size_t col,
			 uint64_t *v)
{
	if (ctl_table_u64(t, i, col, v))
		return -1;
	if (*v > 65535) {
		ctl_err_at(t->path, t->row[i].lineno,
			   "column '%s': '%s' is not a port number", t->col[col],
			   ctl_table_cell(t, i, col));
		return -1;
	}
	return 0;
}

/*
 * After sorting by key: two rows with the same key are a malformed file
 * (a table never shows one key twice). Names the later of the two lines.
 */
static int ctl_snap_unique(const char *path, const unsigned long *a,
			   const unsigned long *b, const char *what)
{
	ctl_err_at(path, *a > *b ? *a : *b,
		   "the same %s as line %lu", what, *a > *b ? *b : *a);
	return -1;
}

static int ctl_snap_drops_load(struct ctl_snap *s)
{
	static const char *const cols[] = { "reason", "count" };
	const struct ctl_table *t = &s->t_drops;
	size_t idx[2], i;

	if (ctl_table_require(t, cols, idx, 2) || ctl_table_unique(t, idx[0]))
		return -1;
	s->drops = ctl_xcalloc(t->nrows, sizeof(*s->drops));
	s->ndrops = t->nrows;
	for (i = 0; i < t->nrows; i++) {
		s->drops[i].reason = ctl_table_cell(t, i, idx[0]);
		if (ctl_table_u64(t, i, idx[1], &s->drops[i].count))
			return -1;
		if (s->drops[i].count > UINT64_MAX - s->drops_total) {
			ctl_err_at(t->path, t->row[i].lineno,
				   "the counts add up to more than 64 bits");
			return -1;
		}
		s->drops_total += s->drops[i].count;
	}
	qsort(s->drops, s->ndrops, sizeof(*s->drops), ctl_drop_row_cmp);
	return 0;
}

static int ctl_snap_ports_load(struct ctl_snap *s)
{
	static const char *const cols[] = { "netns", "port", "reason", "count" };
	const struct ctl_table *t = &s->t_ports;
	size_t idx[4], i;

	if (ctl_table_require(t, cols, idx, 4))
		return -1;
	s->ports = ctl_xcalloc(t->nrows, sizeof(*s->ports));
	s->nports = t->nrows;
	for (i = 0; i < t->nrows; i++) {
		struct ctl_port_row *r = &s->ports[i];

		r->reason = ctl_table_cell(t, i, idx[2]);
		r->lineno = t->row[i].lineno;
		if (ctl_table_u64(t, i, idx[0], &r->netns) ||
		    ctl_snap_port(t, i, idx[1], &r->port) ||
		    ctl_table_u64(t, i, idx[3], &r->count))
			return -1;
	}
	qsort(s->ports, s->nports, sizeof(*s->ports), ctl_port_row_cmp);
	for (i = 1; i < s->nports; i++)
		if (!ctl_port_row_cmp(&s->ports[i - 1], &s->ports[i]))
			return ctl_snap_unique(t->path, &s->ports[i - 1].lineno,
					       &s->ports[i].lineno,
					       "netns, port and reason");
	return 0;
}

static int ctl_snap_tcp_load(struct ctl_snap *s)
{
	static const char *const cols[] = {
		"netns", "port", "counter", "reason", "count",
	};
	const struct ctl_table *t = &s->t_tcp;
	size_t idx[5], i;

	if (ctl_table_require(t, cols, idx, 5))
		return -1;
	s->tcp = ctl_xcalloc(t->nrows, sizeof(*s->tcp));
	s->ntcp = t->nrows;
	for (i = 0; i < t->nrows; i++) {
		struct ctl_tcp_row *r = &s->tcp[i];

		r->counter = ctl_table_cell(t, i, idx[2]);
		r->reason = ctl_table_cell(t, i, idx[3]);
		r->lineno = t->row[i].lineno;
		if (ctl_table_u64(t, i, idx[0], &r->netns) ||
		    ctl_snap_port(t, i, idx[1], &r->port) ||
		    ctl_table_u64(t, i, idx[4], &r->count))
			return -1;
	}
	qsort(s->tcp, s->ntcp, sizeof(*s->tcp), ctl_tcp_row_cmp);
	for (i = 1; i < s->ntcp; i++)
		if (!ctl_tcp_row_cmp(&s->tcp[i - 1], &s->tcp[i]))
			return ctl_snap_unique(t->path, &s->tcp[i - 1].lineno,
					       &s->tcp[i].lineno,
					       "netns, port, counter and reason");
	return 0;
}

static int ctl_snap_probes_load(struct ctl_snap *s)
{
	static const char *const cols[] = {
		"name", "state", "hits", "missed", "type",
	};
	const struct ctl_table *t = &s->t_probes;
	size_t idx[5], i;

	if (ctl_table_require(t, cols, idx, 5) || ctl_table_unique(t, idx[0]))
		return -1;
	s->probes = ctl_xcalloc(t->nrows, sizeof(*s->probes));
	s->nprobes = t->nrows;
	for (i = 0; i < t->nrows; i++) {
		struct ctl_probe_row *r = &s->probes[i];

		r->name = ctl_table_cell(t, i, idx[0]);
		r->state = ctl_table_cell(t, i, idx[1]);
		r->type = ctl_table_cell(t, i, idx[4]);
		if (ctl_table_u64(t, i, idx[2], &r->hits) ||
		    ctl_table_u64(t, i, idx[3], &r->missed))
			return -1;
	}
	return 0;
}

static int ctl_snap_listeners_load(struct ctl_snap *s)
{
	s->listeners = ctl_xreallocarray(NULL, s->t_listeners.nrows,
					 sizeof(*s->listeners));
	s->nlisteners = s->t_listeners.nrows;
	return ctl_listeners_collect(&s->t_listeners, s->listeners);
}

int ctl_snap_load(struct ctl_snap *s, unsigned int what)
{
	struct ctl_table *tables[] = {
		NULL, &s->t_probes, &s->t_drops, &s->t_ports, &s->t_tcp,
		&s->t_listeners,
	};
	int (*check[])(struct ctl_snap *) = {
		NULL, ctl_snap_probes_load, ctl_snap_drops_load,
		ctl_snap_ports_load, ctl_snap_tcp_load, ctl_snap_listeners_load,
	};
	size_t i;
	int ret;

	memset(s, 0, sizeof(*s));
	ret = ctl_procdir_check();
	if (ret)
		return ret;
	s->what = what;
	for (i = 0; i < ARRAY_SIZE(ctl_snap_files); i++) {
		if (!(what & (1u << i)))
			continue;
		s->path[i] = ctl_procdir_path(ctl_snap_files[i]);
		if (!tables[i]) {
			if (ctl_summary_load(&s->summary, s->path[i]))
				return CTL_EXIT_RUNTIME;
			continue;
		}
		if (ctl_table_load(tables[i], s->path[i]) || check[i](s))
			return CTL_EXIT_RUNTIME;
	}
	return CTL_EXIT_OK;
}

void ctl_snap_free(struct ctl_snap *s)
{
	size_t i;

	ctl_summary_free(&s->summary);
	ctl_table_free(&s->t_probes);
	ctl_table_free(&s->t_drops);
	ctl_table_free(&s->t_ports);
	ctl_table_free(&s->t_tcp);
	ctl_table_free(&s->t_listeners);
	free(s->probes);
	free(s->drops);
	free(s->ports);
	free(s->tcp);
	free(s->listeners);
	for (i = 0; i < ARRAY_SIZE(s->path); i++)
		free(s->path[i]);
	memset(s, 0, sizeof(*s));
}

uint64_t ctl_snap_drops(const struct ctl_snap *s, const char *reason)
{
	size_t i;

	for (i = 0; i < s->ndrops; i++)
		if (!strcmp(s->drops[i].reason, reason))
			return s->drops[i].count;
	return 0;
}
