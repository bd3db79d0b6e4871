/* SPDX-License-Identifier: GPL-2.0 */
/*
 * watch: what changed between two snapshots, row by row, largest first;
 * shown as text (watch_text.c) or JSON lines (watch_json.c).
 */
#ifndef CTL_WATCH_H
#define CTL_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "snap.h"

/* One changed row: what it is, by how much, largest first. */
struct ctl_change {
	uint64_t delta;
	uint64_t rank;		/* listeners: overflows + syn_drops */
	const void *row;	/* the current snapshot's row */
	uint64_t d[4];		/* listeners: syns, overflows, syn_drops, cookies */
};

struct ctl_watch {
	bool json;
	bool tty;
	bool has_tcp;
	uint64_t count;		/* intervals to show; 0: until stopped */
	uint64_t interval_ns;
	struct ctl_snap prev;
	uint64_t prev_ns;
	struct ctl_change *ch;
	size_t nch;
	size_t cap;
};

/*
 * The rows of @cur that changed since w->prev, into w->ch, largest first
 * (listeners: most overflows + SYN drops first).
 */
void ctl_watch_drops(struct ctl_watch *w, const struct ctl_snap *cur);
void ctl_watch_ports(struct ctl_watch *w, const struct ctl_snap *cur);
void ctl_watch_tcp(struct ctl_watch *w, const struct ctl_snap *cur);
void ctl_watch_listeners(struct ctl_watch *w, const struct ctl_snap *cur);

/* Puts @s in key order, so the next interval can look its rows up. */
void ctl_watch_sort(struct ctl_snap *s);

/* One interval's block, @k from 1, over @ns nanoseconds. */
void ctl_watch_text(struct ctl_watch *w, const struct ctl_snap *cur,
		    uint64_t k, uint64_t ns);
void ctl_watch_json(struct ctl_watch *w, const struct ctl_snap *cur,
		    uint64_t k, uint64_t ns);

#endif
