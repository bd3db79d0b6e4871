// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "outtable.h"
#include "xalloc.h"

/* Columns a cell takes: UTF-8 continuation bytes take none. */
static size_t ctl_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

void ctl_outtable_init(struct ctl_outtable *t, const struct ctl_outcol *col,
		       size_t ncols)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	t->col = col;
	t->ncols = ncols;
	t->width = ctl_xcalloc(ncols, sizeof(*t->width));
	for (i = 0; i < ncols; i++)
		if (col[i].header)
			t->width[i] = ctl_width(col[i].header);
}

void ctl_outtable_measure(struct ctl_outtable *t, const char *const *cells)
{
	size_t i;

	for (i = 0; i < t->ncols; i++) {
		size_t w = ctl_width(cells[i]);

		if (w > t->width[i])
			t->width[i] = w;
	}
}

static void ctl_pad(FILE *f, size_t n)
{
	while (n--)
		fputc(' ', f);
}

/* Control characters become '?', so a cell cannot steer the terminal. */
static void ctl_put_printable(const char *s, FILE *f)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, f);
}

void ctl_outtable_print_row(const struct ctl_outtable *t, FILE *f,
			    const char *const *cells)
{
	size_t i;

	for (i = 0; i < t->ncols; i++) {
		size_t w = ctl_width(cells[i]);
		size_t fill = t->width[i] > w ? t->width[i] - w : 0;
		/* no trailing blanks after a left-aligned last column */
		int last = i + 1 == t->ncols;

		if (i)
			ctl_pad(f, t->col[i].gap);
		if (t->col[i].align == CTL_RIGHT)
			ctl_pad(f, fill);
		ctl_put_printable(cells[i], f);
		if (t->col[i].align == CTL_LEFT && !last)
			ctl_pad(f, fill);
	}
	fputc('\n', f);
}

void ctl_outtable_print_header(const struct ctl_outtable *t, FILE *f)
{
	const char **header;
	size_t i;

	if (!t->ncols || !t->col[0].header)
		return;
	header = ctl_xreallocarray(NULL, t->ncols, sizeof(*header));
	for (i = 0; i < t->ncols; i++)
		header[i] = t->col[i].header ? t->col[i].header : "";
	ctl_outtable_print_row(t, f, header);
	free(header);
}

void ctl_outtable_add(struct ctl_outtable *t, const char *const *cells)
{
	size_t i, base = t->nrows * t->ncols;

	ctl_outtable_measure(t, cells);
	t->cell = ctl_xgrow(t->cell, &t->cap, base + t->ncols,
			    sizeof(*t->cell), 64);
	for (i = 0; i < t->ncols; i++)
		t->cell[base + i] = ctl_xstrdup(cells[i]);
	t->nrows++;
}

void ctl_outtable_print(const struct ctl_outtable *t, FILE *f)
{
	size_t r;

	ctl_outtable_print_header(t, f);
	for (r = 0; r < t->nrows; r++)
		ctl_outtable_print_row(t, f,
				       (const char *const *)&t->cell[r * t->ncols]);
}

void ctl_outtable_free(struct ctl_outtable *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cell[i]);
	free(t->cell);
	free(t->width);
	memset(t, 0, sizeof(*t));
}
