/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Aligned text columns for people: every column as wide as its widest
 * cell. Small tables are collected and printed at once; large ones are
 * measured in one pass and printed in a second, so they are never held
 * in memory twice.
 */
#ifndef CTL_OUTTABLE_H
#define CTL_OUTTABLE_H

#include <stddef.h>
#include <stdio.h>

enum ctl_align {
	CTL_LEFT,
	CTL_RIGHT,
};

struct ctl_outcol {
	const char *header;	/* NULL: the table prints no header line */
	enum ctl_align align;
	unsigned int gap;	/* blanks before the column; the first has none */
};

struct ctl_outtable {
	const struct ctl_outcol *col;
	size_t ncols;
	size_t *width;		/* in columns of a terminal */
	char **cell;		/* collected rows, row-major, nrows * ncols */
	size_t nrows;
	size_t cap;
};

void ctl_outtable_init(struct ctl_outtable *t, const struct ctl_outcol *col,
		       size_t ncols);

/* Widens the columns to fit a row of @t->ncols cells. */
void ctl_outtable_measure(struct ctl_outtable *t, const char *const *cells);

/* Prints the header line, if the columns have one. */
void ctl_outtable_print_header(const struct ctl_outtable *t, FILE *f);

/* Prints one row, at the widths measured so far. */
void ctl_outtable_print_row(const struct ctl_outtable *t, FILE *f,
			    const char *const *cells);

/* Measures a row and keeps a copy of it for ctl_outtable_print(). */
void ctl_outtable_add(struct ctl_outtable *t, const char *const *cells);

/* Prints the header and the rows kept by ctl_outtable_add(). */
void ctl_outtable_print(const struct ctl_outtable *t, FILE *f);

void ctl_outtable_free(struct ctl_outtable *t);

#endif
