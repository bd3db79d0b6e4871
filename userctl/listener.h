/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The listeners table read into numbers, checked (one row per socket,
 * addresses and histograms well-formed) and sorted trouble first: shared
 * by listeners, export, explain and watch.
 */
#ifndef CTL_LISTENER_H
#define CTL_LISTENER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "json.h"
#include "table.h"

/* The columns of format 1, in the order of the file and of the JSON. */
enum {
	L_NETNS, L_FAMILY, L_ADDR, L_PORT,
	L_ACCEPT_CUR, L_ACCEPT_MAX, L_ACCEPT_PEAK,
	L_SYN_CUR, L_SYN_MAX, L_SYN_PEAK,
	L_OVERFLOWS, L_SYN_DROPS, L_COOKIES, L_SYNS,
	L_ACCEPT_HIST,
	L_NCOLS
};

extern const char *const ctl_listener_cols[L_NCOLS];

struct ctl_listener {
	uint64_t v[L_NCOLS];	/* the numbers; unused for addr, accept_hist */
	unsigned char addr[16];	/* network order; IPv4 in the first 4 */
	const char *addr_text;
	const char *hist;	/* a checked accept_hist token */
	bool has_pct;		/* accept_max > 0 */
	uint64_t pct;		/* the accept queue's fill, in percent */
	unsigned long lineno;
};

/*
 * Reads and checks every row of @t into @l (t->nrows entries, pointing
 * into @t), sorted trouble first: overflows + syn_drops, then the fullest
 * accept queue, then netns, port, family, address. Returns 0, or -1
 * after naming the file and line that are wrong.
 */
int ctl_listeners_collect(const struct ctl_table *t, struct ctl_listener *l);

/* Orders by the row key: netns, family, address, port. */
int ctl_listener_key_cmp(const struct ctl_listener *x,
			 const struct ctl_listener *y);

/*
 * @l as a JSON object: every column of the file, in its order (addr a
 * string, accept_hist an array of {"low":N,"count":N}), then
 * accept_full_pct, a number or null.
 */
void ctl_listener_json(struct ctl_json *j, const struct ctl_listener *l);

/* "addr:port" of @l, allocated. */
char *ctl_listener_endpoint(const struct ctl_listener *l);

#endif
