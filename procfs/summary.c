// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/tcpinsight/summary: "key value" lines. drops_total and
 * events_logged are the reader's own (see view.c); the other keys describe
 * the module and its tables, host-wide.
 */
#include <linux/rcupdate.h>
#include <linux/utsname.h>

#include "events.h"
#include "filter.h"
#include "procfs.h"
#include "tcpinsight.h"

int tcpi_proc_summary_show(struct seq_file *m, void *v)
{
	const struct net *viewer = m->private;
	unsigned long generation;
	struct tcpi_ring *ring;
	u64 head, held;
	u32 size;

	rcu_read_lock();
	ring = tcpi_events_ring(&generation);
	head = tcpi_ring_head(ring);
	held = tcpi_ring_held(ring, head);
	size = ring->size;
	rcu_read_unlock();

	seq_printf(m, "version %s\n", TCPI_VERSION);
	seq_printf(m, "format %d\n", TCPI_PROC_FORMAT);
	seq_printf(m, "kernel %s\n", init_utsname()->release);
	seq_printf(m, "drops_total %llu\n", tcpi_view_drops_total(viewer));
	seq_printf(m, "events_logged %llu\n", tcpi_view_all(viewer) ? held :
		   tcpi_view_events_held(viewer));
	seq_printf(m, "events_lost %llu\n", head - held + tcpi_events_refused());
	seq_printf(m, "events_size %u\n", size);
	seq_printf(m, "ports_used %u\n", tcpi_porttab_used(tcpi.ports));
	seq_printf(m, "ports_max %u\n", tcpi.ports->size);
	seq_printf(m, "ports_overflow %llu\n", tcpi_stat_ports_overflow());
	seq_printf(m, "listeners %u\n", tcpi_listeners_used(tcpi.listeners));
	seq_printf(m, "listeners_max %u\n", tcpi.listeners->max);
	seq_printf(m, "listeners_overflow %llu\n", tcpi_stat_listeners_overflow());
	seq_printf(m, "listen_unclassified %llu\n", tcpi_stat_listen_unclassified());
	seq_printf(m, "counters_used %u\n", tcpi_porttab_used(tcpi.counters));
	seq_printf(m, "counters_overflow %llu\n", tcpi_stat_counters_overflow());
	seq_printf(m, "events_on %d\n", READ_ONCE(tcpi_events_cfg.on));
	seq_printf(m, "events_rate %u\n", READ_ONCE(tcpi_events_cfg.rate));
	tcpi_filter_show(m);
	return 0;
}
