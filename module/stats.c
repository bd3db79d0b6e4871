// SPDX-License-Identifier: GPL-2.0
/*
 * Sums of the per-CPU counters. 64-bit loads cannot tear on the 64-bit
 * kernels the module builds for, so readers need no sequence count.
 */
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/stddef.h>

#include "tcpinsight.h"

u64 tcpi_stat_reason(unsigned int idx)
{
	u64 sum = 0;
	int cpu;

	if (idx >= TCPI_REASON_SLOTS)
		return 0;
	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu_ptr(tcpi.stats, cpu)->reason[idx]);
	return sum;
}

u64 tcpi_stat_drops_total(void)
{
	u64 sum = 0;
	unsigned int idx;

	for (idx = 0; idx < tcpi.reasons.nr; idx++)
		sum += tcpi_stat_reason(idx);
	return sum;
}

/* One per-CPU u64 of struct tcpi_cpu_stats, by offset, summed. */
static u64 tcpi_stat_sum(size_t offset)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(*(u64 *)((char *)per_cpu_ptr(tcpi.stats, cpu) + offset));
	return sum;
}

u64 tcpi_stat_ports_overflow(void)
{
	return tcpi_stat_sum(offsetof(struct tcpi_cpu_stats, ports_overflow));
}

u64 tcpi_stat_listeners_overflow(void)
{
	return tcpi_stat_sum(offsetof(struct tcpi_cpu_stats, listeners_overflow));
}

u64 tcpi_stat_counters_overflow(void)
{
	return tcpi_stat_sum(offsetof(struct tcpi_cpu_stats, counters_overflow));
}

u64 tcpi_stat_listen_unclassified(void)
{
	return tcpi_stat_sum(offsetof(struct tcpi_cpu_stats, listen_unclassified));
}

u64 tcpi_stat_probe_hits(unsigned int probe)
{
	u64 sum = 0;
	int cpu;

	if (probe >= TCPI_PROBE_MAX)
		return 0;
	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu_ptr(tcpi.stats, cpu)->probe_hits[probe]);
	return sum;
}
