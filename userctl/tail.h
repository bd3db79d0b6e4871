/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The last N of a stream of lines, in memory proportional to N (or to
 * the stream, when all are kept), never to a requested N larger than
 * the stream.
 */
#ifndef CTL_TAIL_H
#define CTL_TAIL_H

#include <stddef.h>

struct ctl_tail {
	char **slot;
	size_t cap;
	size_t max;		/* keep at most this many */
	size_t head;		/* the oldest, once max lines are held */
	size_t n;
};

/* @max: how many to keep; SIZE_MAX keeps everything. */
void ctl_tail_init(struct ctl_tail *t, size_t max);

/* Takes ownership of @line (malloc'd); frees the one it pushes out. */
void ctl_tail_push(struct ctl_tail *t, char *line);

/* The @i-th oldest line held, 0 <= @i < @t->n. */
static inline char *ctl_tail_get(const struct ctl_tail *t, size_t i)
{
	return t->slot[(t->head + i) % t->n];
}

void ctl_tail_free(struct ctl_tail *t);

#endif
