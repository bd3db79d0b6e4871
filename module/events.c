// SPDX-License-Identifier: GPL-2.0
/*
 * Logging events, and replacing the ring under the hot path's feet.
 *
 * Writers reach the ring through one RCU pointer and readers through
 * another. To replace the ring, the writers' pointer is cleared and a
 * grace period waited for: every push into the old ring has then finished,
 * so its newest events can be copied into the new one with their ids (a
 * resize), or left behind (emptying). Both pointers then name the new
 * ring, and the old one is freed once no reader can hold it. An event
 * that finds no ring meanwhile is refused and counted lost, so
 * events_logged + events_lost still adds up to every event produced.
 *
 * The rate limit is a budget per second of the events' own timestamps,
 * taken with one cmpxchg on a word holding the second and the events
 * logged in it: no lock, and no second ever logs more than the rate.
 */
#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/time64.h>

#include "events.h"

struct tcpi_events_state tcpi_events_cfg;

static struct tcpi_ring __rcu *tcpi_events_shown;	/* for readers */
static struct tcpi_ring __rcu *tcpi_events_open;	/* for writers */
/* Bumped when the ring is emptied: ids start again from 1. */
static unsigned long tcpi_events_generation;
/* second << 32 | events logged in that second */
static atomic64_t tcpi_events_budget = ATOMIC64_INIT(0);
static DEFINE_MUTEX(tcpi_events_lock);
/* Events refused by the rate limit or while the ring was replaced. */
static DEFINE_PER_CPU(u64, tcpi_events_refused_cpu);

int tcpi_events_init(u32 size, bool on, u32 rate)
{
	struct tcpi_ring *ring = tcpi_ring_alloc(size);

	if (!ring)
		return -ENOMEM;
	tcpi_events_cfg.on = on;
	tcpi_events_cfg.rate = rate;
	RCU_INIT_POINTER(tcpi_events_shown, ring);
	RCU_INIT_POINTER(tcpi_events_open, ring);
	return 0;
}

/* At unload, once no probe and no reader can run. */
void tcpi_events_exit(void)
{
	struct tcpi_ring *ring = rcu_dereference_protected(tcpi_events_shown, 1);

	RCU_INIT_POINTER(tcpi_events_open, NULL);
	RCU_INIT_POINTER(tcpi_events_shown, NULL);
	tcpi_ring_free(ring);
}

static bool tcpi_events_take_budget(u64 ts)
{
	u32 rate = READ_ONCE(tcpi_events_cfg.rate);
	s64 sec = ts / NSEC_PER_SEC, old, new;

	if (!rate)
		return true;
	old = atomic64_read(&tcpi_events_budget);
	do {
		s64 cur = (u64)old >> 32;

		/* An event stamped before another CPU moved on to a new second */
		if (sec < cur)
			return false;
		if (sec == cur && (u32)old >= rate)
			return false;
		new = sec > cur ? sec << 32 | 1 : old + 1;
	} while (!atomic64_try_cmpxchg(&tcpi_events_budget, &old, new));
	return true;
}

/**
 * tcpi_event_log() - log one event, if logging is on and the rate allows
 * @ev: the event, with its timestamp set
 *
 * Any context, any number of CPUs at once; no lock is taken.
 */
void tcpi_event_log(const struct tcpi_event *ev)
{
	struct tcpi_ring *ring;

	if (!READ_ONCE(tcpi_events_cfg.on))
		return;
	if (!tcpi_events_take_budget(ev->ts)) {
		this_cpu_inc(tcpi_events_refused_cpu);
		return;
	}
	/* Explicit: some kernels run tracepoint probes preemptible. */
	rcu_read_lock();
	ring = rcu_dereference(tcpi_events_open);
	if (ring)
		tcpi_ring_push(ring, ev);
	else
		this_cpu_inc(tcpi_events_refused_cpu);
	rcu_read_unlock();
}

void tcpi_events_set_on(bool on)
{
	WRITE_ONCE(tcpi_events_cfg.on, on);
}

void tcpi_events_set_rate(u32 rate)
{
	WRITE_ONCE(tcpi_events_cfg.rate, rate);
}

static int tcpi_events_replace(u32 size, bool keep)
{
	struct tcpi_ring *old, *new;

	mutex_lock(&tcpi_events_lock);
	old = rcu_dereference_protected(tcpi_events_shown,
					lockdep_is_held(&tcpi_events_lock));
	/* Allocated before the writers stop: they stop for a grace period only. */
	new = tcpi_ring_alloc(size ? size : old->size);
	if (!new) {
		mutex_unlock(&tcpi_events_lock);
		return -ENOMEM;
	}
	RCU_INIT_POINTER(tcpi_events_open, NULL);
	synchronize_rcu();
	/* No push into @old is in flight: it holds still. */
	if (keep)
		tcpi_ring_carry(new, old);
	else
		WRITE_ONCE(tcpi_events_generation, tcpi_events_generation + 1);
	/* Orders the generation before the ring for tcpi_events_ring(). */
	rcu_assign_pointer(tcpi_events_shown, new);
	rcu_assign_pointer(tcpi_events_open, new);
	mutex_unlock(&tcpi_events_lock);
	synchronize_rcu();
	tcpi_ring_free(old);
	return 0;
}

/**
 * tcpi_events_resize() - a ring of @size slots, keeping the newest events
 * @size: slots, in [TCPI_RING_MIN, TCPI_RING_MAX]
 *
 * The events that do not fit count as lost; ids go on.
 *
 * Return: 0 or -ENOMEM (the old ring is then kept).
 */
int tcpi_events_resize(u32 size)
{
	return tcpi_events_replace(size, true);
}

/**
 * tcpi_events_empty() - an empty ring of the same size; ids start from 1
 *
 * The caller zeroes the refused counts (tcpi_events_zero_cpu()) after.
 *
 * Return: 0 or -ENOMEM (the old ring is then kept).
 */
int tcpi_events_empty(void)
{
	return tcpi_events_replace(0, false);
}

/* From @cpu itself, or while it is offline (see reset.c). */
void tcpi_events_zero_cpu(unsigned int cpu)
{
	WRITE_ONCE(*per_cpu_ptr(&tcpi_events_refused_cpu, cpu), 0);
}

/**
 * tcpi_events_ring() - the ring readers see
 * @generation: set to the ring's generation, which changes when the ring
 *	is emptied (ids then start again)
 *
 * Call under rcu_read_lock(); the ring stays valid until it ends.
 *
 * Return: the ring.
 */
struct tcpi_ring *tcpi_events_ring(unsigned long *generation)
{
	struct tcpi_ring *ring = rcu_dereference(tcpi_events_shown);

	/* Pairs with rcu_assign_pointer() in tcpi_events_replace(). */
	smp_rmb();
	*generation = READ_ONCE(tcpi_events_generation);
	return ring;
}

u64 tcpi_events_refused(void)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(*per_cpu_ptr(&tcpi_events_refused_cpu, cpu));
	return sum;
}
