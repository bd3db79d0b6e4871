// SPDX-License-Identifier: GPL-2.0
/*
 * Attaching and detaching the hooks. Tracepoints are found by name, because
 * most of the ones tcpinsight needs are not exported; kprobes by symbol. A
 * hook missing on this kernel makes its probe unavailable instead of
 * failing the load. At runtime the control file turns probes off (the
 * hook is unregistered: it costs nothing) and on again; their hits live
 * in the per-CPU stats and survive, their misses are carried over.
 */

#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
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
		.type = TCPI_TYPE_KPROBE,
		.symbol = "inet_csk_complete_hashdance",
		.pre_handler = tcpi_on_complete_hashdance,
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
	[TCPI_PROBE_TCP_RCV_STATE_PROCESS] = {
		.name = "tcp_rcv_state_process",
		.type = TCPI_TYPE_KPROBE,
		.symbol = "tcp_rcv_state_process",
		.pre_handler = tcpi_on_rcv_state_process,
	},
};

/* Serializes state changes, and readers of the states with them. */
static DEFINE_MUTEX(tcpi_probes_mutex);

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

/*
 * Resolving a symbol by name is a linear walk of every kernel symbol on
 * kernels before 6.2 (tens of millions of instructions on 5.10), and an
 * enable all would pay it once per kprobe and twice per kretprobe. So the
 * name is resolved the first time only; later attaches name the address,
 * which register_kprobe() checks against kallsyms all the same. Only an
 * address in the core kernel is kept: a module's text moves when it is
 * reloaded. Called under tcpi_probes_mutex, which guards the buffer.
 */
static void tcpi_kprobe_target(struct tcpi_probe *p, struct kprobe *kp)
{
	if (p->addr)
		kp->addr = p->addr;
	else
		kp->symbol_name = p->symbol;
}

static void tcpi_kprobe_resolved(struct tcpi_probe *p, const struct kprobe *kp)
{
	static char sym[KSYM_SYMBOL_LEN];

	if (p->addr)
		return;
	sprint_symbol(sym, (unsigned long)kp->addr);
	if (!strchr(sym, '['))
		p->addr = kp->addr;
}

static int tcpi_attach_kprobe(struct tcpi_probe *p)
{
	int err;

	/* register_kprobe() fills these in; a fresh start each time. */
	memset(&p->kp, 0, sizeof(p->kp));
	tcpi_kprobe_target(p, &p->kp);
	p->kp.pre_handler = p->pre_handler;
	err = register_kprobe(&p->kp);
	if (err)
		pr_warn("probe %s unavailable: cannot kprobe %s (%d%s)\n",
			p->name, p->symbol, err,
			err == -ENOENT ? ": no such symbol, or inlined" : "");
	else
		tcpi_kprobe_resolved(p, &p->kp);
	return err;
}

static int tcpi_attach_kretprobe(struct tcpi_probe *p)
{
	int err;

	memset(&p->krp, 0, sizeof(p->krp));
	tcpi_kprobe_target(p, &p->krp.kp);
	p->krp.entry_handler = p->entry_handler;
	p->krp.handler = p->ret_handler;
	p->krp.data_size = p->data_size();
	p->krp.maxactive = p->maxactive;
	err = register_kretprobe(&p->krp);
	if (err)
		pr_warn("probe %s unavailable: cannot kretprobe %s (%d%s)\n",
			p->name, p->symbol, err,
			err == -ENOENT ? ": no such symbol, or inlined" : "");
	else
		tcpi_kprobe_resolved(p, &p->krp.kp);
	return err;
}

/* On success the probe is on; on failure its state is left as it was. */
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
	if (!err)
		p->state = TCPI_PROBE_ON;
	return err;
}

/* The kernel's own count of misses, which re-registering starts afresh. */
static u64 tcpi_probe_kernel_missed(const struct tcpi_probe *p)
{
	if (p->type == TCPI_TYPE_KPROBE)
		return READ_ONCE(p->kp.nmissed);
	/* misses for want of an instance, and on recursion */
	if (p->type == TCPI_TYPE_KRETPROBE)
		return READ_ONCE(p->krp.nmissed) + READ_ONCE(p->krp.kp.nmissed);
	return 0;
}

static bool tcpi_probe_in_listen_pair(enum tcpi_probe_id id)
{
	return id == TCPI_PROBE_LISTEN_START || id == TCPI_PROBE_LISTEN_STOP;
}

#define TCPI_LISTEN_PAIR \
	(BIT(TCPI_PROBE_LISTEN_START) | BIT(TCPI_PROBE_LISTEN_STOP))
#define TCPI_ALL_PROBES	GENMASK(TCPI_PROBE_MAX - 1, 0)

/* One batch's hooks: static, not on the stack; under tcpi_probes_mutex. */
static struct kprobe *tcpi_batch_kprobes[TCPI_PROBE_MAX];
static struct kretprobe *tcpi_batch_kretprobes[TCPI_PROBE_MAX];

/*
 * Detach every probe of @which that is on. Each unregister_kprobe(),
 * unregister_kretprobe() and tracepoint synchronization waits for a grace
 * period, and under emulation one takes up to hundreds of milliseconds:
 * the kprobes go in one call, the kretprobes in another and the
 * tracepoints share one synchronization, so `disable all` waits as long
 * as one probe of each kind does. A kprobe or kretprobe is quiet once
 * unregistered (a kretprobe's return handler does not run for calls still
 * in flight); a tracepoint probe may run on another CPU until the
 * synchronization. When this returns none of them runs anywhere.
 *
 * Either listen hook takes the other with it. With the hooks off, a
 * listener could close unseen and its socket be freed while its entry
 * stays, so the table is hidden from every reader first and emptied once
 * both hooks are gone: it starts afresh, per-listener counts and all,
 * when they come back.
 */
static void tcpi_probes_detach_locked(unsigned long which)
{
	unsigned int nr_kprobes = 0, nr_kretprobes = 0, i;
	bool tracepoints = false;
	unsigned long on = 0;

	if (which & TCPI_LISTEN_PAIR)
		which |= TCPI_LISTEN_PAIR;
	for (i = 0; i < TCPI_PROBE_MAX; i++)
		if ((which & BIT(i)) && tcpi_probes[i].state == TCPI_PROBE_ON)
			on |= BIT(i);
	if (on & TCPI_LISTEN_PAIR)
		tcpi_listeners_hide();
	for (i = 0; i < TCPI_PROBE_MAX; i++) {
		struct tcpi_probe *p = &tcpi_probes[i];
		int err;

		if (!(on & BIT(i)))
			continue;
		switch (p->type) {
		case TCPI_TYPE_TRACEPOINT:
			err = tracepoint_probe_unregister(p->tp, p->tp_func,
							  NULL);
			/* still attached: saying off would leave it behind at unload */
			if (err) {
				pr_warn("probe %s stays on: detaching it failed (%d)\n",
					p->name, err);
				on &= ~BIT(i);
				break;
			}
			tracepoints = true;
			break;
		case TCPI_TYPE_KPROBE:
			tcpi_batch_kprobes[nr_kprobes++] = &p->kp;
			break;
		case TCPI_TYPE_KRETPROBE:
			tcpi_batch_kretprobes[nr_kretprobes++] = &p->krp;
			break;
		}
	}
	/* inet_csk_listen_start's kretprobe before inet_csk_listen_stop's kprobe */
	if (nr_kretprobes)
		unregister_kretprobes(tcpi_batch_kretprobes, nr_kretprobes);
	if (nr_kprobes)
		unregister_kprobes(tcpi_batch_kprobes, nr_kprobes);
	for (i = 0; i < TCPI_PROBE_MAX; i++) {
		if (!(on & BIT(i)))
			continue;
		tcpi_probes[i].missed_before +=
			tcpi_probe_kernel_missed(&tcpi_probes[i]);
		tcpi_probes[i].state = TCPI_PROBE_OFF;
	}
	if (tracepoints)
		tracepoint_synchronize_unregister();
	if (on & TCPI_LISTEN_PAIR)
		tcpi_listeners_clear(tcpi.listeners);
}

/*
 * The listener table's two hooks go on together. The remover first, so no
 * entry is ever added that nothing would remove; then every socket that
 * listens now is added (one the start hook adds too is not added twice).
 */
static int tcpi_listen_pair_attach(void)
{
	int err;

	err = tcpi_probe_attach(&tcpi_probes[TCPI_PROBE_LISTEN_STOP]);
	if (err)
		return err;
	err = tcpi_probe_attach(&tcpi_probes[TCPI_PROBE_LISTEN_START]);
	if (err) {
		tcpi_probes_detach_locked(BIT(TCPI_PROBE_LISTEN_STOP));
		return err;
	}
	tcpi_listeners_start();
	return 0;
}

static int tcpi_probe_enable_locked(enum tcpi_probe_id id)
{
	struct tcpi_probe *p = &tcpi_probes[id];
	int err;

	if (p->state == TCPI_PROBE_UNAVAILABLE)
		return -ENODEV;
	if (p->state == TCPI_PROBE_ON)
		return 0;
	if (tcpi_probe_in_listen_pair(id))
		err = tcpi_listen_pair_attach();
	else
		err = tcpi_probe_attach(p);
	if (err)
		pr_warn("probe %s stays off: attaching it failed (%d)\n",
			p->name, err);
	return err;
}

/**
 * tcpi_probe_enable() - attach a probe that is off
 * @id: the probe
 *
 * Return: 0 (also if it was on), -ENODEV if this kernel does not have its
 * hook, or the error attaching it gave (it then stays off).
 */
int tcpi_probe_enable(enum tcpi_probe_id id)
{
	int err;

	mutex_lock(&tcpi_probes_mutex);
	err = tcpi_probe_enable_locked(id);
	mutex_unlock(&tcpi_probes_mutex);
	return err;
}

/**
 * tcpi_probe_disable() - detach a probe that is on
 * @id: the probe
 *
 * When this returns its handler runs nowhere and will not run again
 * until tcpi_probe_enable().
 */
void tcpi_probe_disable(enum tcpi_probe_id id)
{
	mutex_lock(&tcpi_probes_mutex);
	tcpi_probes_detach_locked(BIT(id));
	mutex_unlock(&tcpi_probes_mutex);
}

/**
 * tcpi_probes_enable_all() - attach every probe that is off
 *
 * Attaching waits for no grace period, so it goes one probe at a time.
 *
 * Return: 0, or the first error attaching one gave: that one stays off,
 * the ones before it are on, the ones after it are left as they were.
 */
int tcpi_probes_enable_all(void)
{
	unsigned int i;
	int err = 0;

	mutex_lock(&tcpi_probes_mutex);
	for (i = 0; i < TCPI_PROBE_MAX && !err; i++)
		if (tcpi_probes[i].state == TCPI_PROBE_OFF)
			err = tcpi_probe_enable_locked(i);
	mutex_unlock(&tcpi_probes_mutex);
	return err;
}

/**
 * tcpi_probes_disable_all() - detach every probe that is on, in one batch
 *
 * When this returns no handler runs anywhere, and none will again until
 * enabled.
 */
void tcpi_probes_disable_all(void)
{
	mutex_lock(&tcpi_probes_mutex);
	tcpi_probes_detach_locked(TCPI_ALL_PROBES);
	mutex_unlock(&tcpi_probes_mutex);
}

/**
 * tcpi_probes_init() - attach every probe this kernel supports
 * @off: probes to leave off, a bit per enum tcpi_probe_id
 *
 * Every probe is attached once, even one to leave off, so that its state
 * says whether this kernel has its hook.
 *
 * Return: 0, or an error if kfree_skb cannot attach: without it tcpinsight
 * would print zeros forever, which is worse than refusing to load. The
 * error is -ENOMEM when the kernel had no memory to attach it (the load
 * may work later), -ENODEV when this kernel cannot have it.
 */
int tcpi_probes_init(unsigned long off)
{
	int kfree_skb_err = 0;
	unsigned int i;

	/* probes_off= names them in one word */
	BUILD_BUG_ON(TCPI_PROBE_MAX > BITS_PER_LONG);
	mutex_lock(&tcpi_probes_mutex);
	/*
	 * The removal hook first, and the adding one only with it: a listener
	 * added, then closed before inet_csk_listen_stop was hooked, would
	 * stay in the table after its socket is freed.
	 */
	if (tcpi_probe_attach(&tcpi_probes[TCPI_PROBE_LISTEN_STOP]))
		tcpi_probes[TCPI_PROBE_LISTEN_STOP].state = TCPI_PROBE_UNAVAILABLE;
	for (i = 0; i < TCPI_PROBE_MAX; i++) {
		int err = -ENODEV;

		if (i == TCPI_PROBE_LISTEN_STOP)
			continue;
		if (i != TCPI_PROBE_LISTEN_START ||
		    tcpi_probe_on(TCPI_PROBE_LISTEN_STOP))
			err = tcpi_probe_attach(&tcpi_probes[i]);
		if (err)
			tcpi_probes[i].state = TCPI_PROBE_UNAVAILABLE;
		if (i == TCPI_PROBE_KFREE_SKB)
			kfree_skb_err = err;
	}
	/*
	 * An entry added without its removal hook would outlive its socket:
	 * the listener table runs with both hooks or with neither.
	 */
	if (!tcpi_probe_on(TCPI_PROBE_LISTEN_START) ||
	    !tcpi_probe_on(TCPI_PROBE_LISTEN_STOP)) {
		tcpi_probes_detach_locked(TCPI_LISTEN_PAIR);
		for (i = TCPI_PROBE_LISTEN_START; i <= TCPI_PROBE_LISTEN_STOP; i++)
			tcpi_probes[i].state = TCPI_PROBE_UNAVAILABLE;
		pr_warn("probe inet_csk_listen_start/inet_csk_listen_stop unavailable: listeners are not tracked\n");
	}
	if (tcpi_probes[TCPI_PROBE_KFREE_SKB].state != TCPI_PROBE_ON) {
		pr_err("cannot attach to skb:kfree_skb, the one hook every count needs\n");
		mutex_unlock(&tcpi_probes_mutex);
		return kfree_skb_err == -ENOMEM ? -ENOMEM : -ENODEV;
	}
	/* After the listen hooks: a listener found here is removed by them. */
	if (tcpi_probe_on(TCPI_PROBE_LISTEN_STOP))
		tcpi_listeners_start();
	tcpi_probes_detach_locked(off);
	mutex_unlock(&tcpi_probes_mutex);
	return 0;
}

/* Detach all: when this returns no CPU runs a probe of this module. */
void tcpi_probes_exit(void)
{
	mutex_lock(&tcpi_probes_mutex);
	tcpi_probes_detach_locked(TCPI_ALL_PROBES);
	mutex_unlock(&tcpi_probes_mutex);
}

/* Readers of the states and counts take this, so none changes under them. */
void tcpi_probes_lock(void)
{
	mutex_lock(&tcpi_probes_mutex);
}

void tcpi_probes_unlock(void)
{
	mutex_unlock(&tcpi_probes_mutex);
}

/**
 * tcpi_probe_find() - a probe by its name in /proc/tcpinsight/probes
 * @name: the name
 * @len: its length (it need not be NUL-terminated)
 *
 * Return: the probe's id, or -ENOENT.
 */
int tcpi_probe_find(const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < TCPI_PROBE_MAX; i++)
		if (strlen(tcpi_probes[i].name) == len &&
		    !memcmp(tcpi_probes[i].name, name, len))
			return i;
	return -ENOENT;
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
	return READ_ONCE(tcpi_probes[id].state) == TCPI_PROBE_ON;
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

/* Since load, across every time the probe was off. Under tcpi_probes_lock(). */
u64 tcpi_probe_missed(const struct tcpi_probe *p)
{
	/* Tracepoint probes always run when their event fires. */
	if (p->state != TCPI_PROBE_ON)
		return p->missed_before;
	return p->missed_before + tcpi_probe_kernel_missed(p);
}
