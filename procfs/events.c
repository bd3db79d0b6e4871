// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/tcpinsight/events: the ring, oldest first. The window is fixed
 * when a reader starts, so one read shows each event at most once; an
 * event overwritten while the reader walks the window is skipped, never
 * printed half old and half new.
 */
#include <linux/sched.h>

#include "format.h"
#include "procfs.h"
#include "tcpinsight.h"

struct tcpi_events_iter {
	bool started;
	u64 first;
	u64 last;
	u64 id;
	struct tcpi_event ev;
};

size_t tcpi_proc_events_state_size(void)
{
	return sizeof(struct tcpi_events_iter);
}

static void *tcpi_events_find(struct tcpi_events_iter *it, loff_t *pos)
{
	u64 id;

	for (id = it->first + *pos; id <= it->last; id++) {
		if (tcpi_ring_read(tcpi.ring, id, &it->ev)) {
			it->id = id;
			*pos = id - it->first;
			return it;
		}
		if (!(id & 1023))
			cond_resched();
	}
	*pos = it->last + 1 - it->first;
	return NULL;
}

static void *tcpi_events_start(struct seq_file *m, loff_t *pos)
{
	struct tcpi_events_iter *it = m->private;

	if (!it->started) {
		u64 head = tcpi_ring_head(tcpi.ring);

		it->first = tcpi_ring_first(tcpi.ring, head);
		it->last = head;
		it->started = true;
	}
	return tcpi_events_find(it, pos);
}

static void *tcpi_events_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return tcpi_events_find(m->private, pos);
}

static void tcpi_events_stop(struct seq_file *m, void *v)
{
}

static int tcpi_events_show(struct seq_file *m, void *v)
{
	struct tcpi_events_iter *it = v;
	char line[TCPI_EVENT_LINE_LEN];

	tcpi_format_event(line, sizeof(line), &it->ev,
			  tcpi_reason_name(&tcpi.reasons, it->ev.reason), it->id);
	seq_puts(m, line);
	return 0;
}

const struct seq_operations tcpi_proc_events_ops = {
	.start = tcpi_events_start,
	.next = tcpi_events_next,
	.stop = tcpi_events_stop,
	.show = tcpi_events_show,
};
