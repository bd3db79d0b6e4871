// SPDX-License-Identifier: GPL-2.0
/* /proc/tcpinsight/tcp: "netns port counter reason count". */
#include <linux/sched.h>

#include "counters.h"
#include "procfs.h"
#include "tcpinsight.h"

int tcpi_proc_tcp_show(struct seq_file *m, void *v)
{
	const struct tcpi_porttab *t = tcpi.counters;
	unsigned int slot;

	seq_puts(m, "netns port counter reason count\n");
	for (slot = 0; slot < t->size; slot++) {
		u64 key = tcpi_porttab_key(t, slot);
		struct tcpi_port_key k;
		u64 count;

		if (!key)
			continue;
		count = tcpi_porttab_count(t, slot);
		if (!count)
			continue;
		k = tcpi_port_key_unpack(key);
		seq_printf(m, "%u %u %s %s %llu\n", k.netns, k.port,
			   tcpi_counter_name(k.reason >> 8),
			   tcpi_counter_reason_name(k.reason >> 8, k.reason & 0xff),
			   count);
		if (!(slot & 1023))
			cond_resched();
	}
	return 0;
}
