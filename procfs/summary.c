// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/tcpinsight/summary: "key value" lines. drops_total and
 * events_logged are the reader's own (see view.c); the other keys describe
 * the module and its tables, host-wide.
 */
#include <linux/utsname.h>

#include "procfs.h"
#include "tcpinsight.h"

int tcpi_proc_summary_show(struct seq_file *m, void *v)
{
	u64 head = tcpi_ring_head(tcpi.ring);
	u64 held = tcpi_ring_held(tcpi.ring, head);
	const struct net *viewer = m->private;

	seq_printf(m, "version %s\n", TCPI_VERSION);
	seq_printf(m, "format %d\n", TCPI_PROC_FORMAT);
	seq_printf(m, "kernel %s\n", init_utsname()->release);
	seq_printf(m, "drops_total %llu\n", tcpi_view_drops_total(viewer));
	seq_printf(m, "events_logged %llu\n", tcpi_view_all(viewer) ? held :
		   tcpi_view_events_held(viewer, head));
	seq_printf(m, "events_lost %llu\n", head - held);
	seq_printf(m, "events_size %u\n", tcpi.ring->size);
	seq_printf(m, "ports_used %u\n", tcpi_porttab_used(tcpi.ports));
	seq_printf(m, "ports_max %u\n", tcpi.ports->size);
	seq_printf(m, "ports_overflow %llu\n", tcpi_stat_ports_overflow());
	seq_printf(m, "listeners %u\n", tcpi_listeners_used(tcpi.listeners));
	seq_printf(m, "listeners_max %u\n", tcpi.listeners->max);
	seq_printf(m, "listeners_overflow %llu\n", tcpi_stat_listeners_overflow());
	seq_printf(m, "listen_unclassified %llu\n", tcpi_stat_listen_unclassified());
	seq_printf(m, "counters_used %u\n", tcpi_porttab_used(tcpi.counters));
	seq_printf(m, "counters_overflow %llu\n", tcpi_stat_counters_overflow());
	return 0;
}
