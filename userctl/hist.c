// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hist.h"
#include "num.h"

void ctl_hist_begin(struct ctl_hist *h, const char *token)
{
	/* "-" is the whole of an empty histogram, never part of one */
	h->next = strcmp(token, "-") ? token : NULL;
	h->low = 0;
	h->count = 0;
	h->any = false;
	h->why[0] = '\0';
}

static bool ctl_is_bucket_low(uint64_t v)
{
	return !(v & (v - 1));	/* 0 or a power of two */
}

int ctl_hist_next(struct ctl_hist *h)
{
	const char *p = h->next, *comma, *colon;
	uint64_t low, count;
	size_t len;

	if (!p)
		return 0;
	comma = strchr(p, ',');
	len = comma ? (size_t)(comma - p) : strlen(p);
	/* "", ",0:1", "0:1,", "0:1,,2:3" */
	if (!len) {
		snprintf(h->why, sizeof(h->why), "an empty bucket");
		return -1;
	}
	colon = memchr(p, ':', len);
	if (!colon || !ctl_parse_u64_len(p, (size_t)(colon - p), &low) ||
	    !ctl_parse_u64_len(colon + 1, len - (size_t)(colon - p) - 1,
			       &count)) {
		snprintf(h->why, sizeof(h->why), "'%.*s%s' is not low:count",
			 len > 40 ? 40 : (int)len, p, len > 40 ? "..." : "");
		return -1;
	}
	if (!ctl_is_bucket_low(low)) {
		snprintf(h->why, sizeof(h->why),
			 "bucket %" PRIu64 " is not 0 or a power of two", low);
		return -1;
	}
	if (h->any && low <= h->low) {
		snprintf(h->why, sizeof(h->why),
			 "bucket %" PRIu64 " comes after bucket %" PRIu64,
			 low, h->low);
		return -1;
	}
	h->low = low;
	h->count = count;
	h->any = true;
	h->next = comma ? comma + 1 : NULL;
	return 1;
}

const char *ctl_hist_check(struct ctl_hist *h, const char *token)
{
	int ret;

	ctl_hist_begin(h, token);
	while ((ret = ctl_hist_next(h)) > 0)
		;
	return ret < 0 ? h->why : NULL;
}
