/* SPDX-License-Identifier: GPL-2.0 */
/* Finding a repeated name (a column, a key) among many, in n log n. */
#ifndef CTL_DUPS_H
#define CTL_DUPS_H

#include <stddef.h>

/* A name that occurs more than once in @v, or NULL if all are distinct. */
const char *ctl_find_duplicate(char *const *v, size_t n);

#endif
