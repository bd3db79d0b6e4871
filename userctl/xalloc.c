// SPDX-License-Identifier: GPL-2.0
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "err.h"
#include "xalloc.h"

static void ctl_oom(void)
{
	ctl_err("out of memory");
	exit(CTL_EXIT_RUNTIME);
}

void *ctl_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		ctl_oom();
	return p;
}

void *ctl_xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	size_t bytes;
	void *p;

	if (size && nmemb > SIZE_MAX / size)
		ctl_oom();
	bytes = nmemb * size;
	/* realloc(p, 0) may free p and return NULL, which is no failure */
	p = realloc(ptr, bytes ? bytes : 1);
	if (!p)
		ctl_oom();
	return p;
}

void *ctl_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		ctl_oom();
	return p;
}

char *ctl_xstrdup(const char *s)
{
	size_t len = strlen(s) + 1;

	return memcpy(ctl_xmalloc(len), s, len);
}

void *ctl_xgrow(void *ptr, size_t *cap, size_t need, size_t size,
		size_t min_cap)
{
	size_t n = *cap;

	if (need <= n)
		return ptr;
	if (n < min_cap)
		n = min_cap;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			ctl_oom();
		n *= 2;
	}
	ptr = ctl_xreallocarray(ptr, n, size);
	*cap = n;
	return ptr;
}
