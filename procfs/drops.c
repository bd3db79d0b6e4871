// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/tcpinsight/drops: "reason count", one row per reason seen. The
 * counts have no namespace: a reader outside the init namespace gets its
 * own namespace's rows of the ports table added up per reason instead.
 */
#include <linux/slab.h>

#include "procfs.h"
#include "tcpinsight.h"

int tcpi_proc_drops_show(struct seq_file *m, void *v)
{
	u64 *own = NULL;
	unsigned int idx;

	if (!tcpi_view_all(m->private)) {
		own = tcpi_view_reason_sums(m->private);
		if (!own)
			return -ENOMEM;
	}
	seq_puts(m, "reason count\n");
	for (idx = 0; idx < tcpi.reasons.nr; idx++) {
		u64 count = own ? own[idx] : tcpi_stat_reason(idx);

		if (count)
			seq_printf(m, "%s %llu\n",
				   tcpi_reason_name(&tcpi.reasons, idx), count);
	}
	kfree(own);
	return 0;
}
