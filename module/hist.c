// SPDX-License-Identifier: GPL-2.0
/* log2 bucketing and the one-token text form /proc prints. */
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "hist.h"

unsigned int tcpi_hist_bucket(u32 value)
{
	return min_t(unsigned int, fls(value), TCPI_HIST_BUCKETS - 1);
}

u32 tcpi_hist_bucket_low(unsigned int bucket)
{
	if (!bucket)
		return 0;
	if (bucket >= TCPI_HIST_BUCKETS)
		bucket = TCPI_HIST_BUCKETS - 1;
	return 1u << (bucket - 1);
}

/**
 * tcpi_hist_format() - "low:count,low:count" for the non-empty buckets
 * @counts: TCPI_HIST_BUCKETS counts
 * @buf: output
 * @len: size of @buf
 *
 * One token without spaces, so a table row stays whitespace-separated;
 * "-" when every bucket is empty.
 *
 * Return: the length written, or -ENOSPC if @buf is too small.
 */
int tcpi_hist_format(const u64 *counts, char *buf, size_t len)
{
	unsigned int b;
	size_t n = 0;
	int w;

	if (len < 2)
		return -ENOSPC;
	buf[0] = '\0';
	for (b = 0; b < TCPI_HIST_BUCKETS; b++) {
		if (!counts[b])
			continue;
		w = snprintf(buf + n, len - n, "%s%u:%llu", n ? "," : "",
			     tcpi_hist_bucket_low(b), counts[b]);
		if (w < 0 || (size_t)w >= len - n) {
			buf[n] = '\0';
			return -ENOSPC;
		}
		n += w;
	}
	if (!n)
		return strscpy(buf, "-", len);
	return n;
}
