/* SPDX-License-Identifier: GPL-2.0 */
/*
 * events -f: the events file read again every interval, each event
 * printed once, in id order, and every gap in the ids reported as the
 * number of events lost there.
 */
#ifndef CTL_FOLLOW_H
#define CTL_FOLLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ctl_follow_opts {
	bool json;
	size_t last;		/* start with the last N held; SIZE_MAX: all */
	uint64_t interval_ns;
};

/* Returns the exit status. */
int ctl_follow(const char *path, const struct ctl_follow_opts *o);

#endif
