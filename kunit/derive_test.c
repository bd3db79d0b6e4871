// SPDX-License-Identifier: GPL-2.0
/*
 * Derived reasons: a hook marks the skb it is about to drop, the kfree_skb
 * probe takes the mark. The mark is per CPU and context, so every mark and
 * take here happens with preemption off, as both do in a hook, and results
 * are checked after it is back on (a failed check may sleep).
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/preempt.h>
#include <linux/skbuff.h>
#include <linux/smp.h>

#include "derive.h"
#include "tcpi_kunit.h"

/* The reason indices of a made-up table. */
#define TCPI_TEST_NOT_SPECIFIED	1
#define TCPI_TEST_SPECIFIC	5
#define TCPI_TEST_DERIVED	300
#define TCPI_TEST_DERIVED2	301

struct tcpi_derive_test {
	struct sk_buff *a;
	struct sk_buff *b;
};

static struct sk_buff *tcpi_test_skb_a(struct kunit *test)
{
	return ((struct tcpi_derive_test *)test->priv)->a;
}

static struct sk_buff *tcpi_test_skb_b(struct kunit *test)
{
	return ((struct tcpi_derive_test *)test->priv)->b;
}

/* What the probe counts for @skb when the kernel said @reason. */
static u16 tcpi_test_take(const struct sk_buff *skb, u16 reason)
{
	u16 ret;

	preempt_disable();
	ret = tcpi_derive_take(skb, reason, TCPI_TEST_NOT_SPECIFIED);
	preempt_enable();
	return ret;
}

static void tcpi_derive_mark_take_test(struct kunit *test)
{
	struct sk_buff *a = tcpi_test_skb_a(test);
	u16 got;

	preempt_disable();
	tcpi_derive_mark(a, TCPI_TEST_DERIVED);
	got = tcpi_derive_take(a, TCPI_TEST_NOT_SPECIFIED,
			       TCPI_TEST_NOT_SPECIFIED);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, got, TCPI_TEST_DERIVED);
	/* Used up: the same skb freed again is what the kernel says. */
	KUNIT_EXPECT_EQ(test, tcpi_test_take(a, TCPI_TEST_NOT_SPECIFIED),
			TCPI_TEST_NOT_SPECIFIED);
}

static void tcpi_derive_specific_wins_test(struct kunit *test)
{
	struct sk_buff *a = tcpi_test_skb_a(test);
	u16 got;

	preempt_disable();
	tcpi_derive_mark(a, TCPI_TEST_DERIVED);
	got = tcpi_derive_take(a, TCPI_TEST_SPECIFIC, TCPI_TEST_NOT_SPECIFIED);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, got, TCPI_TEST_SPECIFIC);
	/* The kernel's reason won, and the mark is gone all the same. */
	KUNIT_EXPECT_EQ(test, tcpi_test_take(a, TCPI_TEST_NOT_SPECIFIED),
			TCPI_TEST_NOT_SPECIFIED);
}

static void tcpi_derive_other_skb_test(struct kunit *test)
{
	struct sk_buff *a = tcpi_test_skb_a(test);
	struct sk_buff *b = tcpi_test_skb_b(test);
	u16 got[3];

	preempt_disable();
	tcpi_derive_mark(a, TCPI_TEST_DERIVED);
	got[0] = tcpi_derive_take(b, TCPI_TEST_NOT_SPECIFIED,
				  TCPI_TEST_NOT_SPECIFIED);
	got[1] = tcpi_derive_take(b, TCPI_TEST_SPECIFIC,
				  TCPI_TEST_NOT_SPECIFIED);
	got[2] = tcpi_derive_take(a, TCPI_TEST_NOT_SPECIFIED,
				  TCPI_TEST_NOT_SPECIFIED);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, got[0], TCPI_TEST_NOT_SPECIFIED);
	KUNIT_EXPECT_EQ(test, got[1], TCPI_TEST_SPECIFIC);
	/* Another skb's free left the mark for its own skb. */
	KUNIT_EXPECT_EQ(test, got[2], TCPI_TEST_DERIVED);
}

static void tcpi_derive_last_mark_test(struct kunit *test)
{
	struct sk_buff *a = tcpi_test_skb_a(test);
	struct sk_buff *b = tcpi_test_skb_b(test);
	u16 got[2];

	preempt_disable();
	tcpi_derive_mark(a, TCPI_TEST_DERIVED);
	tcpi_derive_mark(b, TCPI_TEST_DERIVED2);
	got[0] = tcpi_derive_take(a, TCPI_TEST_NOT_SPECIFIED,
				  TCPI_TEST_NOT_SPECIFIED);
	got[1] = tcpi_derive_take(b, TCPI_TEST_NOT_SPECIFIED,
				  TCPI_TEST_NOT_SPECIFIED);
	preempt_enable();
	/* One mark per CPU: the later one replaced the first. */
	KUNIT_EXPECT_EQ(test, got[0], TCPI_TEST_NOT_SPECIFIED);
	KUNIT_EXPECT_EQ(test, got[1], TCPI_TEST_DERIVED2);
}

/*
 * An skb at a marked address is not the marked skb if its buffer or its
 * length differ: the marked one was freed some other way and the address
 * reused. Such a take ignores the mark, and uses it up.
 */
static void tcpi_derive_reused_address_test(struct kunit *test)
{
	struct sk_buff *a = tcpi_test_skb_a(test);
	u16 got[3];
	int err;

	preempt_disable();
	tcpi_derive_mark(a, TCPI_TEST_DERIVED);
	skb_put(a, 1);
	got[0] = tcpi_derive_take(a, TCPI_TEST_NOT_SPECIFIED,
				  TCPI_TEST_NOT_SPECIFIED);
	got[1] = tcpi_derive_take(a, TCPI_TEST_NOT_SPECIFIED,
				  TCPI_TEST_NOT_SPECIFIED);
	tcpi_derive_mark(a, TCPI_TEST_DERIVED);
	preempt_enable();
	/* A new buffer for the same skb, of the same length. */
	err = pskb_expand_head(a, 64, 0, GFP_KERNEL);
	got[2] = tcpi_test_take(a, TCPI_TEST_NOT_SPECIFIED);
	KUNIT_EXPECT_EQ(test, got[0], TCPI_TEST_NOT_SPECIFIED);
	KUNIT_EXPECT_EQ(test, got[1], TCPI_TEST_NOT_SPECIFIED);
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_EXPECT_EQ(test, got[2], TCPI_TEST_NOT_SPECIFIED);

	/* The reallocated skb, marked anew, is matched again. */
	preempt_disable();
	tcpi_derive_mark(a, TCPI_TEST_DERIVED2);
	got[0] = tcpi_derive_take(a, TCPI_TEST_NOT_SPECIFIED,
				  TCPI_TEST_NOT_SPECIFIED);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, got[0], TCPI_TEST_DERIVED2);
}

/* A hook that counted the drop itself wins over any kernel reason. */
static void tcpi_derive_counted_test(struct kunit *test)
{
#ifdef TCPI_REASON_COUNTED
	struct sk_buff *a = tcpi_test_skb_a(test);
	u16 got[2];

	preempt_disable();
	tcpi_derive_mark(a, TCPI_REASON_COUNTED);
	got[0] = tcpi_derive_take(a, TCPI_TEST_SPECIFIC,
				  TCPI_TEST_NOT_SPECIFIED);
	tcpi_derive_mark(a, TCPI_REASON_COUNTED);
	got[1] = tcpi_derive_take(a, TCPI_TEST_NOT_SPECIFIED,
				  TCPI_TEST_NOT_SPECIFIED);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, got[0], TCPI_REASON_COUNTED);
	KUNIT_EXPECT_EQ(test, got[1], TCPI_REASON_COUNTED);
	KUNIT_EXPECT_EQ(test, tcpi_test_take(a, TCPI_TEST_SPECIFIC),
			TCPI_TEST_SPECIFIC);
#else
	kunit_skip(test, "no TCPI_REASON_COUNTED");
#endif
}

/*
 * A mark older than a second is not taken, even by its own skb: it was
 * left behind. The test sleeps; if it wakes on another CPU, the mark is
 * out of reach and there is nothing to check.
 */
static void tcpi_derive_expired_test(struct kunit *test)
{
	struct sk_buff *a = tcpi_test_skb_a(test);
	unsigned long marked;
	int cpu;
	u16 got;

	preempt_disable();
	tcpi_derive_mark(a, TCPI_TEST_DERIVED);
	marked = jiffies;
	cpu = smp_processor_id();
	preempt_enable();

	msleep(jiffies_to_msecs(HZ + 2));

	preempt_disable();
	if (cpu != smp_processor_id() || !time_after(jiffies, marked + HZ)) {
		preempt_enable();
		kunit_skip(test, "woke on another CPU, or too early");
		return;
	}
	got = tcpi_derive_take(a, TCPI_TEST_NOT_SPECIFIED,
			       TCPI_TEST_NOT_SPECIFIED);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, got, TCPI_TEST_NOT_SPECIFIED);
	/* The expired mark is gone too. */
	KUNIT_EXPECT_EQ(test, tcpi_test_take(a, TCPI_TEST_NOT_SPECIFIED),
			TCPI_TEST_NOT_SPECIFIED);
}

/* A softirq that marks and frees a segment of its own. */
struct tcpi_derive_softirq {
	struct tasklet_struct tasklet;
	struct completion done;
	struct sk_buff *skb;
	bool in_softirq;
	u16 got;
};

static void tcpi_derive_softirq_fn(struct tasklet_struct *t)
{
	struct tcpi_derive_softirq *d = from_tasklet(d, t, tasklet);

	d->in_softirq = in_serving_softirq();
	tcpi_derive_mark(d->skb, TCPI_TEST_DERIVED2);
	d->got = tcpi_derive_take(d->skb, TCPI_TEST_NOT_SPECIFIED,
				  TCPI_TEST_NOT_SPECIFIED);
	complete(&d->done);
}

/*
 * A hook in task context (a socket's backlog, processed with bottom halves
 * enabled) marks its segment, and before that segment is freed a softirq
 * on the same CPU marks and frees one of its own: each finds its own mark.
 */
static void tcpi_derive_softirq_between_test(struct kunit *test)
{
	struct sk_buff *a = tcpi_test_skb_a(test);
	struct tcpi_derive_softirq d = { .skb = tcpi_test_skb_b(test) };
	u16 got;

	init_completion(&d.done);
	tasklet_setup(&d.tasklet, tcpi_derive_softirq_fn);
	preempt_disable();
	tcpi_derive_mark(a, TCPI_TEST_DERIVED);
	preempt_enable();
	/* the softirq runs when bottom halves come back on, right here */
	local_bh_disable();
	tasklet_schedule(&d.tasklet);
	local_bh_enable();
	wait_for_completion(&d.done);
	tasklet_kill(&d.tasklet);
	got = tcpi_test_take(a, TCPI_TEST_NOT_SPECIFIED);
	KUNIT_ASSERT_TRUE(test, d.in_softirq);
	KUNIT_EXPECT_EQ(test, d.got, TCPI_TEST_DERIVED2);
	KUNIT_EXPECT_EQ(test, got, TCPI_TEST_DERIVED);
}

static int tcpi_derive_test_init(struct kunit *test)
{
	struct tcpi_derive_test *t;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	test->priv = t;
	t->a = alloc_skb(128, GFP_KERNEL);
	t->b = alloc_skb(128, GFP_KERNEL);
	if (!t->a || !t->b)
		return -ENOMEM;
	skb_put(t->a, 60);
	skb_put(t->b, 60);
	/* No mark left by an earlier test may be taken by this one. */
	preempt_disable();
	tcpi_derive_take(t->a, 0, 0);
	tcpi_derive_take(t->b, 0, 0);
	preempt_enable();
	return 0;
}

static void tcpi_derive_test_exit(struct kunit *test)
{
	struct tcpi_derive_test *t = test->priv;

	if (!t)
		return;
	consume_skb(t->a);
	consume_skb(t->b);
}

static struct kunit_case tcpi_derive_cases[] = {
	KUNIT_CASE(tcpi_derive_mark_take_test),
	KUNIT_CASE(tcpi_derive_specific_wins_test),
	KUNIT_CASE(tcpi_derive_other_skb_test),
	KUNIT_CASE(tcpi_derive_last_mark_test),
	KUNIT_CASE(tcpi_derive_reused_address_test),
	KUNIT_CASE(tcpi_derive_counted_test),
	KUNIT_CASE(tcpi_derive_expired_test),
	KUNIT_CASE(tcpi_derive_softirq_between_test),
	{}
};

struct kunit_suite tcpi_derive_suite = {
	.name = "tcpinsight_derive",
	.init = tcpi_derive_test_init,
	.exit = tcpi_derive_test_exit,
	.test_cases = tcpi_derive_cases,
};
