// SPDX-License-Identifier: GPL-2.0
/*
 * tcpinsight: TCP drops per reason, per network namespace and local port,
 * with a log of the latest ones, under /proc/tcpinsight.
 */

#include <linux/cpumask.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/stddef.h>

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

static unsigned int listeners_max = 1024;
module_param(listeners_max, uint, 0444);
MODULE_PARM_DESC(listeners_max,
		 "Listening sockets tracked in listeners, 16 to 65536 (default 1024)");

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
	if (tcpi_listeners_bytes(listeners_max, nr_cpu_ids, &bytes)) {
		pr_err("listeners_max=%u is out of range: use %u to %u\n",
		       listeners_max, TCPI_LISTENERS_MIN, TCPI_LISTENERS_MAX);
		return -EINVAL;
	}
	return 0;
}

/*
 * The names tcpinsight derives. A kernel that has one of them natively
 * (TCP_LISTEN_OVERFLOW from 6.15) keeps its index, so both count together.
 */
static const struct {
	const char *name;
	size_t offset;
} tcpi_derived_names[] = {
	{ "NO_SOCKET", offsetof(struct tcpi_derived, no_socket) },
	{ "TCP_LISTEN_OVERFLOW", offsetof(struct tcpi_derived, listen_overflow) },
	{ "TCP_SYN_QUEUE_FULL", offsetof(struct tcpi_derived, syn_queue_full) },
	{ "TCP_SYN_QUEUE_LAST_QUARTER",
	  offsetof(struct tcpi_derived, syn_queue_last_quarter) },
	{ "TCP_SYN_REQUEST_FAILED", offsetof(struct tcpi_derived, syn_request_failed) },
	{ "TCP_LISTEN_CHILD_FAILED", offsetof(struct tcpi_derived, listen_child_failed) },
	{ "TCP_RFC7323_PAWS", offsetof(struct tcpi_derived, paws) },
	{ "TCP_RST_PAWS_SYN_RECV", offsetof(struct tcpi_derived, rst_paws_syn_recv) },
	{ "TCP_RFC7323_TW_PAWS", offsetof(struct tcpi_derived, tw_paws) },
	/* events only, never counted as drops */
	{ "TCP_ABORT_ON_CLOSE", offsetof(struct tcpi_derived, abort_on_close) },
	{ "CONNECT_EADDRNOTAVAIL", offsetof(struct tcpi_derived, connect_eaddrnotavail) },
	{ "PROTO_MEM", offsetof(struct tcpi_derived, proto_mem) },
	{ "TCP_SNDBUF_WAIT", offsetof(struct tcpi_derived, sndbuf_wait) },
};

static int tcpi_reasons_load(void)
{
	const char * const *names;
	unsigned int n = tcpi_kernel_reason_names(&names);
	int err = tcpi_reasons_init(&tcpi.reasons, names, n);
	unsigned int i;

	if (err)
		goto too_many;
	for (i = 0; i < ARRAY_SIZE(tcpi_derived_names); i++) {
		err = tcpi_reasons_intern(&tcpi.reasons, tcpi_derived_names[i].name);
		if (err < 0)
			goto too_many;
		*(u16 *)((char *)&tcpi.derived + tcpi_derived_names[i].offset) = err;
	}
	return 0;

too_many:
	pr_err("this kernel has %u drop reasons, more than %u fit\n",
	       n, TCPI_REASON_SLOTS);
	return -ENOSPC;
}

static void tcpi_free_state(void)
{
	tcpi_listeners_free(tcpi.listeners);
	tcpi.listeners = NULL;
	tcpi_ring_free(tcpi.ring);
	tcpi.ring = NULL;
	tcpi_porttab_free(tcpi.ports);
	tcpi.ports = NULL;
	tcpi_porttab_free(tcpi.counters);
	tcpi.counters = NULL;
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
	tcpi.counters = tcpi_porttab_alloc(ports_max, nr_cpu_ids);
	tcpi.ring = tcpi_ring_alloc(events_size);
	tcpi.listeners = tcpi_listeners_alloc(listeners_max, nr_cpu_ids);
	if (!tcpi.stats || !tcpi.ports || !tcpi.counters || !tcpi.ring ||
	    !tcpi.listeners) {
		pr_err("cannot allocate the tables (events_size=%u, ports_max=%u, listeners_max=%u)\n",
		       events_size, ports_max, listeners_max);
		err = -ENOMEM;
		goto free_state;
	}

	err = tcpi_proc_init();
	if (err)
		goto free_state;

	err = tcpi_probes_init();
	if (err)
		goto remove_proc;
	/* After the listen hooks: a listener found here is removed by them. */
	if (tcpi_probe_on(TCPI_PROBE_LISTEN_STOP)) {
		unsigned int untracked = tcpi_listeners_scan();

		if (untracked) {
			pr_warn("%u listeners do not fit in listeners_max=%u\n",
				untracked, listeners_max);
			this_cpu_add(tcpi.stats->listeners_overflow, untracked);
		}
	}

	pr_info("loaded: %u kernel drop reasons, events_size=%u, ports_max=%u, listeners_max=%u\n",
		tcpi.reasons.nr_kernel, events_size, ports_max, listeners_max);
	return 0;

remove_proc:
	tcpi_probes_exit();
	tcpi_proc_exit();
	/* listener entries wait for a grace period in call_rcu() */
	rcu_barrier();
free_state:
	tcpi_free_state();
	return err;
}

static void __exit tcpi_exit(void)
{
	/* Probes first: once they are gone nothing writes the tables. */
	tcpi_probes_exit();
	tcpi_proc_exit();
	/* Listener entries recycled by call_rcu() run our code: wait for them. */
	rcu_barrier();
	tcpi_free_state();
}

module_init(tcpi_init);
module_exit(tcpi_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("TCP drop and listen-queue accounting under /proc/tcpinsight");
MODULE_VERSION(TCPI_VERSION);
