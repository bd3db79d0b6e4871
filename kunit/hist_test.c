// SPDX-License-Identifier: GPL-2.0
/*
 * log2 histograms: the bucket of a queue length, each bucket's lower
 * bound, and the one-token text form /proc prints.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "hist.h"
#include "tcpi_kunit.h"

static void tcpi_hist_bucket_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, tcpi_hist_bucket(0), 0u);
	KUNIT_EXPECT_EQ(test, tcpi_hist_bucket(1), 1u);
	KUNIT_EXPECT_EQ(test, tcpi_hist_bucket(2), 2u);
	KUNIT_EXPECT_EQ(test, tcpi_hist_bucket(3), 2u);
	KUNIT_EXPECT_EQ(test, tcpi_hist_bucket(4), 3u);
	KUNIT_EXPECT_EQ(test, tcpi_hist_bucket(7), 3u);
	KUNIT_EXPECT_EQ(test, tcpi_hist_bucket(8), 4u);
	KUNIT_EXPECT_EQ(test, tcpi_hist_bucket(65535), 16u);
	KUNIT_EXPECT_EQ(test, tcpi_hist_bucket(65536), 17u);
	/* beyond any backlog: the last bucket, never past the array */
	KUNIT_EXPECT_EQ(test, tcpi_hist_bucket(0xffffffff), TCPI_HIST_BUCKETS - 1);
}

static void tcpi_hist_low_test(struct kunit *test)
{
	unsigned int b;

	KUNIT_EXPECT_EQ(test, tcpi_hist_bucket_low(0), 0u);
	KUNIT_EXPECT_EQ(test, tcpi_hist_bucket_low(1), 1u);
	KUNIT_EXPECT_EQ(test, tcpi_hist_bucket_low(2), 2u);
	KUNIT_EXPECT_EQ(test, tcpi_hist_bucket_low(17), 65536u);
	KUNIT_EXPECT_EQ(test, tcpi_hist_bucket_low(200), 65536u);
	/* every bucket's lower bound falls in that bucket */
	for (b = 0; b < TCPI_HIST_BUCKETS; b++)
		KUNIT_EXPECT_EQ(test, tcpi_hist_bucket(tcpi_hist_bucket_low(b)), b);
}

static void tcpi_hist_format_test(struct kunit *test)
{
	u64 counts[TCPI_HIST_BUCKETS] = { 0 };
	char buf[TCPI_HIST_BUCKETS * 28];
	char small[8];

	KUNIT_EXPECT_EQ(test, tcpi_hist_format(counts, buf, sizeof(buf)), 1);
	KUNIT_EXPECT_STREQ(test, buf, "-");

	counts[0] = 1;
	counts[1] = 1;
	counts[2] = 2;
	counts[3] = 3;
	KUNIT_EXPECT_EQ(test, tcpi_hist_format(counts, buf, sizeof(buf)),
			(int)strlen("0:1,1:1,2:2,4:3"));
	KUNIT_EXPECT_STREQ(test, buf, "0:1,1:1,2:2,4:3");

	memset(counts, 0, sizeof(counts));
	counts[17] = U64_MAX;
	tcpi_hist_format(counts, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "65536:18446744073709551615");

	/* every bucket at its largest fits the documented buffer */
	memset(counts, 0xff, sizeof(counts));
	KUNIT_EXPECT_GT(test, tcpi_hist_format(counts, buf, sizeof(buf)), 0);

	/* too small: an error and a whole number of pairs, never half of one */
	counts[0] = 12345;
	memset(counts + 1, 0, sizeof(counts) - sizeof(counts[0]));
	counts[5] = 1;
	KUNIT_EXPECT_EQ(test, tcpi_hist_format(counts, small, sizeof(small)), -ENOSPC);
	KUNIT_EXPECT_STREQ(test, small, "0:12345");
	KUNIT_EXPECT_EQ(test, tcpi_hist_format(counts, small, 1), -ENOSPC);
}

static struct kunit_case tcpi_hist_cases[] = {
	KUNIT_CASE(tcpi_hist_bucket_test),
	KUNIT_CASE(tcpi_hist_low_test),
	KUNIT_CASE(tcpi_hist_format_test),
	{}
};

struct kunit_suite tcpi_hist_suite = {
	.name = "tcpinsight_hist",
	.test_cases = tcpi_hist_cases,
};
