// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "fields.h"
#include "xalloc.h"

void ctl_fields_split(struct ctl_fields *f, char *line)
{
	char *p = line;

	f->n = 0;
	for (;;) {
		while (ctl_is_blank(*p))
			*p++ = '\0';
		if (!*p)
			break;
		f->v = ctl_xgrow(f->v, &f->cap, f->n + 1, sizeof(*f->v), 16);
		f->v[f->n++] = p;
		while (*p && !ctl_is_blank(*p))
			p++;
	}
}

void ctl_fields_free(struct ctl_fields *f)
{
	free(f->v);
	f->v = NULL;
	f->n = 0;
	f->cap = 0;
}
