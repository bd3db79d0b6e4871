/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Allocation that cannot fail: a reader with no memory left has nothing
 * useful to fall back on, so it says so and exits with status 1.
 */
#ifndef CTL_XALLOC_H
#define CTL_XALLOC_H

#include <stddef.h>

void *ctl_xmalloc(size_t size);
/* realloc of @nmemb elements of @size, overflow-checked */
void *ctl_xreallocarray(void *ptr, size_t nmemb, size_t size);
/* zeroed, overflow-checked */
void *ctl_xcalloc(size_t nmemb, size_t size);
char *ctl_xstrdup(const char *s);

/* Grows *@cap (doubling, at least @min_cap) so that @need elements fit. */
void *ctl_xgrow(void *ptr, size_t *cap, size_t need, size_t size,
		size_t min_cap);

#endif
