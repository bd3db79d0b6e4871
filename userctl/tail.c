// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "tail.h"
#include "xalloc.h"

void ctl_tail_init(struct ctl_tail *t, size_t max)
{
	memset(t, 0, sizeof(*t));
	t->max = max ? max : 1;
}

void ctl_tail_push(struct ctl_tail *t, char *line)
{
	/* grow while not full; slots stay in order from 0, head stays 0 */
	if (t->n < t->max) {
		t->slot = ctl_xgrow(t->slot, &t->cap, t->n + 1,
				    sizeof(*t->slot), 64);
		t->slot[t->n++] = line;
		return;
	}
	free(t->slot[t->head]);
	t->slot[t->head] = line;
	t->head = (t->head + 1) % t->max;
}

void ctl_tail_free(struct ctl_tail *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->slot[i]);
	free(t->slot);
	memset(t, 0, sizeof(*t));
}
