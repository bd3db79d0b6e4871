// SPDX-License-Identifier: GPL-2.0
/*
 * Creating and removing /proc/tcpinsight. Removal waits for readers that
 * are inside a file operation, so the tables can be freed right after.
 */

#include <linux/printk.h>
#include <linux/sched.h>

#include "procfs.h"

#define TCPI_PROC_DIR	"tcpinsight"

static struct proc_dir_entry *tcpi_proc_dir;

int tcpi_proc_init(void)
{
	struct proc_dir_entry *dir;

	dir = proc_mkdir(TCPI_PROC_DIR, NULL);
	if (!dir) {
		pr_err("cannot create /proc/%s (is it left over from another module?)\n",
		       TCPI_PROC_DIR);
		return -ENOMEM;
	}
	if (!tcpi_proc_create_view("drops", dir, tcpi_proc_drops_show) ||
	    !tcpi_proc_create_view("ports", dir, tcpi_proc_ports_show) ||
	    !tcpi_proc_create_view("summary", dir, tcpi_proc_summary_show) ||
	    !tcpi_proc_create_view("probes", dir, tcpi_proc_probes_show) ||
	    !tcpi_proc_create_view_seq("listeners", dir, &tcpi_proc_listeners_ops) ||
	    !tcpi_proc_create_view("tcp", dir, tcpi_proc_tcp_show) ||
	    !proc_create("events", 0444, dir, &tcpi_proc_events_ops) ||
	    !proc_create("control", 0200, dir, &tcpi_proc_control_ops)) {
		pr_err("cannot create the files in /proc/%s\n", TCPI_PROC_DIR);
		proc_remove(dir);
		return -ENOMEM;
	}
	tcpi_proc_dir = dir;
	return 0;
}

void tcpi_proc_exit(void)
{
	proc_remove(tcpi_proc_dir);
	tcpi_proc_dir = NULL;
}

/**
 * tcpi_proc_porttab_rows() - one row per key of a per-port table
 * @m: the file being read
 * @t: the table
 * @row: prints one key and its count
 *
 * A key with no count yet is skipped: it is claimed just before its first
 * count lands. So is a key of a namespace the reader may not see. The walk
 * yields now and then, for tables of a million slots.
 */
void tcpi_proc_porttab_rows(struct seq_file *m, const struct tcpi_porttab *t,
			    void (*row)(struct seq_file *m, struct tcpi_port_key k,
					u64 count))
{
	unsigned int slot;

	for (slot = 0; slot < t->size; slot++) {
		u64 key = tcpi_porttab_key(t, slot);
		u64 count;

		if (!(slot & 1023))
			cond_resched();
		if (!key || !tcpi_view_sees(m->private, key >> 32))
			continue;
		count = tcpi_porttab_count(t, slot);
		if (count)
			row(m, tcpi_port_key_unpack(key), count);
	}
}
