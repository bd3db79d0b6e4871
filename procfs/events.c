// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/tcpinsight/events: the ring, oldest first. The window is fixed
 * when a reader starts, so one read shows each event at most once; an
 * event overwritten while the reader walks the window is skipped, never
 * printed half old and half new. The ring is looked up again for every
 * stretch of ids, under RCU: one resized meanwhile holds the same ids; one
 * emptied starts its ids again, and the read ends there. Events of
 * namespaces the reader may not see are skipped: ids stay the ring's own,
 * so such a reader sees gaps.
 */
#include <linux/rcupdate.h>
#include <linux/sched.h>

#include "events.h"
#include "format.h"
#include "procfs.h"
#include "tcpinsight.h"

/* Ids looked at per RCU read section; the walk may yield between them. */
#define TCPI_EVENTS_STRETCH	1024

struct tcpi_events_iter {
	struct net *viewer;
	bool started;
	bool ended;
	unsigned long generation;
	u64 first;
	u64 last;
	u64 id;
	struct tcpi_event ev;
};

/* Reads ids from @id on, a stretch at most. Return: 1 found, 0 not, -1 end. */
static int tcpi_events_stretch(struct tcpi_events_iter *it, u64 id, u64 *at)
{
	unsigned long generation;
	struct tcpi_ring *ring;
	u64 stop = min(it->last, id + TCPI_EVENTS_STRETCH - 1);
	int found = 0;

	rcu_read_lock();
	ring = tcpi_events_ring(&generation);
	if (generation != it->generation) {
		found = -1;
	} else {
		for (; id <= stop; id++) {
			if (tcpi_ring_read(ring, id, &it->ev) &&
			    tcpi_view_sees(it->viewer, it->ev.netns)) {
				found = 1;
				break;
			}
		}
	}
	rcu_read_unlock();
	*at = id;
	return found;
}

static void *tcpi_events_find(struct tcpi_events_iter *it, loff_t *pos)
{
	u64 id = it->first + *pos;
	int found;

	while (!it->ended && id <= it->last) {
		found = tcpi_events_stretch(it, id, &id);
		if (found > 0) {
			it->id = id;
			*pos = id - it->first;
			return it;
		}
		if (found < 0)
			it->ended = true;
		cond_resched();
	}
	*pos = it->last + 1 - it->first;
	return NULL;
}

static void *tcpi_events_start(struct seq_file *m, loff_t *pos)
{
	struct tcpi_events_iter *it = m->private;

	if (!it->started) {
		struct tcpi_ring *ring;
		u64 head;

		rcu_read_lock();
		ring = tcpi_events_ring(&it->generation);
		head = tcpi_ring_head(ring);
		it->first = tcpi_ring_first(ring, head);
		rcu_read_unlock();
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

static const struct seq_operations tcpi_events_seq_ops = {
	.start = tcpi_events_start,
	.next = tcpi_events_next,
	.stop = tcpi_events_stop,
	.show = tcpi_events_show,
};

static int tcpi_events_open(struct inode *inode, struct file *file)
{
	struct tcpi_events_iter *it;

	it = __seq_open_private(file, &tcpi_events_seq_ops, sizeof(*it));
	if (!it)
		return -ENOMEM;
	it->viewer = tcpi_view_get();
	return 0;
}

static int tcpi_events_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;
	struct tcpi_events_iter *it = m->private;

	tcpi_view_put(it->viewer);
	return seq_release_private(inode, file);
}

const struct proc_ops tcpi_proc_events_ops = {
	.proc_open = tcpi_events_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = tcpi_events_release,
};
