// SPDX-License-Identifier: GPL-2.0
/* /proc/tcpinsight/ports: "netns port reason count". */
#include "procfs.h"
#include "tcpinsight.h"

static void tcpi_ports_row(struct seq_file *m, struct tcpi_port_key k, u64 count)
{
	seq_printf(m, "%u %u %s %llu\n", k.netns, k.port,
		   tcpi_reason_name(&tcpi.reasons, k.reason), count);
}

int tcpi_proc_ports_show(struct seq_file *m, void *v)
{
	seq_puts(m, "netns port reason count\n");
	tcpi_proc_porttab_rows(m, tcpi.ports, tcpi_ports_row);
	return 0;
}
