// SPDX-License-Identifier: GPL-2.0
/* /proc/tcpinsight/tcp: "netns port counter reason count". */
#include "counters.h"
#include "procfs.h"
#include "tcpinsight.h"

/* The table's reason field holds the counter, then its reason. */
static void tcpi_tcp_row(struct seq_file *m, struct tcpi_port_key k, u64 count)
{
	seq_printf(m, "%u %u %s %s %llu\n", k.netns, k.port,
		   tcpi_counter_name(k.reason >> 8),
		   tcpi_counter_reason_name(k.reason >> 8, k.reason & 0xff),
		   count);
}

int tcpi_proc_tcp_show(struct seq_file *m, void *v)
{
	seq_puts(m, "netns port counter reason count\n");
	tcpi_proc_porttab_rows(m, tcpi.counters, tcpi_tcp_row);
	return 0;
}
