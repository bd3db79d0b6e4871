// SPDX-License-Identifier: GPL-2.0
/*
 * Sums of the per-CPU counters. 64-bit loads cannot tear on the 64-bit
 * kernels the module builds for, so readers need no sequence count.
 */
#include <linux/cpumask.h>
#include <linux/percpu.h>

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

u64 tcpi_stat_ports_overflow(void)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu_ptr(tcpi.stats, cpu)->ports_overflow);
	return sum;
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
