// SPDX-License-Identifier: GPL-2.0
/*
 * Function-entry hooks on one ftrace_ops of tcpinsight's own. Each kprobe
 * on a function's entry is an ftrace site of the kernel's kprobe ops, and
 * arming or disarming one rewrites ftrace's hash and walks every ftrace
 * record of the kernel: millions of instructions, once per kprobe. Here
 * every entry hook is a site of one ops, so a batch of them (`disable all`,
 * `enable all`) is one filter change, one walk and one text poke batch,
 * however many there are. The ops is registered at load and unregistered
 * at unload only (a dynamic ops waits for RCU-tasks grace periods when it
 * goes); in between only its filter changes.
 *
 * An ops whose filter is empty traces every function of the kernel, so
 * the filter always holds tcpi_fentry_anchor(), which nothing calls.
 */

#include <linux/ftrace.h>
#include <linux/kernel.h>
#include <linux/printk.h>

#include "fentry.h"

/* the sites the ops can call, set up at load before the ops is registered */
static struct tcpi_fentry_site tcpi_fentry_sites[TCPI_FENTRY_MAX];
static unsigned int tcpi_fentry_nr;
static bool tcpi_fentry_live;
/* sites in the filter besides the anchor; under the probes' mutex */
static unsigned int tcpi_fentry_armed;

/* Never called: its ftrace site keeps the ops' filter from being empty. */
noinline void tcpi_fentry_anchor(void)
{
	barrier();
}

static void notrace tcpi_fentry_call(TCPI_FENTRY_ARGS)
{
	unsigned int i;
	int bit;

	/* also keeps preemption off, as a kprobe's handler has it */
	bit = tcpi_fentry_lock(ip, parent_ip);
	if (bit < 0)
		return;
	for (i = 0; i < tcpi_fentry_nr; i++) {
		if (tcpi_fentry_sites[i].ip == ip) {
			tcpi_fentry_sites[i].on_entry(tcpi_fentry_regs(fregs));
			break;
		}
	}
	tcpi_fentry_unlock(bit);
}

static struct ftrace_ops tcpi_fentry_ops = {
	.func = tcpi_fentry_call,
	.flags = TCPI_FENTRY_FLAGS,
};

/**
 * tcpi_fentry_add() - a site the ops may call, before tcpi_fentry_start()
 * @ip: the function's ftrace site (where a kprobe on its entry sits)
 * @on_entry: called there, with the function's arguments in the registers
 *
 * Return: 0, or -ENOSPC.
 */
int tcpi_fentry_add(unsigned long ip, void (*on_entry)(struct pt_regs *regs))
{
	if (tcpi_fentry_nr == TCPI_FENTRY_MAX)
		return -ENOSPC;
	tcpi_fentry_sites[tcpi_fentry_nr].ip = ip;
	tcpi_fentry_sites[tcpi_fentry_nr].on_entry = on_entry;
	tcpi_fentry_nr++;
	return 0;
}

/**
 * tcpi_fentry_start() - register the ops, with no site armed
 *
 * Return: 0, or the error ftrace gave: the entry hooks then go through
 * kprobes instead.
 */
int tcpi_fentry_start(void)
{
	int err;

	err = ftrace_set_filter_ip(&tcpi_fentry_ops,
				   (unsigned long)tcpi_fentry_anchor, 0, 1);
	if (!err)
		err = register_ftrace_function(&tcpi_fentry_ops);
	if (err) {
		pr_warn("entry hooks go through kprobes: ftrace refused an ops of ours (%d)\n",
			err);
		tcpi_ftrace_free_filter(&tcpi_fentry_ops);
		return err;
	}
	tcpi_fentry_live = true;
	return 0;
}

/**
 * tcpi_fentry_set() - arm or disarm sites, in one filter change
 * @ips: their ftrace sites, each armed if @arm and disarmed if not
 * @n: how many
 * @arm: arm or disarm
 *
 * A disarmed site's handler may still be running on another CPU until
 * the next grace period.
 *
 * Return: 0, or the error ftrace gave: then none of them changed.
 */
int tcpi_fentry_set(unsigned long *ips, unsigned int n, bool arm)
{
	int err;

	if (!n)
		return 0;
	/*
	 * Every armed site off: the filter goes back to the anchor alone,
	 * in one change also where ftrace cannot remove several sites in
	 * one (5.10).
	 */
	if (!arm && n == tcpi_fentry_armed)
		err = ftrace_set_filter_ip(&tcpi_fentry_ops,
					   (unsigned long)tcpi_fentry_anchor, 0, 1);
	else
		err = tcpi_ftrace_set_filter_ips(&tcpi_fentry_ops, ips, n, !arm);
	if (!err)
		tcpi_fentry_armed = arm ? tcpi_fentry_armed + n :
				    tcpi_fentry_armed - n;
	return err;
}

/* At unload: when this returns no CPU runs tcpi_fentry_call(). */
void tcpi_fentry_stop(void)
{
	if (!tcpi_fentry_live)
		return;
	unregister_ftrace_function(&tcpi_fentry_ops);
	tcpi_ftrace_free_filter(&tcpi_fentry_ops);
	tcpi_fentry_live = false;
	tcpi_fentry_armed = 0;
}
