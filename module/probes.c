// SPDX-License-Identifier: GPL-2.0
/*
 * Attaching and detaching the hooks. Tracepoints are found by name, because
 * most of the ones tcpinsight needs are not exported; kprobes by symbol. A
 * hook missing on this kernel makes its probe unavailable instead of
 * failing the load.
 */

#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "hooks.h"
#include "tcpinsight.h"

struct tcpi_probe tcpi_probes[TCPI_PROBE_MAX] = {
	[TCPI_PROBE_KFREE_SKB] = {
		.name = "kfree_skb",
		.type = TCPI_TYPE_TRACEPOINT,
		.tp_name = "kfree_skb",
		.tp_func = tcpi_on_kfree_skb,
	},
	[TCPI_PROBE_TCP_V4_SEND_RESET] = {
		.name = "tcp_v4_send_reset",
		.type = TCPI_TYPE_KPROBE,
		.symbol = "tcp_v4_send_reset",
		.pre_handler = tcpi_on_tcp_v4_send_reset,
	},
	[TCPI_PROBE_TCP_V6_SEND_RESET] = {
		.name = "tcp_v6_send_reset",
		.type = TCPI_TYPE_KPROBE,
		.symbol = "tcp_v6_send_reset",
		.pre_handler = tcpi_on_tcp_v6_send_reset,
	},
	[TCPI_PROBE_LISTEN_START] = {
		.name = "inet_csk_listen_start",
		.type = TCPI_TYPE_KRETPROBE,
		.symbol = "inet_csk_listen_start",
		.entry_handler = tcpi_on_listen_start_entry,
		.ret_handler = tcpi_on_listen_start,
		.data_size = tcpi_listen_start_size,
	},
	[TCPI_PROBE_LISTEN_STOP] = {
		.name = "inet_csk_listen_stop",
		.type = TCPI_TYPE_KPROBE,
		.symbol = "inet_csk_listen_stop",
		.pre_handler = tcpi_on_listen_stop,
	},
	[TCPI_PROBE_TCP_CONN_REQUEST] = {
		.name = "tcp_conn_request",
		.type = TCPI_TYPE_KRETPROBE,
		.symbol = "tcp_conn_request",
		.entry_handler = tcpi_on_conn_request_entry,
		.ret_handler = tcpi_on_conn_request,
		.data_size = tcpi_listen_call_size,
	},
	[TCPI_PROBE_TCP_V4_SYN_RECV_SOCK] = {
		.name = "tcp_v4_syn_recv_sock",
		.type = TCPI_TYPE_KRETPROBE,
		.symbol = "tcp_v4_syn_recv_sock",
		.entry_handler = tcpi_on_syn_recv_sock_entry,
		.ret_handler = tcpi_on_tcp_v4_syn_recv_sock,
		.data_size = tcpi_listen_call_size,
	},
	[TCPI_PROBE_TCP_V6_SYN_RECV_SOCK] = {
		.name = "tcp_v6_syn_recv_sock",
		.type = TCPI_TYPE_KRETPROBE,
		.symbol = "tcp_v6_syn_recv_sock",
		.entry_handler = tcpi_on_syn_recv_sock_entry,
		.ret_handler = tcpi_on_tcp_v6_syn_recv_sock,
		.data_size = tcpi_listen_call_size,
	},
	[TCPI_PROBE_COMPLETE_HASHDANCE] = {
		.name = "inet_csk_complete_hashdance",
		.type = TCPI_TYPE_KRETPROBE,
		.symbol = "inet_csk_complete_hashdance",
		.entry_handler = tcpi_on_listen_start_entry,
		.ret_handler = tcpi_on_complete_hashdance,
		.data_size = tcpi_listen_start_size,
	},
	[TCPI_PROBE_TCP_CHECK_REQ] = {
		.name = "tcp_check_req",
		.type = TCPI_TYPE_KRETPROBE,
		.symbol = "tcp_check_req",
		.entry_handler = tcpi_on_check_req_entry,
		.ret_handler = tcpi_on_check_req,
		.data_size = tcpi_paws_call_size,
	},
	[TCPI_PROBE_TCP_TIMEWAIT_STATE_PROCESS] = {
		.name = "tcp_timewait_state_process",
		.type = TCPI_TYPE_KRETPROBE,
		.symbol = "tcp_timewait_state_process",
		.entry_handler = tcpi_on_timewait_entry,
		.ret_handler = tcpi_on_timewait,
		.data_size = tcpi_paws_call_size,
	},
	[TCPI_PROBE_SEND_ACTIVE_RESET] = {
		.name = "tcp_send_active_reset",
		.type = TCPI_TYPE_KPROBE,
		.symbol = "tcp_send_active_reset",
		.pre_handler = tcpi_on_send_active_reset,
	},
	[TCPI_PROBE_RECEIVE_RESET] = {
		.name = "tcp_receive_reset",
		.type = TCPI_TYPE_TRACEPOINT,
		.tp_name = "tcp_receive_reset",
		.tp_func = tcpi_on_receive_reset,
	},
	[TCPI_PROBE_TCP_CLOSE] = {
		.name = "tcp_close",
		.type = TCPI_TYPE_KPROBE,
		.symbol = "tcp_close",
		.pre_handler = tcpi_on_tcp_close,
	},
	[TCPI_PROBE_RETRANSMIT_SKB] = {
		.name = "tcp_retransmit_skb",
		.type = TCPI_TYPE_TRACEPOINT,
		.tp_name = "tcp_retransmit_skb",
		.tp_func = tcpi_on_retransmit_skb,
	},
	[TCPI_PROBE_RETRANSMIT_SYNACK] = {
		.name = "tcp_retransmit_synack",
		.type = TCPI_TYPE_TRACEPOINT,
		.tp_name = "tcp_retransmit_synack",
		.tp_func = tcpi_on_retransmit_synack,
	},
	[TCPI_PROBE_INET_HASH_CONNECT] = {
		.name = "inet_hash_connect",
		.type = TCPI_TYPE_KRETPROBE,
		.symbol = "inet_hash_connect",
		.entry_handler = tcpi_on_hash_connect_entry,
		.ret_handler = tcpi_on_inet_hash_connect,
		.data_size = tcpi_listen_start_size,
	},
	[TCPI_PROBE_INET6_HASH_CONNECT] = {
		.name = "inet6_hash_connect",
		.type = TCPI_TYPE_KRETPROBE,
		.symbol = "inet6_hash_connect",
		.entry_handler = tcpi_on_hash_connect_entry,
		.ret_handler = tcpi_on_inet6_hash_connect,
		.data_size = tcpi_listen_start_size,
	},
	[TCPI_PROBE_TCP_TRY_RMEM_SCHEDULE] = {
		.name = "tcp_try_rmem_schedule",
		.type = TCPI_TYPE_KRETPROBE,
		.symbol = "tcp_try_rmem_schedule",
		.entry_handler = tcpi_on_try_rmem_schedule_entry,
		.ret_handler = tcpi_on_try_rmem_schedule,
		.data_size = tcpi_rmem_call_size,
	},
	[TCPI_PROBE_SK_STREAM_WAIT_MEMORY] = {
		.name = "sk_stream_wait_memory",
		.type = TCPI_TYPE_KRETPROBE,
		.symbol = "sk_stream_wait_memory",
		.entry_handler = tcpi_on_stream_wait_memory_entry,
		.ret_handler = tcpi_on_stream_wait_memory,
		.data_size = tcpi_sndbuf_call_size,
		/* each blocked sender holds one for as long as it sleeps */
		.maxactive = 1024,
	},
};

struct tcpi_tp_lookup {
	const char *name;
	struct tracepoint *tp;
};

static void tcpi_tp_match(struct tracepoint *tp, void *priv)
{
	struct tcpi_tp_lookup *l = priv;

	if (!l->tp && !strcmp(tp->name, l->name))
		l->tp = tp;
}

static struct tracepoint *tcpi_find_tracepoint(const char *name)
{
	struct tcpi_tp_lookup l = { .name = name };

	for_each_kernel_tracepoint(tcpi_tp_match, &l);
	return l.tp;
}

static int tcpi_attach_tracepoint(struct tcpi_probe *p)
{
	int err;

	if (!p->tp)
		p->tp = tcpi_find_tracepoint(p->tp_name);
	if (!p->tp) {
		pr_warn("probe %s unavailable: this kernel has no tracepoint %s\n",
			p->name, p->tp_name);
		return -ENOENT;
	}
	err = tracepoint_probe_register(p->tp, p->tp_func, NULL);
	if (err)
		pr_warn("probe %s unavailable: tracepoint %s refused it (%d)\n",
			p->name, p->tp_name, err);
	return err;
}

static int tcpi_attach_kprobe(struct tcpi_probe *p)
{
	int err;

	/* register_kprobe() fills these in; a fresh start each time. */
	memset(&p->kp, 0, sizeof(p->kp));
	p->kp.symbol_name = p->symbol;
	p->kp.pre_handler = p->pre_handler;
	err = register_kprobe(&p->kp);
	if (err)
		pr_warn("probe %s unavailable: cannot kprobe %s (%d%s)\n",
			p->name, p->symbol, err,
			err == -ENOENT ? ": no such symbol, or inlined" : "");
	return err;
}

static int tcpi_attach_kretprobe(struct tcpi_probe *p)
{
	int err;

	memset(&p->krp, 0, sizeof(p->krp));
	p->krp.kp.symbol_name = p->symbol;
	p->krp.entry_handler = p->entry_handler;
	p->krp.handler = p->ret_handler;
	p->krp.data_size = p->data_size();
	p->krp.maxactive = p->maxactive;
	err = register_kretprobe(&p->krp);
	if (err)
		pr_warn("probe %s unavailable: cannot kretprobe %s (%d%s)\n",
			p->name, p->symbol, err,
			err == -ENOENT ? ": no such symbol, or inlined" : "");
	return err;
}

static int tcpi_probe_attach(struct tcpi_probe *p)
{
	int err;

	switch (p->type) {
	case TCPI_TYPE_TRACEPOINT:
		err = tcpi_attach_tracepoint(p);
		break;
	case TCPI_TYPE_KPROBE:
		err = tcpi_attach_kprobe(p);
		break;
	case TCPI_TYPE_KRETPROBE:
		err = tcpi_attach_kretprobe(p);
		break;
	default:
		err = -EOPNOTSUPP;
		break;
	}
	p->state = err ? TCPI_PROBE_UNAVAILABLE : TCPI_PROBE_ON;
	return err;
}

static void tcpi_probe_detach(struct tcpi_probe *p)
{
	if (p->state != TCPI_PROBE_ON)
		return;
	switch (p->type) {
	case TCPI_TYPE_TRACEPOINT:
		tracepoint_probe_unregister(p->tp, p->tp_func, NULL);
		break;
	case TCPI_TYPE_KPROBE:
		/* waits until no CPU runs the handler */
		unregister_kprobe(&p->kp);
		break;
	case TCPI_TYPE_KRETPROBE:
		unregister_kretprobe(&p->krp);
		break;
	}
	p->state = TCPI_PROBE_OFF;
}

/**
 * tcpi_probes_init() - attach every probe this kernel supports
 *
 * Return: 0, or an error if kfree_skb cannot attach: without it tcpinsight
 * would print zeros forever, which is worse than refusing to load. The
 * error is -ENOMEM when the kernel had no memory to attach it (the load
 * may work later), -ENODEV when this kernel cannot have it.
 */
int tcpi_probes_init(void)
{
	int kfree_skb_err = 0;
	unsigned int i;

	for (i = 0; i < TCPI_PROBE_MAX; i++) {
		int err = tcpi_probe_attach(&tcpi_probes[i]);

		if (i == TCPI_PROBE_KFREE_SKB)
			kfree_skb_err = err;
	}
	/*
	 * An entry added without its removal hook would outlive its socket:
	 * the listener table runs with both hooks or with neither.
	 */
	if (!tcpi_probe_on(TCPI_PROBE_LISTEN_START) ||
	    !tcpi_probe_on(TCPI_PROBE_LISTEN_STOP)) {
		for (i = TCPI_PROBE_LISTEN_START; i <= TCPI_PROBE_LISTEN_STOP; i++) {
			tcpi_probe_detach(&tcpi_probes[i]);
			tcpi_probes[i].state = TCPI_PROBE_UNAVAILABLE;
		}
		pr_warn("probe inet_csk_listen_start/inet_csk_listen_stop unavailable: listeners are not tracked\n");
	}
	if (tcpi_probes[TCPI_PROBE_KFREE_SKB].state != TCPI_PROBE_ON) {
		pr_err("cannot attach to skb:kfree_skb, the one hook every count needs\n");
		return kfree_skb_err == -ENOMEM ? -ENOMEM : -ENODEV;
	}
	return 0;
}

/* Detach all, then wait until no CPU still runs a probe of this module. */
void tcpi_probes_exit(void)
{
	unsigned int i;

	for (i = 0; i < TCPI_PROBE_MAX; i++)
		tcpi_probe_detach(&tcpi_probes[i]);
	tracepoint_synchronize_unregister();
}

const char *tcpi_probe_state_name(enum tcpi_probe_state state)
{
	switch (state) {
	case TCPI_PROBE_ON:
		return "on";
	case TCPI_PROBE_OFF:
		return "off";
	default:
		return "unavailable";
	}
}

bool tcpi_probe_on(enum tcpi_probe_id id)
{
	return tcpi_probes[id].state == TCPI_PROBE_ON;
}

const char *tcpi_probe_type_name(enum tcpi_probe_type type)
{
	switch (type) {
	case TCPI_TYPE_KPROBE:
		return "kprobe";
	case TCPI_TYPE_KRETPROBE:
		return "kretprobe";
	default:
		return "tracepoint";
	}
}

u64 tcpi_probe_missed(const struct tcpi_probe *p)
{
	/* Tracepoint probes always run when their event fires. */
	if (p->state != TCPI_PROBE_ON)
		return 0;
	if (p->type == TCPI_TYPE_KPROBE)
		return READ_ONCE(p->kp.nmissed);
	/* misses for want of an instance, and on recursion */
	if (p->type == TCPI_TYPE_KRETPROBE)
		return READ_ONCE(p->krp.nmissed) + READ_ONCE(p->krp.kp.nmissed);
	return 0;
}
