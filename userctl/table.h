/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The /proc tables: a header line naming the columns, then one row per
 * line, fields separated by blanks. Columns are found by name, never by
 * position, so a reader keeps working when later formats append columns.
 */
#ifndef CTL_TABLE_H
#define CTL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ctl_table_row {
	unsigned long lineno;
	char *text;		/* the line, cut into the cells */
	char **cell;		/* ncols pointers into text */
};

struct ctl_table {
	const char *path;
	char *header;		/* the header line, cut into the names */
	char **col;
	size_t ncols;
	struct ctl_table_row *row;
	size_t nrows;
	size_t cap;
};

/*
 * Reads @path (kept by reference). Every row must have exactly as many
 * fields as the header has names. Returns 0, or -1 after naming the file
 * and line that are wrong.
 */
int ctl_table_load(struct ctl_table *t, const char *path);

/* The index of column @name, or -1. */
long ctl_table_col(const struct ctl_table *t, const char *name);

/*
 * Looks up @n columns at once into @idx, in the order of @names. Returns
 * 0, or -1 after naming the first column the header lacks.
 */
int ctl_table_require(const struct ctl_table *t, const char *const *names,
		      size_t *idx, size_t n);

static inline const char *ctl_table_cell(const struct ctl_table *t,
					 size_t row, size_t col)
{
	return t->row[row].cell[col];
}

/* The cell as a u64; -1 after naming the file, line and column if it is not. */
int ctl_table_u64(const struct ctl_table *t, size_t row, size_t col,
		  uint64_t *v);

/*
 * Checks that no value of column @col appears twice. Returns 0, or -1
 * after naming the line of the second occurrence.
 */
int ctl_table_unique(const struct ctl_table *t, size_t col);

void ctl_table_free(struct ctl_table *t);

#endif
