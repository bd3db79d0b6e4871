/* SPDX-License-Identifier: GPL-2.0 */
/* Counter deltas over an interval, as rates per second. */
#ifndef CTL_RATE_H
#define CTL_RATE_H

#include <stdint.h>

#define CTL_RATE_LEN	40

/*
 * The change of a counter from @prev to @cur. A counter that went down
 * was started again (the module reloaded, the table reset, the listener
 * listened anew): it counted @cur since.
 */
static inline uint64_t ctl_delta(uint64_t prev, uint64_t cur)
{
	return cur >= prev ? cur - prev : cur;
}

/* @delta per second over @ns, one decimal, grouped: "1,234.5". */
const char *ctl_rate_text(uint64_t delta, uint64_t ns, char buf[CTL_RATE_LEN]);

/* The same without grouping, for JSON: "1234.5". */
const char *ctl_rate_json(uint64_t delta, uint64_t ns, char buf[CTL_RATE_LEN]);

/* @ns as seconds with three decimals: "1.002". */
const char *ctl_seconds_text(uint64_t ns, char buf[CTL_RATE_LEN]);

#endif
