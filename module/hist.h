/* SPDX-License-Identifier: GPL-2.0 */
/*
 * log2 histograms: bucket 0 holds 0, bucket k >= 1 holds [2^(k-1), 2^k).
 * Queue lengths are at most 65535 (the largest backlog), so 18 buckets
 * cover every value; larger values land in the last one.
 */
#ifndef TCPI_HIST_H
#define TCPI_HIST_H

#include <linux/types.h>

#define TCPI_HIST_BUCKETS	18

unsigned int tcpi_hist_bucket(u32 value);
u32 tcpi_hist_bucket_low(unsigned int bucket);
int tcpi_hist_format(const u64 *counts, char *buf, size_t len);

#endif
