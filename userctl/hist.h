/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one-token log2 histogram of the listeners table (accept_hist):
 * "-" when empty, else comma-separated "low:count" for the non-empty
 * buckets, low 0 or a power of two (bucket 0 holds 0, bucket 2^k holds
 * [2^k, 2^(k+1))), in increasing order, each at most once.
 */
#ifndef CTL_HIST_H
#define CTL_HIST_H

#include <stdbool.h>
#include <stdint.h>

struct ctl_hist {
	const char *next;	/* the rest of the token; NULL: no more */
	uint64_t low;		/* the bucket just read */
	uint64_t count;
	bool any;		/* a bucket has been read */
	char why[80];		/* after -1: what is wrong */
};

/* Starts reading @token, which must outlive @h. */
void ctl_hist_begin(struct ctl_hist *h, const char *token);

/*
 * Reads the next bucket into @h->low and @h->count. Returns 1 for a
 * bucket, 0 at the end, -1 if the token is malformed (@h->why says how).
 */
int ctl_hist_next(struct ctl_hist *h);

/* Checks a whole token: NULL if it is well-formed, else what is wrong. */
const char *ctl_hist_check(struct ctl_hist *h, const char *token);

#endif
