// SPDX-License-Identifier: GPL-2.0
/*
 * tcpinsight: TCP drops per reason, per network namespace and local port,
 * with a log of the latest ones, under /proc/tcpinsight.
 */

#include <linux/cpumask.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/stddef.h>

#include "control.h"
#include "events.h"
#include "filter.h"
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

/*
 * Where the control file can change them later, these are only where the
 * module starts: summary and probes show the values in force.
 */
static bool events = true;
module_param(events, bool, 0444);
MODULE_PARM_DESC(events,
		 "Log events (1, default) or only count the drops (0), as 'events on|off'");

static unsigned int events_rate;
module_param(events_rate, uint, 0444);
MODULE_PARM_DESC(events_rate,
		 "Events logged per second at most, the rest counted lost; 0 (default) for no limit, up to 1000000");

static char *probes_off;
module_param(probes_off, charp, 0444);
MODULE_PARM_DESC(probes_off,
		 "Probes to leave off, by their names in probes, comma-separated (default: none)");

static char *filter_ports;
module_param(filter_ports, charp, 0444);
MODULE_PARM_DESC(filter_ports,
		 "Record only these local ports, comma-separated, 1 to 65535, at most 64 (default: every port)");

static char *filter_netns;
module_param(filter_netns, charp, 0444);
MODULE_PARM_DESC(filter_netns,
		 "Record only the network namespace of this inode number (default: every namespace)");

struct tcpi_state tcpi;

/* What the text parameters say, once checked. */
static struct {
	unsigned long probes_off;
	struct tcpi_port_list ports;
	u32 netns;
} tcpi_start;

static int tcpi_check_params(void)
{
	const char *why;
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
	if (events_rate > TCPI_EVENTS_RATE_MAX) {
		pr_err("events_rate=%u is out of range: use 0 (no limit) to %u\n",
		       events_rate, TCPI_EVENTS_RATE_MAX);
		return -EINVAL;
	}
	if (probes_off &&
	    tcpi_control_parse_probes(probes_off, &tcpi_start.probes_off, &why)) {
		pr_err("probes_off=%s is invalid: %s (names as in probes, comma-separated)\n",
		       probes_off, why);
		return -EINVAL;
	}
	if (filter_ports &&
	    tcpi_control_parse_ports(filter_ports, &tcpi_start.ports, &why)) {
		pr_err("filter_ports=%s is invalid: %s (at most %u distinct ports from 1 to 65535, comma-separated)\n",
		       filter_ports, why, TCPI_FILTER_PORTS_MAX);
		return -EINVAL;
	}
	if (filter_netns &&
	    tcpi_control_parse_netns(filter_netns, &tcpi_start.netns, &why)) {
		pr_err("filter_netns=%s is invalid: %s (a namespace's inode number, 1 to %u)\n",
		       filter_netns, why, U32_MAX);
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
	tcpi_porttab_free(tcpi.ports);
	tcpi.ports = NULL;
	tcpi_porttab_free(tcpi.counters);
	tcpi.counters = NULL;
	free_percpu(tcpi.stats);
	tcpi.stats = NULL;
}

/* Before any probe runs: the first record is already judged by it. */
static int tcpi_filter_start(void)
{
	int err = 0;

	if (tcpi_start.ports.nr)
		err = tcpi_filter_set_ports(&tcpi_start.ports);
	if (!err && tcpi_start.netns)
		err = tcpi_filter_set_netns(tcpi_start.netns);
	return err;
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
	tcpi.listeners = tcpi_listeners_alloc(listeners_max, nr_cpu_ids);
	if (!tcpi.stats || !tcpi.ports || !tcpi.counters || !tcpi.listeners ||
	    tcpi_events_init(events_size, events, events_rate)) {
		pr_err("cannot allocate the tables (events_size=%u, ports_max=%u, listeners_max=%u)\n",
		       events_size, ports_max, listeners_max);
		err = -ENOMEM;
		goto free_state;
	}
	err = tcpi_filter_start();
	if (err)
		goto free_state;

	/* Before the control file exists: nothing else turns probes on or off. */
	err = tcpi_probes_init(tcpi_start.probes_off);
	if (err)
		goto detach;
	err = tcpi_proc_init();
	if (err)
		goto detach;

	pr_info("loaded: %u kernel drop reasons, events_size=%u, ports_max=%u, listeners_max=%u\n",
		tcpi.reasons.nr_kernel, events_size, ports_max, listeners_max);
	return 0;

detach:
	tcpi_probes_exit();
	/* listener entries wait for a grace period in call_rcu() */
	rcu_barrier();
free_state:
	tcpi_filter_exit();
	tcpi_events_exit();
	tcpi_free_state();
	return err;
}

static void __exit tcpi_exit(void)
{
	/*
	 * The files first: removing them waits for a control write in flight,
	 * which could otherwise turn a probe on again behind tcpi_probes_exit().
	 * Then the probes: once they are gone nothing writes the tables.
	 */
	tcpi_proc_exit();
	tcpi_probes_exit();
	/* Listener entries recycled by call_rcu() run our code: wait for them. */
	rcu_barrier();
	tcpi_filter_exit();
	tcpi_events_exit();
	tcpi_free_state();
}

module_init(tcpi_init);
module_exit(tcpi_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("TCP drop and listen-queue accounting under /proc/tcpinsight");
MODULE_VERSION(TCPI_VERSION);
