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

struct net;

/* What the reader may see: procfs/view.c */
struct proc_dir_entry *tcpi_proc_create_view(const char *name,
					     struct proc_dir_entry *dir,
					     int (*show)(struct seq_file *m, void *v));
struct net *tcpi_view_get(void);
void tcpi_view_put(struct net *viewer);
bool tcpi_view_all(const struct net *viewer);
bool tcpi_view_sees(const struct net *viewer, u32 netns);
u64 *tcpi_view_reason_sums(const struct net *viewer);
u64 tcpi_view_drops_total(const struct net *viewer);
u64 tcpi_view_events_held(const struct net *viewer);
struct proc_dir_entry *tcpi_proc_create_view_seq(const char *name,
						 struct proc_dir_entry *dir,
						 const struct seq_operations *ops);

int tcpi_proc_drops_show(struct seq_file *m, void *v);
int tcpi_proc_ports_show(struct seq_file *m, void *v);
int tcpi_proc_summary_show(struct seq_file *m, void *v);
int tcpi_proc_probes_show(struct seq_file *m, void *v);
int tcpi_proc_tcp_show(struct seq_file *m, void *v);
extern const struct proc_ops tcpi_proc_events_ops;
extern const struct proc_ops tcpi_proc_control_ops;
extern const struct seq_operations tcpi_proc_listeners_ops;

#endif
