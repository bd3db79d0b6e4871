// SPDX-License-Identifier: GPL-2.0
/* /proc/tcpinsight/drops: "reason count", one row per reason seen. */
#include "procfs.h"
#include "tcpinsight.h"

int tcpi_proc_drops_show(struct seq_file *m, void *v)
{
	unsigned int idx;

	seq_puts(m, "reason count\n");
	for (idx = 0; idx < tcpi.reasons.nr; idx++) {
		u64 count = tcpi_stat_reason(idx);

		if (count)
			seq_printf(m, "%s %llu\n",
				   tcpi_reason_name(&tcpi.reasons, idx), count);
	}
	return 0;
}
