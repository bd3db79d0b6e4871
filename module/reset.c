// SPDX-License-Identifier: GPL-2.0
/*
 * Zeroing counters while probes count into them. Nothing is freed or
 * moved: a probe may hold a pointer into any table at any time. Every
 * counter is per CPU and is incremented only on its own CPU, by a single
 * instruction or with bottom halves disabled; a store from another CPU
 * could land between an increment's load and store and be undone. So each
 * CPU zeroes its own counters, from a work item bound to it, with bottom
 * halves disabled; an offline CPU's counters are zeroed from here, with
 * CPU hotplug held off.
 */
#include <linux/bottom_half.h>
#include <linux/cpu.h>
#include <linux/percpu.h>
#include <linux/workqueue.h>

#include "events.h"
#include "filter.h"
#include "reset.h"
#include "tcpinsight.h"

static DEFINE_PER_CPU(struct work_struct, tcpi_reset_work);
/* What the work items zero; set before they are queued. */
static unsigned int tcpi_reset_what;

static void tcpi_zero_u64s(u64 *v, size_t n)
{
	while (n--)
		WRITE_ONCE(v[n], 0);
}

static void tcpi_reset_cpu(unsigned int cpu, unsigned int what)
{
	struct tcpi_cpu_stats *s = per_cpu_ptr(tcpi.stats, cpu);

	if (what & TCPI_RESET_DROPS) {
		tcpi_zero_u64s(s->reason, ARRAY_SIZE(s->reason));
		WRITE_ONCE(s->listen_unclassified, 0);
	}
	if (what & TCPI_RESET_PORTS) {
		tcpi_porttab_zero_cpu(tcpi.ports, cpu);
		WRITE_ONCE(s->ports_overflow, 0);
	}
	if (what & TCPI_RESET_TCP) {
		tcpi_porttab_zero_cpu(tcpi.counters, cpu);
		WRITE_ONCE(s->counters_overflow, 0);
	}
	if (what & TCPI_RESET_LISTENERS) {
		tcpi_listeners_zero_cpu(tcpi.listeners, cpu);
		WRITE_ONCE(s->listeners_overflow, 0);
	}
	if (what & TCPI_RESET_EVENTS)
		tcpi_events_zero_cpu(cpu);
	if (what & TCPI_RESET_FILTERED)
		tcpi_filter_zero_cpu(cpu);
}

static void tcpi_reset_this_cpu(struct work_struct *work)
{
	local_bh_disable();
	tcpi_reset_cpu(smp_processor_id(), READ_ONCE(tcpi_reset_what));
	local_bh_enable();
}

/**
 * tcpi_reset() - zero the counters of some tables
 * @what: TCPI_RESET_* bits
 *
 * Callers serialize. Events are emptied first: the ring is replaced by an
 * empty one, whose ids start again from 1.
 *
 * Return: 0, or -ENOMEM if the new ring could not be allocated (nothing
 * is zeroed then).
 */
int tcpi_reset(unsigned int what)
{
	unsigned int cpu;
	int err;

	if (what & TCPI_RESET_EVENTS) {
		err = tcpi_events_empty();
		if (err)
			return err;
	}
	cpus_read_lock();
	WRITE_ONCE(tcpi_reset_what, what);
	for_each_online_cpu(cpu) {
		struct work_struct *work = per_cpu_ptr(&tcpi_reset_work, cpu);

		INIT_WORK(work, tcpi_reset_this_cpu);
		schedule_work_on(cpu, work);
	}
	for_each_online_cpu(cpu)
		flush_work(per_cpu_ptr(&tcpi_reset_work, cpu));
	for_each_possible_cpu(cpu)
		if (!cpu_online(cpu))
			tcpi_reset_cpu(cpu, what);
	cpus_read_unlock();
	return 0;
}
