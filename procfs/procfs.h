/* SPDX-License-Identifier: GPL-2.0 */
/* /proc/tcpinsight: one file per table, each defined in its own file. */
#ifndef TCPI_PROCFS_H
#define TCPI_PROCFS_H

#include <linux/proc_fs.h>
#include <linux/seq_file.h>

#include "porttab.h"

int tcpi_proc_init(void);
void tcpi_proc_porttab_rows(struct seq_file *m, const struct tcpi_porttab *t,
			    void (*row)(struct seq_file *m, struct tcpi_port_key k,
					u64 count));
void tcpi_proc_exit(void);

int tcpi_proc_drops_show(struct seq_file *m, void *v);
int tcpi_proc_ports_show(struct seq_file *m, void *v);
int tcpi_proc_summary_show(struct seq_file *m, void *v);
int tcpi_proc_probes_show(struct seq_file *m, void *v);
int tcpi_proc_tcp_show(struct seq_file *m, void *v);
extern const struct seq_operations tcpi_proc_events_ops;
extern const struct seq_operations tcpi_proc_listeners_ops;
size_t tcpi_proc_events_state_size(void);

#endif
