// SPDX-License-Identifier: GPL-2.0
/*
 * The per-port table: keys, sizes, per-CPU counts and the probe limit. The
 * limit is checked against hash_64() itself, the home slot the table uses,
 * so a table that probed further or less far than promised would fail.
 */
#include <linux/errno.h>
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/slab.h>

#include "porttab.h"
#include "reasons.h"
#include "tcpi_kunit.h"

#define TCPI_TEST_CPUS	4

static struct tcpi_porttab *tcpi_test_table(struct kunit *test)
{
	return test->priv;
}

/* The home slot of @key in @t, as tcpi_porttab_slot() computes it. */
static unsigned int tcpi_test_home(const struct tcpi_porttab *t, u64 key)
{
	return hash_64(key, ilog2(t->size));
}

static void tcpi_port_key_test(struct kunit *test)
{
	static const struct tcpi_port_key keys[] = {
		{ .netns = 0, .port = 0, .reason = 0 },
		{ .netns = 0xffffffff, .port = 65535, .reason = 0xfffe },
		{ .netns = 4026531840u, .port = 80, .reason = 2 },
		{ .netns = 1, .port = 65535, .reason = 0 },
		{ .netns = 0xffffffff, .port = 0, .reason = 511 },
	};
	struct tcpi_port_key k;
	unsigned int i;
	u64 packed;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		packed = tcpi_port_key_pack(keys[i].netns, keys[i].port,
					    keys[i].reason);
		/* 0 marks a free slot: no real key may pack to it. */
		KUNIT_EXPECT_NE(test, packed, 0ull);
		k = tcpi_port_key_unpack(packed);
		KUNIT_EXPECT_EQ(test, k.netns, keys[i].netns);
		KUNIT_EXPECT_EQ(test, k.port, keys[i].port);
		KUNIT_EXPECT_EQ(test, k.reason, keys[i].reason);
	}
	KUNIT_EXPECT_EQ(test, tcpi_port_key_pack(0, 0, 0), 1ull);
	KUNIT_EXPECT_EQ(test, tcpi_port_key_pack(0x12345678, 0x9abc, 0x41),
			0x123456789abc0042ull);
	KUNIT_EXPECT_EQ(test, tcpi_port_key_pack(0xffffffff, 65535, 0xfffe),
			0xffffffffffffffffull);
	/* Only reason 0xffff would pack to 0; no reason index gets there. */
	KUNIT_EXPECT_LT(test, TCPI_REASON_SLOTS, 0xffff);
}

static void tcpi_porttab_bytes_test(struct kunit *test)
{
	size_t bytes = 7;

	KUNIT_EXPECT_EQ(test, tcpi_porttab_bytes(384, 2, &bytes), -EINVAL);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_bytes(TCPI_PORTTAB_MIN / 2, 2, &bytes),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_bytes(TCPI_PORTTAB_MIN - 1, 2, &bytes),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_bytes(TCPI_PORTTAB_MAX * 2, 2, &bytes),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_bytes(TCPI_PORTTAB_MAX + 1, 2, &bytes),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_bytes(0, 2, &bytes), -EINVAL);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_bytes(TCPI_PORTTAB_MIN, 0, &bytes),
			-EINVAL);
	/* A refused size leaves the result alone. */
	KUNIT_EXPECT_EQ(test, bytes, 7);

	/* The table, one key array and one count array per CPU. */
	KUNIT_ASSERT_EQ(test, tcpi_porttab_bytes(256, 2, &bytes), 0);
	KUNIT_EXPECT_EQ(test, bytes, sizeof(struct tcpi_porttab) + 256 * 8 * 3);
	KUNIT_ASSERT_EQ(test, tcpi_porttab_bytes(TCPI_PORTTAB_MAX, 1, &bytes), 0);
	KUNIT_EXPECT_EQ(test, bytes, sizeof(struct tcpi_porttab) + (16u << 20));
	KUNIT_ASSERT_EQ(test, tcpi_porttab_bytes(4096, 64, &bytes), 0);
	KUNIT_EXPECT_EQ(test, bytes, sizeof(struct tcpi_porttab) + 4096 * 8 * 65);

	KUNIT_EXPECT_PTR_EQ(test, tcpi_porttab_alloc(384, 2), NULL);
	KUNIT_EXPECT_PTR_EQ(test, tcpi_porttab_alloc(256, 0), NULL);
	tcpi_porttab_free(NULL);
}

static void tcpi_porttab_same_key_test(struct kunit *test)
{
	struct tcpi_porttab *t = tcpi_test_table(test);
	u64 key = tcpi_port_key_pack(1, 80, 3);
	u64 other = tcpi_port_key_pack(1, 80, 4);
	int slot, slot2;

	KUNIT_EXPECT_EQ(test, t->size, TCPI_PORTTAB_MIN);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_used(t), 0);
	slot = tcpi_porttab_slot(t, key);
	KUNIT_ASSERT_GE(test, slot, 0);
	KUNIT_EXPECT_EQ(test, slot, tcpi_test_home(t, key));
	KUNIT_EXPECT_EQ(test, tcpi_porttab_slot(t, key), slot);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_key(t, slot), key);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_count(t, slot), 0);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_used(t), 1);

	slot2 = tcpi_porttab_slot(t, other);
	KUNIT_ASSERT_GE(test, slot2, 0);
	KUNIT_EXPECT_NE(test, slot2, slot);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_key(t, slot2), other);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_used(t), 2);
}

static void tcpi_porttab_counts_test(struct kunit *test)
{
	struct tcpi_porttab *t = tcpi_test_table(test);
	u64 key = tcpi_port_key_pack(7, 443, 2);
	u64 other = tcpi_port_key_pack(8, 443, 2);
	unsigned int cpu, n;
	int slot, slot2;

	/* cpu c counts c + 1 drops: each CPU's count is in the sum once. */
	for (cpu = 0; cpu < TCPI_TEST_CPUS; cpu++)
		for (n = 0; n <= cpu; n++)
			KUNIT_EXPECT_TRUE(test, tcpi_porttab_add(t, key, cpu));
	KUNIT_EXPECT_TRUE(test, tcpi_porttab_add(t, other, 2));
	/* a sum of microseconds arrives in one call */
	KUNIT_EXPECT_TRUE(test, tcpi_porttab_add_n(t, other, 1, 5000000000ULL));

	slot = tcpi_porttab_slot(t, key);
	slot2 = tcpi_porttab_slot(t, other);
	KUNIT_ASSERT_GE(test, slot, 0);
	KUNIT_ASSERT_GE(test, slot2, 0);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_count(t, slot), 1 + 2 + 3 + 4);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_count(t, slot2), 5000000001ULL);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_used(t), 2);

	/* A CPU the table has no counts for is refused, not counted. */
	KUNIT_EXPECT_FALSE(test, tcpi_porttab_add(t, key, TCPI_TEST_CPUS));
	KUNIT_EXPECT_FALSE(test, tcpi_porttab_add(t, key, 0xffffffff));
	KUNIT_EXPECT_EQ(test, tcpi_porttab_count(t, slot), 10);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_count(t, slot2), 5000000001ULL);
}

/*
 * Keys whose home slot is @home, @n of them, from @first on: linear probing
 * must put them in @home, @home + 1, ... and wrap at the end of the table.
 */
static unsigned int tcpi_test_colliding(const struct tcpi_porttab *t,
					unsigned int home, u64 *keys,
					unsigned int n, u32 first)
{
	unsigned int found = 0;
	u32 netns;

	for (netns = first; found < n && netns < first + (64u << 20); netns++) {
		u64 key = tcpi_port_key_pack(netns, 8080, 1);

		if (tcpi_test_home(t, key) == home)
			keys[found++] = key;
	}
	return found;
}

static void tcpi_porttab_collisions_test(struct kunit *test)
{
	struct tcpi_porttab *t = tcpi_test_table(test);
	unsigned int home = t->size - 6, n = TCPI_PORTTAB_PROBES + 1, i;
	u64 *keys;

	keys = kunit_kzalloc(test, n * sizeof(*keys), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, keys);
	KUNIT_ASSERT_EQ(test, tcpi_test_colliding(t, home, keys, n, 1), n);

	for (i = 0; i < TCPI_PORTTAB_PROBES; i++)
		KUNIT_EXPECT_EQ(test, tcpi_porttab_slot(t, keys[i]),
				(home + i) & (t->size - 1));
	KUNIT_EXPECT_EQ(test, tcpi_porttab_used(t), TCPI_PORTTAB_PROBES);

	/* The 65th key of one home finds no slot within the limit. */
	KUNIT_EXPECT_EQ(test, tcpi_porttab_slot(t, keys[n - 1]), -ENOSPC);
	KUNIT_EXPECT_FALSE(test, tcpi_porttab_add(t, keys[n - 1], 0));
	KUNIT_EXPECT_EQ(test, tcpi_porttab_used(t), TCPI_PORTTAB_PROBES);

	/* Keys already in still are found, the last one 63 slots on. */
	KUNIT_EXPECT_EQ(test, tcpi_porttab_slot(t, keys[n - 2]),
			(home + TCPI_PORTTAB_PROBES - 1) & (t->size - 1));
	KUNIT_EXPECT_TRUE(test, tcpi_porttab_add(t, keys[n - 2], 3));
	KUNIT_EXPECT_EQ(test, tcpi_porttab_count(t, tcpi_porttab_slot(t, keys[n - 2])),
			1);
}

static void tcpi_porttab_fill_test(struct kunit *test)
{
	struct tcpi_porttab *t = tcpi_test_table(test);
	unsigned int inserted = 0, refused = 0, slot;
	u32 netns;
	u64 key;
	int s;

	/* Until every slot is taken: the table must fill completely. */
	for (netns = 1; netns < 100000 && inserted < t->size; netns++) {
		key = tcpi_port_key_pack(netns, 22, 5);
		s = tcpi_porttab_slot(t, key);
		if (s == -ENOSPC) {
			unsigned int home = tcpi_test_home(t, key), i;

			/* Refused only if the whole window of probes is taken. */
			for (i = 0; i < TCPI_PORTTAB_PROBES; i++) {
				u64 seen = tcpi_porttab_key(t, (home + i) & (t->size - 1));

				KUNIT_ASSERT_NE(test, seen, 0ull);
				KUNIT_ASSERT_NE(test, seen, key);
			}
			KUNIT_EXPECT_FALSE(test, tcpi_porttab_add(t, key, 0));
			refused++;
			continue;
		}
		KUNIT_ASSERT_GE(test, s, 0);
		KUNIT_ASSERT_EQ(test, tcpi_porttab_key(t, s), key);
		inserted++;
	}
	KUNIT_EXPECT_EQ(test, inserted, t->size);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_used(t), t->size);
	KUNIT_EXPECT_GT(test, refused, 0);

	/* Every key is within the probe limit of its home. */
	for (slot = 0; slot < t->size; slot++) {
		key = tcpi_porttab_key(t, slot);
		KUNIT_EXPECT_LT(test, (slot - tcpi_test_home(t, key)) & (t->size - 1),
				TCPI_PORTTAB_PROBES);
		KUNIT_EXPECT_EQ(test, tcpi_porttab_slot(t, key), slot);
	}

	/* Full: a new key is refused, and nothing changes. */
	key = tcpi_port_key_pack(0xffffffff, 1, 1);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_slot(t, key), -ENOSPC);
	KUNIT_EXPECT_FALSE(test, tcpi_porttab_add(t, key, 1));
	KUNIT_EXPECT_EQ(test, tcpi_porttab_used(t), t->size);
}

/* Zeroing one CPU's counts leaves the others' and every key. */
static void tcpi_porttab_zero_cpu_test(struct kunit *test)
{
	struct tcpi_porttab *t = tcpi_test_table(test);
	u64 key = tcpi_port_key_pack(9, 22, 1);
	unsigned int cpu;
	int slot;

	for (cpu = 0; cpu < TCPI_TEST_CPUS; cpu++)
		KUNIT_EXPECT_TRUE(test, tcpi_porttab_add(t, key, cpu));
	slot = tcpi_porttab_slot(t, key);
	KUNIT_ASSERT_GE(test, slot, 0);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_count(t, slot), TCPI_TEST_CPUS);

	tcpi_porttab_zero_cpu(t, 1);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_count(t, slot), TCPI_TEST_CPUS - 1);
	/* a CPU the table has no counts for: nothing to do, nothing broken */
	tcpi_porttab_zero_cpu(t, TCPI_TEST_CPUS);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_count(t, slot), TCPI_TEST_CPUS - 1);
	for (cpu = 0; cpu < TCPI_TEST_CPUS; cpu++)
		tcpi_porttab_zero_cpu(t, cpu);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_count(t, slot), 0);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_key(t, slot), key);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_used(t), 1);

	KUNIT_EXPECT_TRUE(test, tcpi_porttab_add(t, key, 3));
	KUNIT_EXPECT_EQ(test, tcpi_porttab_slot(t, key), slot);
	KUNIT_EXPECT_EQ(test, tcpi_porttab_count(t, slot), 1);
}

static int tcpi_porttab_test_init(struct kunit *test)
{
	test->priv = tcpi_porttab_alloc(TCPI_PORTTAB_MIN, TCPI_TEST_CPUS);
	return test->priv ? 0 : -ENOMEM;
}

static void tcpi_porttab_test_exit(struct kunit *test)
{
	tcpi_porttab_free(test->priv);
}

static struct kunit_case tcpi_porttab_cases[] = {
	KUNIT_CASE(tcpi_port_key_test),
	KUNIT_CASE(tcpi_porttab_bytes_test),
	KUNIT_CASE(tcpi_porttab_same_key_test),
	KUNIT_CASE(tcpi_porttab_counts_test),
	KUNIT_CASE(tcpi_porttab_collisions_test),
	KUNIT_CASE(tcpi_porttab_fill_test),
	KUNIT_CASE(tcpi_porttab_zero_cpu_test),
	{}
};

struct kunit_suite tcpi_porttab_suite = {
	.name = "tcpinsight_porttab",
	.init = tcpi_porttab_test_init,
	.exit = tcpi_porttab_test_exit,
	.test_cases = tcpi_porttab_cases,
};
