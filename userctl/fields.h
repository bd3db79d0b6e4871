/* SPDX-License-Identifier: GPL-2.0 */
/* Splitting a line into whitespace-separated fields, in place. */
#ifndef CTL_FIELDS_H
#define CTL_FIELDS_H

#include <stddef.h>

struct ctl_fields {
	char **v;
	size_t n;
	size_t cap;
};

/*
 * Cuts @line at every run of blanks (space, tab, CR, VT, FF) and points
 * @f->v at the pieces; leading and trailing blanks make no empty field.
 * Reuses @f's storage from earlier calls.
 */
void ctl_fields_split(struct ctl_fields *f, char *line);

void ctl_fields_free(struct ctl_fields *f);

/* The blanks ctl_fields_split() cuts at, independent of the locale. */
static inline int ctl_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

#endif
