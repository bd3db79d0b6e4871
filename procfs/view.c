// SPDX-License-Identifier: GPL-2.0
/*
 * Who sees which rows. A reader in the init network namespace sees every
 * row; a reader in any other namespace sees only its own namespace's rows,
 * so one tenant never learns another's addresses, ports or counts. Rows
 * of netns 0 (a drop whose namespace the kernel did not tell) could be
 * anyone's: only the init namespace sees them.
 *
 * The reader is the process that opened the file, as for /proc/net: its
 * namespace is taken at open and a reference held until the file is
 * closed. The reference, not just the inode number, because a namespace's
 * inode number is given to a new namespace once the old one is freed: a
 * descriptor that outlived its namespace would otherwise start showing a
 * stranger's rows. A descriptor passed to another process keeps its
 * opener's view.
 */
#include <linux/nsproxy.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <net/net_namespace.h>

#include "events.h"
#include "procfs.h"
#include "tcpinsight.h"

bool tcpi_view_all(const struct net *viewer)
{
	return net_eq(viewer, &init_net);
}

bool tcpi_view_sees(const struct net *viewer, u32 netns)
{
	return tcpi_view_all(viewer) || (netns && netns == viewer->ns.inum);
}

struct net *tcpi_view_get(void)
{
	return get_net(current->nsproxy->net_ns);
}

void tcpi_view_put(struct net *viewer)
{
	put_net(viewer);
}

/**
 * tcpi_view_reason_sums() - drops per reason of the reader's namespace
 * @viewer: the reader's namespace
 *
 * The per-reason counts have no namespace: for a reader that may not see
 * them all they are added up from its own rows of the ports table, so
 * drops that did not fit there (ports_overflow) are not in them.
 *
 * Return: an array of TCPI_REASON_SLOTS counts for kfree(), or NULL.
 */
u64 *tcpi_view_reason_sums(const struct net *viewer)
{
	const struct tcpi_porttab *t = tcpi.ports;
	u64 *sums = kcalloc(TCPI_REASON_SLOTS, sizeof(*sums), GFP_KERNEL);
	unsigned int slot;

	if (!sums)
		return NULL;
	for (slot = 0; slot < t->size; slot++) {
		u64 key = tcpi_porttab_key(t, slot);
		struct tcpi_port_key k;

		if (!(slot & 1023))
			cond_resched();
		if (!key)
			continue;
		k = tcpi_port_key_unpack(key);
		if (k.reason < TCPI_REASON_SLOTS && tcpi_view_sees(viewer, k.netns))
			sums[k.reason] += tcpi_porttab_count(t, slot);
	}
	return sums;
}

/**
 * tcpi_view_drops_total() - drops the reader may count
 * @viewer: the reader's namespace
 *
 * Return: every drop for the init namespace, else the sum of the reader's
 * own rows of the ports table (what its drops file adds up to).
 */
u64 tcpi_view_drops_total(const struct net *viewer)
{
	u64 *sums, total = 0;
	unsigned int i;

	if (tcpi_view_all(viewer))
		return tcpi_stat_drops_total();
	sums = tcpi_view_reason_sums(viewer);
	if (!sums)
		return 0;
	for (i = 0; i < TCPI_REASON_SLOTS; i++)
		total += sums[i];
	kfree(sums);
	return total;
}

/**
 * tcpi_view_events_held() - events of the ring the reader may see
 * @viewer: the reader's namespace
 *
 * Walked a stretch of ids at a time under RCU, as the events file is; a
 * ring emptied meanwhile ends the count there.
 *
 * Return: about what its events file would print now.
 */
u64 tcpi_view_events_held(const struct net *viewer)
{
	unsigned long generation, now;
	struct tcpi_ring *ring;
	struct tcpi_event ev;
	u64 id, stop, head, held = 0;

	rcu_read_lock();
	ring = tcpi_events_ring(&generation);
	head = tcpi_ring_head(ring);
	id = tcpi_ring_first(ring, head);
	rcu_read_unlock();
	while (id && id <= head) {
		stop = min(head, id + 1023);
		rcu_read_lock();
		ring = tcpi_events_ring(&now);
		if (now != generation) {
			rcu_read_unlock();
			break;
		}
		for (; id <= stop; id++)
			if (tcpi_ring_read(ring, id, &ev) &&
			    tcpi_view_sees(viewer, ev.netns))
				held++;
		rcu_read_unlock();
		cond_resched();
	}
	return held;
}

/* The files of one show function: each reader's seq_file holds its view. */
static int tcpi_view_single_open(struct inode *inode, struct file *file)
{
	struct net *viewer = tcpi_view_get();
	int err = single_open(file, tcpi_pde_data(inode), viewer);

	if (err)
		tcpi_view_put(viewer);
	return err;
}

static int tcpi_view_single_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	tcpi_view_put(m->private);
	return single_release(inode, file);
}

static const struct proc_ops tcpi_view_single_ops = {
	.proc_open = tcpi_view_single_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = tcpi_view_single_release,
};

/**
 * tcpi_proc_create_view() - a read-only file of one show function
 * @name: its name
 * @dir: its directory
 * @show: prints the file; its seq_file's private is the reader's namespace
 *
 * Return: the entry, or NULL.
 */
struct proc_dir_entry *tcpi_proc_create_view(const char *name,
					     struct proc_dir_entry *dir,
					     int (*show)(struct seq_file *m, void *v))
{
	return proc_create_data(name, 0444, dir, &tcpi_view_single_ops, show);
}

static int tcpi_view_seq_open(struct inode *inode, struct file *file)
{
	struct net *viewer = tcpi_view_get();
	int err = seq_open(file, tcpi_pde_data(inode));

	if (err) {
		tcpi_view_put(viewer);
		return err;
	}
	((struct seq_file *)file->private_data)->private = viewer;
	return 0;
}

static int tcpi_view_seq_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	tcpi_view_put(m->private);
	return seq_release(inode, file);
}

static const struct proc_ops tcpi_view_seq_ops = {
	.proc_open = tcpi_view_seq_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = tcpi_view_seq_release,
};

/**
 * tcpi_proc_create_view_seq() - a read-only file walked by a seq_file
 * iterator
 * @name: its name
 * @dir: its directory
 * @ops: the iterator; its seq_file's private is the reader's namespace
 *
 * Return: the entry, or NULL.
 */
struct proc_dir_entry *tcpi_proc_create_view_seq(const char *name,
						 struct proc_dir_entry *dir,
						 const struct seq_operations *ops)
{
	return proc_create_data(name, 0444, dir, &tcpi_view_seq_ops,
				(void *)ops);
}
