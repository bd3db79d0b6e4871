// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdio.h>

#include "num.h"
#include "rate.h"

/* Tenths of a unit per second, rounded half up, exact in 128 bits. */
static uint64_t ctl_rate_tenths(uint64_t delta, uint64_t ns)
{
	unsigned __int128 t;

	if (!ns)
		return 0;
	t = (unsigned __int128)delta * 10000000000u + ns / 2;
	t /= ns;
	return t > UINT64_MAX ? UINT64_MAX : (uint64_t)t;
}

const char *ctl_rate_text(uint64_t delta, uint64_t ns, char buf[CTL_RATE_LEN])
{
	uint64_t t = ctl_rate_tenths(delta, ns);
	char g[CTL_NUM_GROUPED_LEN];

	snprintf(buf, CTL_RATE_LEN, "%s.%" PRIu64, ctl_group_u64(t / 10, g),
		 t % 10);
	return buf;
}

const char *ctl_rate_json(uint64_t delta, uint64_t ns, char buf[CTL_RATE_LEN])
{
	uint64_t t = ctl_rate_tenths(delta, ns);

	snprintf(buf, CTL_RATE_LEN, "%" PRIu64 ".%" PRIu64, t / 10, t % 10);
	return buf;
}

const char *ctl_seconds_text(uint64_t ns, char buf[CTL_RATE_LEN])
{
	uint64_t ms = (ns + 500000) / 1000000;

	snprintf(buf, CTL_RATE_LEN, "%" PRIu64 ".%03" PRIu64, ms / 1000,
		 ms % 1000);
	return buf;
}
