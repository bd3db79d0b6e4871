// SPDX-License-Identifier: GPL-2.0
/* /proc/tcpinsight/ports: "netns port reason count". */
#include <linux/sched.h>

#include "procfs.h"
#include "tcpinsight.h"

int tcpi_proc_ports_show(struct seq_file *m, void *v)
{
	const struct tcpi_porttab *t = tcpi.ports;
	unsigned int slot;

	seq_puts(m, "netns port reason count\n");
	for (slot = 0; slot < t->size; slot++) {
		u64 key = tcpi_porttab_key(t, slot);
		struct tcpi_port_key k;
		u64 count;

		if (!key)
			continue;
		/* A key is claimed just before its first count lands. */
		count = tcpi_porttab_count(t, slot);
		if (!count)
			continue;
		k = tcpi_port_key_unpack(key);
		seq_printf(m, "%u %u %s %llu\n", k.netns, k.port,
			   tcpi_reason_name(&tcpi.reasons, k.reason), count);
		if (!(slot & 1023))
			cond_resched();
	}
	return 0;
}
