// SPDX-License-Identifier: GPL-2.0
/*
 * The event ring, single-threaded: which ids it hands out, which it still
 * holds after wrapping, and that every id it does not hold is accounted
 * for, which is what /proc reports as events_lost. A writer caught in the
 * middle of a slot is simulated by setting the slot's busy bit.
 */
#include <linux/errno.h>
#include <linux/string.h>

#include "ring.h"
#include "tcpi_kunit.h"

#define TCPI_TEST_RING	16

static struct tcpi_ring *tcpi_test_ring(struct kunit *test)
{
	return test->priv;
}

/* Events are told apart by seq, which is set to their expected id. */
static u64 tcpi_test_push(struct tcpi_ring *ring, u64 id)
{
	struct tcpi_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.seq = id;
	ev.ts = id * 1000;
	ev.family = 4;
	return tcpi_ring_push(ring, &ev);
}

/* Whether @id is held, and held as the event pushed for it. */
static bool tcpi_test_holds(const struct tcpi_ring *ring, u64 id)
{
	struct tcpi_event ev;

	memset(&ev, 0xa5, sizeof(ev));
	if (!tcpi_ring_read(ring, id, &ev))
		return false;
	return ev.seq == id && ev.ts == id * 1000 && ev.family == 4;
}

static struct tcpi_ring_slot *tcpi_test_slot(struct tcpi_ring *ring, u64 id)
{
	return &ring->slot[(id - 1) % ring->size];
}

static void tcpi_ring_bytes_test(struct kunit *test)
{
	size_t bytes = 7;

	KUNIT_EXPECT_EQ(test, tcpi_ring_bytes(0, &bytes), -EINVAL);
	KUNIT_EXPECT_EQ(test, tcpi_ring_bytes(TCPI_RING_MIN - 1, &bytes), -EINVAL);
	KUNIT_EXPECT_EQ(test, tcpi_ring_bytes(TCPI_RING_MAX + 1, &bytes), -EINVAL);
	KUNIT_EXPECT_EQ(test, tcpi_ring_bytes(0xffffffff, &bytes), -EINVAL);
	KUNIT_EXPECT_EQ(test, bytes, 7);

	KUNIT_ASSERT_EQ(test, tcpi_ring_bytes(TCPI_RING_MIN, &bytes), 0);
	KUNIT_EXPECT_EQ(test, bytes, sizeof(struct tcpi_ring) +
			TCPI_RING_MIN * sizeof(struct tcpi_ring_slot));
	/* Any size in range, not only powers of two. */
	KUNIT_ASSERT_EQ(test, tcpi_ring_bytes(1000, &bytes), 0);
	KUNIT_EXPECT_EQ(test, bytes, sizeof(struct tcpi_ring) +
			1000 * sizeof(struct tcpi_ring_slot));
	KUNIT_ASSERT_EQ(test, tcpi_ring_bytes(TCPI_RING_MAX, &bytes), 0);
	KUNIT_EXPECT_EQ(test, bytes, sizeof(struct tcpi_ring) +
			(size_t)TCPI_RING_MAX * sizeof(struct tcpi_ring_slot));

	KUNIT_EXPECT_PTR_EQ(test, tcpi_ring_alloc(TCPI_RING_MIN - 1), NULL);
}

static void tcpi_ring_ids_test(struct kunit *test)
{
	struct tcpi_ring *ring = tcpi_test_ring(test);
	struct tcpi_event ev;

	KUNIT_EXPECT_EQ(test, ring->size, TCPI_TEST_RING);
	KUNIT_EXPECT_EQ(test, tcpi_ring_head(ring), 0);
	KUNIT_EXPECT_EQ(test, tcpi_ring_first(ring, 0), 1);
	KUNIT_EXPECT_EQ(test, tcpi_ring_held(ring, 0), 0);
	/* Nothing pushed yet: not even the zeroed slots read as events. */
	KUNIT_EXPECT_FALSE(test, tcpi_ring_read(ring, 1, &ev));
	KUNIT_EXPECT_FALSE(test, tcpi_ring_read(ring, 0, &ev));

	KUNIT_EXPECT_EQ(test, tcpi_test_push(ring, 1), 1);
	KUNIT_EXPECT_EQ(test, tcpi_test_push(ring, 2), 2);
	KUNIT_EXPECT_EQ(test, tcpi_test_push(ring, 3), 3);
	KUNIT_EXPECT_EQ(test, tcpi_ring_head(ring), 3);
	KUNIT_EXPECT_EQ(test, tcpi_ring_first(ring, 3), 1);
	KUNIT_EXPECT_EQ(test, tcpi_ring_held(ring, 3), 3);
	KUNIT_EXPECT_TRUE(test, tcpi_test_holds(ring, 1));
	KUNIT_EXPECT_TRUE(test, tcpi_test_holds(ring, 3));
	KUNIT_EXPECT_FALSE(test, tcpi_ring_read(ring, 0, &ev));
	KUNIT_EXPECT_FALSE(test, tcpi_ring_read(ring, 4, &ev));
	/* Id 17 would live in id 1's slot: it is not there. */
	KUNIT_EXPECT_FALSE(test, tcpi_ring_read(ring, 1 + TCPI_TEST_RING, &ev));
}

static void tcpi_ring_wrap_test(struct kunit *test)
{
	struct tcpi_ring *ring = tcpi_test_ring(test);
	u64 n = 2 * TCPI_TEST_RING + 8, id;

	for (id = 1; id <= n; id++)
		KUNIT_ASSERT_EQ(test, tcpi_test_push(ring, id), id);
	KUNIT_EXPECT_EQ(test, tcpi_ring_head(ring), n);

	KUNIT_EXPECT_EQ(test, tcpi_ring_first(ring, TCPI_TEST_RING), 1);
	KUNIT_EXPECT_EQ(test, tcpi_ring_first(ring, TCPI_TEST_RING + 1), 2);
	KUNIT_EXPECT_EQ(test, tcpi_ring_first(ring, n), n - TCPI_TEST_RING + 1);

	/* The last size events are held; every other id was lost. */
	KUNIT_EXPECT_EQ(test, tcpi_ring_held(ring, n), TCPI_TEST_RING);
	KUNIT_EXPECT_EQ(test, n - tcpi_ring_held(ring, n), n - TCPI_TEST_RING);
	for (id = 1; id <= n; id++)
		KUNIT_EXPECT_EQ(test, tcpi_test_holds(ring, id),
				id > n - TCPI_TEST_RING);
	KUNIT_EXPECT_FALSE(test, tcpi_test_holds(ring, n + 1));

	/* An older window: its ids were all overwritten since. */
	KUNIT_EXPECT_EQ(test, tcpi_ring_held(ring, 20), 0);
	KUNIT_EXPECT_EQ(test, tcpi_ring_held(ring, n - 1), TCPI_TEST_RING - 1);
}

static void tcpi_ring_busy_test(struct kunit *test)
{
	struct tcpi_ring *ring = tcpi_test_ring(test);
	struct tcpi_event ev;
	u64 id;

	for (id = 1; id <= 3; id++)
		KUNIT_ASSERT_EQ(test, tcpi_test_push(ring, id), id);

	/* A writer still in id 4's slot: id 4 is handed out, and lost. */
	tcpi_test_slot(ring, 4)->gen |= 1;
	KUNIT_EXPECT_EQ(test, tcpi_test_push(ring, 4), 0);
	KUNIT_EXPECT_EQ(test, tcpi_ring_head(ring), 4);
	KUNIT_EXPECT_EQ(test, tcpi_ring_held(ring, 4), 3);
	KUNIT_EXPECT_FALSE(test, tcpi_ring_read(ring, 4, &ev));

	/* Others go on; one lap later the same slot loses again. */
	for (id = 5; id < 4 + TCPI_TEST_RING; id++)
		KUNIT_ASSERT_EQ(test, tcpi_test_push(ring, id), id);
	KUNIT_EXPECT_EQ(test, tcpi_test_push(ring, 4 + TCPI_TEST_RING), 0);
	id = 4 + TCPI_TEST_RING;
	KUNIT_EXPECT_EQ(test, tcpi_ring_head(ring), id);
	KUNIT_EXPECT_EQ(test, tcpi_ring_held(ring, id), TCPI_TEST_RING - 1);
	/* Lost: ids 1 to 4, out of the window or never written, and id 20. */
	KUNIT_EXPECT_EQ(test, id - tcpi_ring_held(ring, id), 5);
	KUNIT_EXPECT_TRUE(test, tcpi_test_holds(ring, 5));
	KUNIT_EXPECT_TRUE(test, tcpi_test_holds(ring, id - 1));

	/* The writer finishes: a lap later the slot takes events again. */
	tcpi_test_slot(ring, 4)->gen &= ~1ull;
	for (id = 5 + TCPI_TEST_RING; id <= 4 + 2 * TCPI_TEST_RING; id++)
		KUNIT_ASSERT_EQ(test, tcpi_test_push(ring, id), id);
	id = 4 + 2 * TCPI_TEST_RING;
	KUNIT_EXPECT_TRUE(test, tcpi_test_holds(ring, id));
	KUNIT_EXPECT_EQ(test, tcpi_ring_held(ring, id), TCPI_TEST_RING);
}

/* A slot already holding a later lap's event keeps it. */
static void tcpi_ring_newer_lap_test(struct kunit *test)
{
	struct tcpi_ring *ring = tcpi_test_ring(test);
	u64 later = 1 + TCPI_TEST_RING;

	tcpi_test_slot(ring, 1)->gen = later << 1;
	tcpi_test_slot(ring, 1)->ev.seq = later;
	tcpi_test_slot(ring, 1)->ev.ts = later * 1000;
	tcpi_test_slot(ring, 1)->ev.family = 4;

	KUNIT_EXPECT_EQ(test, tcpi_test_push(ring, 1), 0);
	KUNIT_EXPECT_EQ(test, tcpi_ring_head(ring), 1);
	KUNIT_EXPECT_EQ(test, tcpi_ring_held(ring, 1), 0);
	KUNIT_EXPECT_TRUE(test, tcpi_test_holds(ring, later));
}

/*
 * A ring replaced by a larger one keeps every event it held; by a smaller
 * one, the newest; either way with their ids, and the next id follows on.
 */
static void tcpi_ring_carry_test(struct kunit *test)
{
	struct tcpi_ring *ring = tcpi_test_ring(test);
	struct tcpi_ring *big, *small;
	u64 n = TCPI_TEST_RING + 8, id;

	for (id = 1; id <= n; id++)
		KUNIT_ASSERT_EQ(test, tcpi_test_push(ring, id), id);
	/* id 20 never finished: a carried ring does not hold it either */
	tcpi_test_slot(ring, 20)->gen |= 1;

	big = tcpi_ring_alloc(4 * TCPI_TEST_RING);
	KUNIT_ASSERT_NOT_NULL(test, big);
	tcpi_ring_carry(big, ring);
	KUNIT_EXPECT_EQ(test, tcpi_ring_head(big), n);
	KUNIT_EXPECT_EQ(test, tcpi_ring_first(big, n), 1);
	KUNIT_EXPECT_EQ(test, tcpi_ring_held(big, n), TCPI_TEST_RING - 1);
	for (id = 1; id <= n; id++)
		KUNIT_EXPECT_EQ(test, tcpi_test_holds(big, id),
				id > n - TCPI_TEST_RING && id != 20);
	KUNIT_EXPECT_EQ(test, tcpi_test_push(big, n + 1), n + 1);
	KUNIT_EXPECT_TRUE(test, tcpi_test_holds(big, n + 1));

	/* Back into the smallest ring: only the newest fit. */
	small = tcpi_ring_alloc(TCPI_TEST_RING);
	KUNIT_ASSERT_NOT_NULL(test, small);
	for (id = n + 2; id <= n + TCPI_TEST_RING; id++)
		KUNIT_ASSERT_EQ(test, tcpi_test_push(big, id), id);
	tcpi_ring_carry(small, big);
	id = n + TCPI_TEST_RING;
	KUNIT_EXPECT_EQ(test, tcpi_ring_head(small), id);
	KUNIT_EXPECT_EQ(test, tcpi_ring_held(small, id), TCPI_TEST_RING);
	KUNIT_EXPECT_FALSE(test, tcpi_test_holds(small, n));
	KUNIT_EXPECT_TRUE(test, tcpi_test_holds(small, n + 1));
	KUNIT_EXPECT_TRUE(test, tcpi_test_holds(small, id));
	tcpi_ring_free(big);
	tcpi_ring_free(small);
}

static int tcpi_ring_test_init(struct kunit *test)
{
	test->priv = tcpi_ring_alloc(TCPI_TEST_RING);
	return test->priv ? 0 : -ENOMEM;
}

static void tcpi_ring_test_exit(struct kunit *test)
{
	tcpi_ring_free(test->priv);
}

static struct kunit_case tcpi_ring_cases[] = {
	KUNIT_CASE(tcpi_ring_bytes_test),
	KUNIT_CASE(tcpi_ring_ids_test),
	KUNIT_CASE(tcpi_ring_wrap_test),
	KUNIT_CASE(tcpi_ring_busy_test),
	KUNIT_CASE(tcpi_ring_newer_lap_test),
	KUNIT_CASE(tcpi_ring_carry_test),
	{}
};

struct kunit_suite tcpi_ring_suite = {
	.name = "tcpinsight_ring",
	.test_cases = tcpi_ring_cases,
	.init = tcpi_ring_test_init,
	.exit = tcpi_ring_test_exit,
};
