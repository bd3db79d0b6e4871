// SPDX-License-Identifier: GPL-2.0
/*
 * The reason table against made-up kernel name tables of both layouts it
 * meets: 6.1's flat array (NULL holes, names possibly carrying the enum's
 * prefix) and the core list of 6.5 and later, whose subsystem reasons have
 * their subsystem in the upper bits. The indices asserted here are the
 * ones /proc/tcpinsight counts at, so they must not drift.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "reasons.h"
#include "tcpi_kunit.h"

/*
 * What tcpi_reasons_init() appends after the kernel's names: UNKNOWN_REASON
 * and SUBSYSTEM_1 to _15, and NOT_SPECIFIED first if the kernel has none.
 */
#define TCPI_TEST_APPENDED	(1 + TCPI_REASON_SUBSYS_MAX - 1)
/* The most kernel names tcpi_reasons_init() accepts. */
#define TCPI_TEST_MAX_KERNEL	(TCPI_REASON_SLOTS - TCPI_REASON_SUBSYS_MAX - 32)

/* 6.1's shape: indexed by reason, 0 has no name, holes are NULL. */
static const char * const tcpi_flat_names[] = {
	NULL,
	"SKB_DROP_REASON_NOT_SPECIFIED",
	"SKB_DROP_REASON_NO_SOCKET",
	NULL,
	"SKB_DROP_REASON_TCP_CSUM",
	"TCP_FLAGS",
};

/* The core list of 6.5 and later: every entry named, no prefix. */
static const char * const tcpi_core_names[] = {
	"NOT_DROPPED_YET",
	"CONSUMED",
	"NOT_SPECIFIED",
	"NO_SOCKET",
	"SMALL_BUFFER",
};

static struct tcpi_reasons *tcpi_new_reasons(struct kunit *test)
{
	struct tcpi_reasons *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r);
	return r;
}

static void tcpi_reasons_flat_test(struct kunit *test)
{
	struct tcpi_reasons *r = tcpi_new_reasons(test);
	unsigned int n = ARRAY_SIZE(tcpi_flat_names);

	KUNIT_ASSERT_EQ(test, tcpi_reasons_init(r, tcpi_flat_names, n), 0);
	KUNIT_EXPECT_EQ(test, r->nr_kernel, n);
	KUNIT_EXPECT_EQ(test, r->nr, n + TCPI_TEST_APPENDED);

	/* The prefix goes, bare names stay, and the kernel's index stays. */
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, 1), "NOT_SPECIFIED");
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, 2), "NO_SOCKET");
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, 4), "TCP_CSUM");
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, 5), "TCP_FLAGS");
	KUNIT_EXPECT_PTR_EQ(test, r->name[2], tcpi_flat_names[2] + 16);

	/* The kernel has NOT_SPECIFIED: no second one is made up. */
	KUNIT_EXPECT_EQ(test, r->not_specified, 1);
	KUNIT_EXPECT_EQ(test, r->unknown, n);
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, n), "UNKNOWN_REASON");

	/* Unnamed entries are counted, and named, as UNKNOWN_REASON. */
	KUNIT_EXPECT_PTR_EQ(test, r->name[0], NULL);
	KUNIT_EXPECT_PTR_EQ(test, r->name[3], NULL);
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, 0), "UNKNOWN_REASON");
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, 3), "UNKNOWN_REASON");
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, 0), n);
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, 3), n);

	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, 1), 1);
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, 2), 2);
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, 5), 5);
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, TCPI_RAW_REASON_NONE), 1);

	/* Subsystem slots follow UNKNOWN_REASON, in order. */
	KUNIT_EXPECT_EQ(test, r->subsys[0], r->unknown);
	KUNIT_EXPECT_EQ(test, r->subsys[1], n + 1);
	KUNIT_EXPECT_EQ(test, r->subsys[15], n + 15);
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, n + 1), "SUBSYSTEM_1");
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, n + 15), "SUBSYSTEM_15");
}

static void tcpi_reasons_core_list_test(struct kunit *test)
{
	struct tcpi_reasons *r = tcpi_new_reasons(test);
	unsigned int n = ARRAY_SIZE(tcpi_core_names);

	KUNIT_ASSERT_EQ(test, tcpi_reasons_init(r, tcpi_core_names, n), 0);
	KUNIT_EXPECT_EQ(test, r->nr_kernel, n);
	KUNIT_EXPECT_EQ(test, r->nr, n + TCPI_TEST_APPENDED);
	KUNIT_EXPECT_EQ(test, r->not_specified, 2);
	KUNIT_EXPECT_EQ(test, r->unknown, n);
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, 0), "NOT_DROPPED_YET");
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, 3), "NO_SOCKET");

	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, 0), 0);
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, 4), 4);
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, TCPI_RAW_REASON_NONE), 2);

	/* Subsystem s, whatever its own reason, counts at SUBSYSTEM_s. */
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, 1u << 16), r->subsys[1]);
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, 3u << 16 | 7), n + 3);
	KUNIT_EXPECT_STREQ(test,
			   tcpi_reason_name(r, tcpi_reason_index(r, 3u << 16 | 7)),
			   "SUBSYSTEM_3");
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, 15u << 16 | 0xffff), n + 15);

	/* A core reason past the list: a kernel newer than its names. */
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, n), n);
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, 0xffff), n);
	/* A subsystem past the table, or past any subsystem. */
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, 16u << 16), n);
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, 0xfffffffeu), n);
}

/* 5.10 has no drop reasons: every drop is NOT_SPECIFIED. */
static void tcpi_reasons_no_kernel_names_test(struct kunit *test)
{
	struct tcpi_reasons *r = tcpi_new_reasons(test);

	KUNIT_ASSERT_EQ(test, tcpi_reasons_init(r, NULL, 0), 0);
	KUNIT_EXPECT_EQ(test, r->nr_kernel, 0);
	KUNIT_EXPECT_EQ(test, r->nr, 1 + TCPI_TEST_APPENDED);
	KUNIT_EXPECT_EQ(test, r->not_specified, 0);
	KUNIT_EXPECT_EQ(test, r->unknown, 1);
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, 0), "NOT_SPECIFIED");
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, 1), "UNKNOWN_REASON");
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, 2), "SUBSYSTEM_1");
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, TCPI_RAW_REASON_NONE), 0);
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, 0), 1);
	KUNIT_EXPECT_FALSE(test, tcpi_reason_is_native(r, 0));

	/* A count without names is ignored rather than read through. */
	KUNIT_ASSERT_EQ(test, tcpi_reasons_init(r, NULL, 10), 0);
	KUNIT_EXPECT_EQ(test, r->nr_kernel, 0);
	KUNIT_EXPECT_EQ(test, r->not_specified, 0);
}

static void tcpi_reasons_intern_test(struct kunit *test)
{
	static const char derived[] = "TCPI_TEST_DERIVED";
	struct tcpi_reasons *r = tcpi_new_reasons(test);
	unsigned int n = ARRAY_SIZE(tcpi_flat_names);
	unsigned int nr;

	KUNIT_ASSERT_EQ(test, tcpi_reasons_init(r, tcpi_flat_names, n), 0);
	nr = r->nr;

	/* A kernel name keeps the kernel's index: both count together. */
	KUNIT_EXPECT_EQ(test, tcpi_reasons_intern(r, "NO_SOCKET"), 2);
	KUNIT_EXPECT_EQ(test, tcpi_reasons_intern(r, "NOT_SPECIFIED"), 1);
	KUNIT_EXPECT_EQ(test, tcpi_reasons_intern(r, "SUBSYSTEM_4"), n + 4);
	KUNIT_EXPECT_EQ(test, r->nr, nr);

	/* A new name goes after everything, once. */
	KUNIT_EXPECT_EQ(test, tcpi_reasons_intern(r, derived), nr);
	KUNIT_EXPECT_EQ(test, r->nr, nr + 1);
	KUNIT_EXPECT_PTR_EQ(test, tcpi_reason_name(r, nr), &derived[0]);
	KUNIT_EXPECT_EQ(test, tcpi_reasons_intern(r, "TCPI_TEST_DERIVED"), nr);
	KUNIT_EXPECT_EQ(test, r->nr, nr + 1);

	/* Only the kernel's own indices are native. */
	KUNIT_EXPECT_TRUE(test, tcpi_reason_is_native(r, 2));
	KUNIT_EXPECT_TRUE(test, tcpi_reason_is_native(r, n - 1));
	KUNIT_EXPECT_FALSE(test, tcpi_reason_is_native(r, n));
	KUNIT_EXPECT_FALSE(test, tcpi_reason_is_native(r, nr));

	/* Past the table: a name, never a NULL pointer. */
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, nr + 1), "UNKNOWN_REASON");
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, 100000), "UNKNOWN_REASON");
}

static void tcpi_reasons_intern_full_test(struct kunit *test)
{
	struct tcpi_reasons *r = tcpi_new_reasons(test);
	char (*names)[16];
	unsigned int i, added = 0;
	int idx = 0;

	names = kunit_kzalloc(test, TCPI_REASON_SLOTS * sizeof(*names),
			      GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, names);
	KUNIT_ASSERT_EQ(test, tcpi_reasons_init(r, tcpi_core_names,
						ARRAY_SIZE(tcpi_core_names)), 0);

	for (i = 0; i < TCPI_REASON_SLOTS; i++) {
		snprintf(names[i], sizeof(names[i]), "DERIVED_%u", i);
		idx = tcpi_reasons_intern(r, names[i]);
		if (idx < 0)
			break;
		KUNIT_ASSERT_EQ(test, idx, r->nr - 1);
		added++;
	}
	KUNIT_EXPECT_EQ(test, idx, -ENOSPC);
	KUNIT_EXPECT_EQ(test, r->nr, TCPI_REASON_SLOTS);
	KUNIT_EXPECT_EQ(test, added, TCPI_REASON_SLOTS -
			ARRAY_SIZE(tcpi_core_names) - TCPI_TEST_APPENDED);
	/* Full, yet names it has are still found. */
	KUNIT_EXPECT_EQ(test, tcpi_reasons_intern(r, "NO_SOCKET"), 3);
	KUNIT_EXPECT_EQ(test, tcpi_reasons_intern(r, "DERIVED_0"),
			ARRAY_SIZE(tcpi_core_names) + TCPI_TEST_APPENDED);
	KUNIT_EXPECT_EQ(test, tcpi_reasons_intern(r, "DERIVED_X"), -ENOSPC);
}

static void tcpi_reasons_too_many_test(struct kunit *test)
{
	struct tcpi_reasons *r = tcpi_new_reasons(test);
	const char **names;

	names = kunit_kzalloc(test, (TCPI_TEST_MAX_KERNEL + 1) * sizeof(*names),
			      GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, names);

	KUNIT_EXPECT_EQ(test, tcpi_reasons_init(r, names, TCPI_TEST_MAX_KERNEL + 1),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, tcpi_reasons_init(r, names, TCPI_REASON_SLOTS),
			-ENOSPC);

	/* The most it takes still leaves room for every derived name. */
	names[TCPI_TEST_MAX_KERNEL - 1] = "SKB_DROP_REASON_LAST";
	KUNIT_ASSERT_EQ(test, tcpi_reasons_init(r, names, TCPI_TEST_MAX_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, r->nr, TCPI_TEST_MAX_KERNEL + 1 + TCPI_TEST_APPENDED);
	KUNIT_EXPECT_EQ(test, r->not_specified, TCPI_TEST_MAX_KERNEL);
	KUNIT_EXPECT_EQ(test, r->subsys[15],
			TCPI_TEST_MAX_KERNEL + TCPI_TEST_APPENDED);
	KUNIT_EXPECT_STREQ(test, tcpi_reason_name(r, TCPI_TEST_MAX_KERNEL - 1),
			   "LAST");
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, TCPI_TEST_MAX_KERNEL - 1),
			TCPI_TEST_MAX_KERNEL - 1);
}

/* The names of the kernel under test, as tcpinsight.ko reads them. */
static void tcpi_reasons_this_kernel_test(struct kunit *test)
{
#if defined(TCPI_HDR_DROP_REASONS_FLAT) || defined(TCPI_HDR_DROP_REASONS_BY_SUBSYS)
	struct tcpi_reasons *r = tcpi_new_reasons(test);
	const char * const *names;
	unsigned int n = tcpi_kernel_reason_names(&names);

	KUNIT_ASSERT_GT(test, n, (unsigned int)SKB_DROP_REASON_NO_SOCKET);
	KUNIT_ASSERT_EQ(test, tcpi_reasons_init(r, names, n), 0);
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, SKB_DROP_REASON_NO_SOCKET),
			SKB_DROP_REASON_NO_SOCKET);
	KUNIT_EXPECT_STREQ(test,
			   tcpi_reason_name(r, SKB_DROP_REASON_NO_SOCKET),
			   "NO_SOCKET");
	KUNIT_EXPECT_EQ(test, tcpi_reasons_intern(r, "NO_SOCKET"),
			SKB_DROP_REASON_NO_SOCKET);
	KUNIT_EXPECT_EQ(test, r->not_specified, SKB_DROP_REASON_NOT_SPECIFIED);
	KUNIT_EXPECT_EQ(test, tcpi_reason_index(r, TCPI_RAW_REASON_NONE),
			SKB_DROP_REASON_NOT_SPECIFIED);
	KUNIT_EXPECT_TRUE(test, tcpi_reason_is_native(r, r->not_specified));
#else
	kunit_skip(test, "this kernel has no drop reasons");
#endif
}

static struct kunit_case tcpi_reasons_cases[] = {
	KUNIT_CASE(tcpi_reasons_flat_test),
	KUNIT_CASE(tcpi_reasons_core_list_test),
	KUNIT_CASE(tcpi_reasons_no_kernel_names_test),
	KUNIT_CASE(tcpi_reasons_intern_test),
	KUNIT_CASE(tcpi_reasons_intern_full_test),
	KUNIT_CASE(tcpi_reasons_too_many_test),
	KUNIT_CASE(tcpi_reasons_this_kernel_test),
	{}
};

struct kunit_suite tcpi_reasons_suite = {
	.name = "tcpinsight_reasons",
	.test_cases = tcpi_reasons_cases,
};
