// SPDX-License-Identifier: GPL-2.0
/*
 * tcpinsight: TCP drops per reason, per network namespace and local port,
 * with a log of the latest ones, under /proc/tcpinsight.
 */

#include <linux/cpumask.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>

#include "procfs.h"
#include "tcpinsight.h"

static unsigned int events_size = 1024;
module_param(events_size, uint, 0444);
MODULE_PARM_DESC(events_size,
		 "Slots in the event ring, 16 to 1048576 (default 1024)");

static unsigned int ports_max = 4096;
module_param(ports_max, uint, 0444);
MODULE_PARM_DESC(ports_max,
		 "Slots in the per-netns/port/reason table, a power of two from 256 to 1048576 (default 4096)");

struct tcpi_state tcpi;

static int tcpi_check_params(void)
{
	size_t bytes;

	if (tcpi_ring_bytes(events_size, &bytes)) {
		pr_err("events_size=%u is out of range: use %u to %u\n",
		       events_size, TCPI_RING_MIN, TCPI_RING_MAX);
		return -EINVAL;
	}
	if (tcpi_porttab_bytes(ports_max, nr_cpu_ids, &bytes)) {
		pr_err("ports_max=%u is invalid: use a power of two from %u to %u\n",
		       ports_max, TCPI_PORTTAB_MIN, TCPI_PORTTAB_MAX);
		return -EINVAL;
	}
	return 0;
}

static int tcpi_reasons_load(void)
{
	const char * const *names;
	unsigned int n = tcpi_kernel_reason_names(&names);
	int err = tcpi_reasons_init(&tcpi.reasons, names, n);

	if (err)
		goto too_many;
	err = tcpi_reasons_intern(&tcpi.reasons, "NO_SOCKET");
	if (err < 0)
		goto too_many;
	tcpi.derived.no_socket = err;
	return 0;

too_many:
	pr_err("this kernel has %u drop reasons, more than %u fit\n",
	       n, TCPI_REASON_SLOTS);
	return -ENOSPC;
}

static void tcpi_free_state(void)
{
	tcpi_ring_free(tcpi.ring);
	tcpi.ring = NULL;
	tcpi_porttab_free(tcpi.ports);
	tcpi.ports = NULL;
	free_percpu(tcpi.stats);
	tcpi.stats = NULL;
}

static int __init tcpi_init(void)
{
	int err;

	err = tcpi_check_params();
	if (err)
		return err;
	err = tcpi_reasons_load();
	if (err)
		return err;

	tcpi.stats = alloc_percpu(struct tcpi_cpu_stats);
	tcpi.ports = tcpi_porttab_alloc(ports_max, nr_cpu_ids);
	tcpi.ring = tcpi_ring_alloc(events_size);
	if (!tcpi.stats || !tcpi.ports || !tcpi.ring) {
		pr_err("cannot allocate the tables (events_size=%u, ports_max=%u)\n",
		       events_size, ports_max);
		err = -ENOMEM;
		goto free_state;
	}

	err = tcpi_proc_init();
	if (err)
		goto free_state;

	err = tcpi_probes_init();
	if (err)
		goto remove_proc;

	pr_info("loaded: %u kernel drop reasons, events_size=%u, ports_max=%u\n",
		tcpi.reasons.nr_kernel, events_size, ports_max);
	return 0;

remove_proc:
	tcpi_probes_exit();
	tcpi_proc_exit();
free_state:
	tcpi_free_state();
	return err;
}

static void __exit tcpi_exit(void)
{
	/* Probes first: once they are gone nothing writes the tables. */
	tcpi_probes_exit();
	tcpi_proc_exit();
	tcpi_free_state();
}

module_init(tcpi_init);
module_exit(tcpi_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("TCP drop and listen-queue accounting under /proc/tcpinsight");
MODULE_VERSION(TCPI_VERSION);
