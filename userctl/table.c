// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "dups.h"
#include "err.h"
#include "fields.h"
#include "lines.h"
#include "num.h"
#include "table.h"
#include "xalloc.h"

static int ctl_table_header(struct ctl_table *t, char *line,
			    unsigned long lineno)
{
	struct ctl_fields f = { 0 };
	const char *dup;
	int ret = -1;

	t->header = ctl_xstrdup(line);
	ctl_fields_split(&f, t->header);
	if (!f.n) {
		ctl_err_at(t->path, lineno, "empty header line");
		goto out;
	}
	dup = ctl_find_duplicate(f.v, f.n);
	if (dup) {
		ctl_err_at(t->path, lineno,
			   "column '%s' appears twice in the header", dup);
		goto out;
	}
	t->col = ctl_xreallocarray(NULL, f.n, sizeof(*t->col));
	memcpy(t->col, f.v, f.n * sizeof(*t->col));
	t->ncols = f.n;
	ret = 0;
out:
	ctl_fields_free(&f);
	return ret;
}

static int ctl_table_add_row(struct ctl_table *t, struct ctl_fields *f,
			     const char *line, unsigned long lineno)
{
	struct ctl_table_row *r;
	char *text;

	text = ctl_xstrdup(line);
	ctl_fields_split(f, text);
	if (f->n != t->ncols) {
		ctl_err_at(t->path, lineno,
			   "row has %zu field%s, the header names %zu column%s",
			   f->n, f->n == 1 ? "" : "s",
			   t->ncols, t->ncols == 1 ? "" : "s");
		free(text);
		return -1;
	}
	t->row = ctl_xgrow(t->row, &t->cap, t->nrows + 1, sizeof(*t->row), 16);
	r = &t->row[t->nrows++];
	r->lineno = lineno;
	r->text = text;
	r->cell = ctl_xreallocarray(NULL, f->n, sizeof(*r->cell));
	memcpy(r->cell, f->v, f->n * sizeof(*r->cell));
	return 0;
}

int ctl_table_load(struct ctl_table *t, const char *path)
{
	struct ctl_fields f = { 0 };
	struct ctl_lines lr;
	char *line;
	int ret;

	memset(t, 0, sizeof(*t));
	t->path = path;
	if (ctl_lines_open(&lr, path))
		return -1;
	ret = ctl_lines_next(&lr, &line);
	if (ret == 0) {
		ctl_err_at(path, 0, "empty file, expected a header line");
		ret = -1;
	}
	if (ret < 0)
		goto out;
	ret = ctl_table_header(t, line, lr.lineno);
	while (!ret) {
		ret = ctl_lines_next(&lr, &line);
		if (ret <= 0)
			break;
		ret = ctl_table_add_row(t, &f, line, lr.lineno);
	}
out:
	ctl_fields_free(&f);
	ctl_lines_close(&lr);
	if (ret < 0) {
		ctl_table_free(t);
		return -1;
	}
	return 0;
}

long ctl_table_col(const struct ctl_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (!strcmp(t->col[i], name))
			return (long)i;
	return -1;
}

int ctl_table_require(const struct ctl_table *t, const char *const *names,
		      size_t *idx, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		long c = ctl_table_col(t, names[i]);

		if (c < 0) {
			ctl_err_at(t->path, 1, "no column '%s' in the header",
				   names[i]);
			return -1;
		}
		idx[i] = (size_t)c;
	}
	return 0;
}

int ctl_table_u64(const struct ctl_table *t, size_t row, size_t col,
		  uint64_t *v)
{
	const char *s = ctl_table_cell(t, row, col);

	if (ctl_parse_u64(s, v))
		return 0;
	ctl_err_at(t->path, t->row[row].lineno,
		   "column '%s': '%s' is not an unsigned decimal integer",
		   t->col[col], s);
	return -1;
}

int ctl_table_unique(const struct ctl_table *t, size_t col)
{
	const char *dup;
	char **vals;
	size_t i;
	bool seen = false;

	vals = ctl_xreallocarray(NULL, t->nrows, sizeof(*vals));
	for (i = 0; i < t->nrows; i++)
		vals[i] = t->row[i].cell[col];
	dup = ctl_find_duplicate(vals, t->nrows);
	free(vals);
	if (!dup)
		return 0;
	for (i = 0; i < t->nrows; i++) {
		if (strcmp(t->row[i].cell[col], dup))
			continue;
		if (seen) {
			ctl_err_at(t->path, t->row[i].lineno,
				   "%s '%s' appears twice", t->col[col], dup);
			break;
		}
		seen = true;
	}
	return -1;
}

void ctl_table_free(struct ctl_table *t)
{
	size_t i;

	for (i = 0; i < t->nrows; i++) {
		free(t->row[i].text);
		free(t->row[i].cell);
	}
	free(t->row);
	free(t->col);
	free(t->header);
	memset(t, 0, sizeof(*t));
}
