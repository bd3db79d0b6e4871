// SPDX-License-Identifier: GPL-2.0
/* /proc/tcpinsight/probes: "name state hits missed type". */
#include "procfs.h"
#include "tcpinsight.h"

int tcpi_proc_probes_show(struct seq_file *m, void *v)
{
	unsigned int i;

	seq_puts(m, "name state hits missed type\n");
	/* not while a probe is being turned on or off: its misses move */
	tcpi_probes_lock();
	for (i = 0; i < TCPI_PROBE_MAX; i++) {
		const struct tcpi_probe *p = &tcpi_probes[i];

		seq_printf(m, "%s %s %llu %llu %s\n", p->name,
			   tcpi_probe_state_name(p->state),
			   tcpi_stat_probe_hits(i), tcpi_probe_missed(p),
			   tcpi_probe_type_name(p->type));
	}
	tcpi_probes_unlock();
	return 0;
}
