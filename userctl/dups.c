// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "dups.h"
#include "xalloc.h"

static int ctl_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *ctl_find_duplicate(char *const *v, size_t n)
{
	const char *dup = NULL;
	char **sorted;
	size_t i;

	/* a handful of names, the usual case, needs no allocation */
	if (n <= 16) {
		size_t j;

		for (i = 1; i < n; i++)
			for (j = 0; j < i; j++)
				if (!strcmp(v[i], v[j]))
					return v[i];
		return NULL;
	}
	sorted = ctl_xreallocarray(NULL, n, sizeof(*sorted));
	memcpy(sorted, v, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), ctl_cmp_str);
	for (i = 1; i < n && !dup; i++)
		if (!strcmp(sorted[i], sorted[i - 1]))
			dup = sorted[i];
	free(sorted);
	return dup;
}
