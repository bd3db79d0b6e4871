// SPDX-License-Identifier: GPL-2.0
/*
 * The record filter. It is replaced whole, never edited in place, so a
 * record is judged by one filter, old or new, and never by half of each:
 * a new one is published with RCU and the old one freed after a grace
 * period. The static key is turned on only once a filter is published
 * and off before it is withdrawn, so the hot path that sees it on finds
 * a filter, or NULL during the switch-off, which lets everything through.
 */
#include <linux/bitmap.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "filter.h"

#define TCPI_PORTS	65536

struct tcpi_filter {
	struct rcu_head rcu;
	u32 netns;			/* 0: any */
	struct tcpi_port_list ports;	/* nr 0: any; ascending */
	DECLARE_BITMAP(port_bits, TCPI_PORTS);
};

DEFINE_STATIC_KEY_FALSE(tcpi_filter_active);
static struct tcpi_filter __rcu *tcpi_filter;
/* Serializes the replacements; the hot path never takes it. */
static DEFINE_MUTEX(tcpi_filter_lock);
static DEFINE_PER_CPU(u64, tcpi_filtered);

/*
 * Explicit RCU read side: tracepoint probes run preemptible on kernels
 * whose tracepoints are guarded by SRCU rather than by disabled preemption.
 */
bool tcpi_filter_match(u32 netns, int port)
{
	const struct tcpi_filter *f;
	bool pass = true;

	rcu_read_lock();
	f = rcu_dereference(tcpi_filter);
	if (f) {
		if (f->netns && f->netns != netns)
			pass = false;
		else if (f->ports.nr &&
			 (port < 0 || port >= TCPI_PORTS || !test_bit(port, f->port_bits)))
			pass = false;
	}
	rcu_read_unlock();
	return pass;
}

/* @n records were not recorded because of the filter. */
void tcpi_filter_skipped(u64 n)
{
	this_cpu_add(tcpi_filtered, n);
}

u64 tcpi_filter_skipped_total(void)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(*per_cpu_ptr(&tcpi_filtered, cpu));
	return sum;
}

/* From @cpu itself, or while it is offline (see reset.c). */
void tcpi_filter_zero_cpu(unsigned int cpu)
{
	WRITE_ONCE(*per_cpu_ptr(&tcpi_filtered, cpu), 0);
}

static int tcpi_port_cmp(const void *a, const void *b)
{
	return (int)*(const u16 *)a - (int)*(const u16 *)b;
}

static struct tcpi_filter *tcpi_filter_current(void)
{
	return rcu_dereference_protected(tcpi_filter,
					 lockdep_is_held(&tcpi_filter_lock));
}

/* Replaces the filter by one of @netns and @ports; neither set: none. */
static int tcpi_filter_publish(u32 netns, const struct tcpi_port_list *ports)
{
	struct tcpi_filter *old = tcpi_filter_current();
	struct tcpi_filter *new = NULL;
	unsigned int i;

	if (netns || ports->nr) {
		new = kzalloc(sizeof(*new), GFP_KERNEL);
		if (!new)
			return -ENOMEM;
		new->netns = netns;
		new->ports = *ports;
		sort(new->ports.port, new->ports.nr, sizeof(new->ports.port[0]),
		     tcpi_port_cmp, NULL);
		for (i = 0; i < new->ports.nr; i++)
			__set_bit(new->ports.port[i], new->port_bits);
		rcu_assign_pointer(tcpi_filter, new);
		static_branch_enable(&tcpi_filter_active);
	} else {
		static_branch_disable(&tcpi_filter_active);
		RCU_INIT_POINTER(tcpi_filter, NULL);
	}
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

/**
 * tcpi_filter_set_ports() - record only these local ports
 * @ports: 1 to TCPI_FILTER_PORTS_MAX distinct non-zero ports, checked
 *
 * The netns filter, if any, stays.
 *
 * Return: 0 or -ENOMEM.
 */
int tcpi_filter_set_ports(const struct tcpi_port_list *ports)
{
	const struct tcpi_filter *old;
	int err;

	mutex_lock(&tcpi_filter_lock);
	old = tcpi_filter_current();
	err = tcpi_filter_publish(old ? old->netns : 0, ports);
	mutex_unlock(&tcpi_filter_lock);
	return err;
}

/**
 * tcpi_filter_set_netns() - record only this network namespace
 * @netns: a non-zero netns inode
 *
 * The port filter, if any, stays.
 *
 * Return: 0 or -ENOMEM.
 */
int tcpi_filter_set_netns(u32 netns)
{
	const struct tcpi_filter *old;
	struct tcpi_port_list ports = { .nr = 0 };
	int err;

	mutex_lock(&tcpi_filter_lock);
	old = tcpi_filter_current();
	if (old)
		ports = old->ports;
	err = tcpi_filter_publish(netns, &ports);
	mutex_unlock(&tcpi_filter_lock);
	return err;
}

void tcpi_filter_off(void)
{
	static const struct tcpi_port_list none = { .nr = 0 };

	mutex_lock(&tcpi_filter_lock);
	/* Withdrawing allocates nothing, so it cannot fail. */
	tcpi_filter_publish(0, &none);
	mutex_unlock(&tcpi_filter_lock);
}

/* At unload, once no probe can run: nothing waits for a grace period. */
void tcpi_filter_exit(void)
{
	struct tcpi_filter *f;

	static_branch_disable(&tcpi_filter_active);
	mutex_lock(&tcpi_filter_lock);
	f = tcpi_filter_current();
	RCU_INIT_POINTER(tcpi_filter, NULL);
	mutex_unlock(&tcpi_filter_lock);
	kfree(f);
}

/* The summary's filter_ports, filter_netns and filtered lines. */
void tcpi_filter_show(struct seq_file *m)
{
	const struct tcpi_filter *f;
	unsigned int i;

	rcu_read_lock();
	f = rcu_dereference(tcpi_filter);
	seq_puts(m, "filter_ports ");
	if (f && f->ports.nr) {
		for (i = 0; i < f->ports.nr; i++)
			seq_printf(m, "%s%u", i ? "," : "", f->ports.port[i]);
	} else {
		seq_putc(m, '-');
	}
	if (f && f->netns)
		seq_printf(m, "\nfilter_netns %u\n", f->netns);
	else
		seq_puts(m, "\nfilter_netns -\n");
	rcu_read_unlock();
	seq_printf(m, "filtered %llu\n", tcpi_filter_skipped_total());
}
