// SPDX-License-Identifier: GPL-2.0
/*
 * Attaching and detaching the hooks. Tracepoints are found by name, because
 * most of the ones tcpinsight needs are not exported; kprobes by symbol. A
 * hook missing on this kernel makes its probe unavailable instead of
 * failing the load. Every hook is registered once, at load, and
 * unregistered at unload. In between the control file turns probes off
 * and on: a kprobe is disarmed (its ftrace site is a nop again: it costs
 * the traffic nothing) and a tracepoint probe unregistered; their hits
 * live in the per-CPU stats, their misses in the kernel's kprobes, and
 * both survive.
 */

#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "fentry.h"
#include "hooks.h"
#include "tcpinsight.h"

struct tcpi_probe tcpi_probes[TCPI_PROBE_MAX] = {
#define TCPI_HOOK(id, hook_name) \
	[TCPI_PROBE_##id] = { .hook = &tcpi_hook_##hook_name, .name = #hook_name },
#include "hooks.def"
#undef TCPI_HOOK
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

/* The tracepoint is looked up once: it is part of the kernel's image. */
static int tcpi_find_tracepoint_of(struct tcpi_probe *p)
{
	if (!p->tp)
		p->tp = tcpi_find_tracepoint(p->hook->tp_name);
	if (!p->tp) {
		pr_warn("probe %s unavailable: this kernel has no tracepoint %s\n",
			p->name, p->hook->tp_name);
		return -ENOENT;
	}
	return 0;
}

/*
 * Probes can share a tracepoint's handler (state_probe.c): it is
 * registered while any of them is on, and looks at each one's state.
 */
static bool tcpi_tp_shared_on(const struct tcpi_probe *p)
{
	unsigned int i;

	for (i = 0; i < TCPI_PROBE_MAX; i++) {
		const struct tcpi_probe *q = &tcpi_probes[i];

		if (q != p && q->type == TCPI_TYPE_TRACEPOINT &&
		    q->hook->tp_func == p->hook->tp_func && q->state == TCPI_PROBE_ON)
			return true;
	}
	return false;
}

static int tcpi_detach_tracepoint(struct tcpi_probe *p)
{
	if (tcpi_tp_shared_on(p))
		return 0;
	return tracepoint_probe_unregister(p->tp, p->hook->tp_func, NULL);
}

static int tcpi_attach_tracepoint(struct tcpi_probe *p)
{
	int err;

	err = tcpi_find_tracepoint_of(p);
	if (err || tcpi_tp_shared_on(p))
		return err;
	err = tracepoint_probe_register(p->tp, p->hook->tp_func, NULL);
	if (err)
		pr_warn("probe %s unavailable: tracepoint %s refused it (%d)\n",
			p->name, p->hook->tp_name, err);
	return err;
}

/* A function-entry hook that ftrace refused an ops for: a kprobe calls it. */
static int tcpi_kprobe_entry(struct kprobe *kp, struct pt_regs *regs)
{
	container_of(kp, struct tcpi_probe, kp)->hook->on_entry(regs);
	return 0;
}

static int tcpi_register_kprobe(struct tcpi_probe *p, bool armed)
{
	int err;

	p->kp.symbol_name = p->hook->symbol;
	p->kp.pre_handler = tcpi_kprobe_entry;
	if (!armed)
		p->kp.flags = KPROBE_FLAG_DISABLED;
	err = register_kprobe(&p->kp);
	if (err)
		pr_warn("probe %s unavailable: cannot kprobe %s (%d%s)\n",
			p->name, p->hook->symbol, err,
			err == -ENOENT ? ": no such symbol, or inlined" : "");
	return err;
}

static int tcpi_register_kretprobe(struct tcpi_probe *p, bool armed)
{
	int err;

	p->krp.kp.symbol_name = p->hook->symbol;
	p->krp.entry_handler = p->hook->entry_handler;
	p->krp.handler = p->hook->ret_handler;
	p->krp.data_size = p->hook->data_size;
	p->krp.maxactive = p->hook->maxactive;
	if (!armed)
		p->krp.kp.flags = KPROBE_FLAG_DISABLED;
	err = register_kretprobe(&p->krp);
	if (err)
		pr_warn("probe %s unavailable: cannot kretprobe %s (%d%s)\n",
			p->name, p->hook->symbol, err,
			err == -ENOENT ? ": no such symbol, or inlined" : "");
	return err;
}

/*
 * A tracepoint probe whose events name the function it stands for: a
 * kprobe that is never armed finds the function's address (most are not
 * exported), and without it the events name no location.
 */
static void tcpi_resolve_loc(struct tcpi_probe *p)
{
	p->kp.symbol_name = p->hook->symbol;
	p->kp.flags = KPROBE_FLAG_DISABLED;
	if (register_kprobe(&p->kp))
		p->kp.addr = NULL;
}

/*
 * Hooks the kernel once, at load: a kprobe or kretprobe stays registered
 * until unload, armed or not, so that turning it off and on again only
 * arms and disarms its ftrace site, with none of the checks, lookups,
 * allocations and grace periods registering and unregistering cost. A
 * function-entry hook registers its kprobe disarmed: fentry.c arms it. A
 * tracepoint has no disarmed state: off, it is not registered. On success
 * the probe is on if @armed, off if not.
 */
static int tcpi_probe_register(struct tcpi_probe *p, bool armed)
{
	int err;

	switch (p->type) {
	case TCPI_TYPE_TRACEPOINT:
		err = armed ? tcpi_attach_tracepoint(p) :
			      tcpi_find_tracepoint_of(p);
		if (!err && p->hook->symbol)
			tcpi_resolve_loc(p);
		break;
	case TCPI_TYPE_FENTRY:
		err = tcpi_register_kprobe(p, false);
		armed = false;
		break;
	case TCPI_TYPE_KPROBE:
		err = tcpi_register_kprobe(p, armed);
		break;
	case TCPI_TYPE_KRETPROBE:
		err = tcpi_register_kretprobe(p, armed);
		break;
	default:
		err = -EOPNOTSUPP;
		break;
	}
	if (!err)
		WRITE_ONCE(p->state, armed ? TCPI_PROBE_ON : TCPI_PROBE_OFF);
	return err;
}

static void tcpi_probe_set_state(struct tcpi_probe *p, int err, bool on)
{
	if (err)
		pr_warn("probe %s stays %s: %s it failed (%d)\n", p->name,
			on ? "off" : "on", on ? "attaching" : "detaching", err);
	else
		WRITE_ONCE(p->state, on ? TCPI_PROBE_ON : TCPI_PROBE_OFF);
}

/*
 * Arm (@on) or disarm a probe registered at load. Disarmed, its handler
 * may still be running on another CPU until the next grace period.
 */
static int tcpi_probe_arm(struct tcpi_probe *p, bool on)
{
	unsigned long ip = (unsigned long)p->kp.addr;
	int err;

	switch (p->type) {
	case TCPI_TYPE_TRACEPOINT:
		err = on ? tcpi_attach_tracepoint(p) : tcpi_detach_tracepoint(p);
		break;
	case TCPI_TYPE_FENTRY:
		err = tcpi_fentry_set(&ip, 1, on);
		break;
	case TCPI_TYPE_KPROBE:
		err = on ? enable_kprobe(&p->kp) : disable_kprobe(&p->kp);
		break;
	case TCPI_TYPE_KRETPROBE:
		err = on ? enable_kretprobe(&p->krp) : disable_kretprobe(&p->krp);
		break;
	default:
		err = -EOPNOTSUPP;
		break;
	}
	tcpi_probe_set_state(p, err, on);
	return err;
}

static unsigned long tcpi_probes_of_type(enum tcpi_probe_type type)
{
	unsigned long mask = 0;
	unsigned int i;

	for (i = 0; i < TCPI_PROBE_MAX; i++)
		if (tcpi_probes[i].type == type)
			mask |= BIT(i);
	return mask;
}

/* Buffers of one batch: static, not on the stack; under tcpi_probes_mutex. */
static unsigned long tcpi_batch_ips[TCPI_PROBE_MAX];
static struct kprobe *tcpi_batch_kprobes[TCPI_PROBE_MAX];
static struct kretprobe *tcpi_batch_kretprobes[TCPI_PROBE_MAX];

/*
 * Arm or disarm every function-entry hook of @which that is not already
 * so, in one filter change. @done gets the bits of those it changed: all
 * of them, or none if ftrace refused (the error returned).
 */
static int tcpi_fentry_batch(unsigned long which, bool on, unsigned long *done)
{
	enum tcpi_probe_state from = on ? TCPI_PROBE_OFF : TCPI_PROBE_ON;
	unsigned long changed = 0;
	unsigned int i, n = 0;
	int err;

	for (i = 0; i < TCPI_PROBE_MAX; i++) {
		struct tcpi_probe *p = &tcpi_probes[i];

		if ((which & BIT(i)) && p->type == TCPI_TYPE_FENTRY &&
		    p->state == from) {
			tcpi_batch_ips[n++] = (unsigned long)p->kp.addr;
			changed |= BIT(i);
		}
	}
	err = tcpi_fentry_set(tcpi_batch_ips, n, on);
	for (i = 0; i < TCPI_PROBE_MAX; i++)
		if (changed & BIT(i))
			tcpi_probe_set_state(&tcpi_probes[i], err, on);
	*done = err ? 0 : changed;
	return err;
}

/* Counted by the kernel since the probe was registered, at load. */
static u64 tcpi_probe_kernel_missed(const struct tcpi_probe *p)
{
	if (p->state == TCPI_PROBE_UNAVAILABLE)
		return 0;
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

/*
 * Turn off every probe of @which that is on, then wait for one grace
 * period, whatever their number and kind: tracepoint probes, ftrace
 * callbacks and kprobe handlers all run with preemption disabled, so once
 * it has passed none of them runs anywhere (where tracepoint probes run
 * under SRCU instead, one wait for that too). A kretprobe's return handler
 * may still run for a call that entered while it was on: each one checks
 * that its probe is on before it counts.
 *
 * Either listen hook takes the other with it. With the hooks off, a
 * listener could close unseen and its socket be freed while its entry
 * stays, so the table is hidden from every reader first and emptied once
 * both hooks are quiet: it starts afresh, per-listener counts and all,
 * when they come back.
 */
static void tcpi_probes_detach_locked(unsigned long which)
{
	unsigned long on = 0, off = 0, entry_off;
	unsigned int i;

	if (which & TCPI_LISTEN_PAIR)
		which |= TCPI_LISTEN_PAIR;
	for (i = 0; i < TCPI_PROBE_MAX; i++)
		if ((which & BIT(i)) && tcpi_probes[i].state == TCPI_PROBE_ON)
			on |= BIT(i);
	if (!on)
		return;
	if (on & TCPI_LISTEN_PAIR)
		tcpi_listeners_hide();
	/* inet_csk_listen_start's hook before inet_csk_listen_stop's */
	if (on & BIT(TCPI_PROBE_LISTEN_START) &&
	    !tcpi_probe_arm(&tcpi_probes[TCPI_PROBE_LISTEN_START], false))
		off |= BIT(TCPI_PROBE_LISTEN_START);
	tcpi_fentry_batch(on & ~off, false, &entry_off);
	off |= entry_off;
	for (i = 0; i < TCPI_PROBE_MAX; i++)
		if ((on & ~off & BIT(i)) &&
		    tcpi_probes[i].type != TCPI_TYPE_FENTRY &&
		    !tcpi_probe_arm(&tcpi_probes[i], false))
			off |= BIT(i);
	synchronize_rcu();
	if (off & tcpi_probes_of_type(TCPI_TYPE_TRACEPOINT))
		tcpi_tracepoint_sync();
	if ((on & TCPI_LISTEN_PAIR) && (off & TCPI_LISTEN_PAIR) == TCPI_LISTEN_PAIR)
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

	err = tcpi_probe_arm(&tcpi_probes[TCPI_PROBE_LISTEN_STOP], true);
	if (err)
		return err;
	err = tcpi_probe_arm(&tcpi_probes[TCPI_PROBE_LISTEN_START], true);
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

	if (p->state == TCPI_PROBE_UNAVAILABLE)
		return -ENODEV;
	if (p->state == TCPI_PROBE_ON)
		return 0;
	if (tcpi_probe_in_listen_pair(id))
		return tcpi_listen_pair_attach();
	return tcpi_probe_arm(p, true);
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

static unsigned long tcpi_probes_in_state(enum tcpi_probe_state state)
{
	unsigned long mask = 0;
	unsigned int i;

	for (i = 0; i < TCPI_PROBE_MAX; i++)
		if (tcpi_probes[i].state == state)
			mask |= BIT(i);
	return mask;
}

/**
 * tcpi_probes_enable_all() - attach every probe that is off
 *
 * The listen pair first, then every function-entry hook in one batch,
 * then the others one at a time: arming waits for no grace period.
 *
 * Return: 0, or the first error attaching gave: what it was attaching
 * stays off (the whole batch, for the entry hooks), what came before is
 * on, what comes after is left as it was.
 */
int tcpi_probes_enable_all(void)
{
	unsigned long done;
	unsigned int i;
	int err = 0;

	mutex_lock(&tcpi_probes_mutex);
	if (tcpi_probes_in_state(TCPI_PROBE_OFF) & TCPI_LISTEN_PAIR)
		err = tcpi_listen_pair_attach();
	if (!err)
		err = tcpi_fentry_batch(TCPI_ALL_PROBES, true, &done);
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

static int tcpi_probe_register_at_load(enum tcpi_probe_id id, bool armed)
{
	int err;

	tcpi_probes[id].type = tcpi_probes[id].hook->type;
	err = tcpi_probe_register(&tcpi_probes[id], armed);

	if (err)
		WRITE_ONCE(tcpi_probes[id].state, TCPI_PROBE_UNAVAILABLE);
	return err;
}

/*
 * The function-entry hooks go on tcpinsight's ftrace_ops; if ftrace will
 * not have it, each becomes the kprobe it registered, and says so.
 */
static void tcpi_fentry_setup(void)
{
	unsigned long fentry = tcpi_probes_of_type(TCPI_TYPE_FENTRY) &
			       ~tcpi_probes_in_state(TCPI_PROBE_UNAVAILABLE);
	unsigned int i;
	int err = 0;

	for (i = 0; i < TCPI_PROBE_MAX && !err; i++)
		if (fentry & BIT(i))
			err = tcpi_fentry_add((unsigned long)tcpi_probes[i].kp.addr,
					      tcpi_probes[i].hook->on_entry);
	if (!err)
		err = tcpi_fentry_start();
	if (!err)
		return;
	for (i = 0; i < TCPI_PROBE_MAX; i++)
		if (tcpi_probes[i].type == TCPI_TYPE_FENTRY)
			tcpi_probes[i].type = TCPI_TYPE_KPROBE;
}

/*
 * Unhook @which for good (at unload, or when a load fails): each probe
 * registered is unregistered, in one call per kind, which waits for one
 * grace period per kind. When this returns no CPU runs any of them.
 */
static void tcpi_probes_unregister_locked(unsigned long which)
{
	unsigned int nr_kprobes = 0, nr_kretprobes = 0, i;
	bool tracepoints = false, listeners;

	listeners = (which & TCPI_LISTEN_PAIR) &&
		    tcpi_probes[TCPI_PROBE_LISTEN_START].state == TCPI_PROBE_ON &&
		    tcpi_probes[TCPI_PROBE_LISTEN_STOP].state == TCPI_PROBE_ON;
	if (listeners)
		tcpi_listeners_hide();
	for (i = 0; i < TCPI_PROBE_MAX; i++) {
		struct tcpi_probe *p = &tcpi_probes[i];

		if (!(which & BIT(i)) || p->state == TCPI_PROBE_UNAVAILABLE)
			continue;
		switch (p->type) {
		case TCPI_TYPE_TRACEPOINT:
			if (p->state == TCPI_PROBE_ON && !tcpi_detach_tracepoint(p))
				tracepoints = true;
			if (p->hook->symbol && p->kp.addr)
				tcpi_batch_kprobes[nr_kprobes++] = &p->kp;
			break;
		case TCPI_TYPE_FENTRY:
		case TCPI_TYPE_KPROBE:
			tcpi_batch_kprobes[nr_kprobes++] = &p->kp;
			break;
		case TCPI_TYPE_KRETPROBE:
			tcpi_batch_kretprobes[nr_kretprobes++] = &p->krp;
			break;
		}
		WRITE_ONCE(p->state, TCPI_PROBE_UNAVAILABLE);
	}
	/* inet_csk_listen_start's tracepoint went above, before the stop hook */
	if (nr_kretprobes)
		unregister_kretprobes(tcpi_batch_kretprobes, nr_kretprobes);
	if (which == TCPI_ALL_PROBES)
		tcpi_fentry_stop();
	if (nr_kprobes)
		unregister_kprobes(tcpi_batch_kprobes, nr_kprobes);
	if (tracepoints)
		tracepoint_synchronize_unregister();
	else if (listeners && !nr_kprobes && !nr_kretprobes)
		synchronize_rcu();
	if (listeners)
		tcpi_listeners_clear(tcpi.listeners);
}

/**
 * tcpi_probes_init() - hook every probe this kernel supports
 * @off: probes to leave off, a bit per enum tcpi_probe_id
 *
 * Every probe is registered once, even one to leave off (a kprobe
 * disarmed, a tracepoint looked up), so that its state says whether this
 * kernel has its hook.
 *
 * Return: 0, or an error if kfree_skb is not there: without it tcpinsight
 * would print zeros forever, which is worse than refusing to load. The
 * error is -ENOMEM when the kernel had no memory to attach it (the load
 * may work later), -ENODEV when this kernel cannot have it. On an error
 * the caller unhooks with tcpi_probes_exit().
 */
int tcpi_probes_init(unsigned long off)
{
	int kfree_skb_err = 0;
	unsigned long on, done, failed;
	unsigned int i;

	/* probes_off= names them in one word */
	BUILD_BUG_ON(TCPI_PROBE_MAX > BITS_PER_LONG);
	if (off & TCPI_LISTEN_PAIR)
		off |= TCPI_LISTEN_PAIR;
	mutex_lock(&tcpi_probes_mutex);
	/*
	 * Everything registered, the hooks of the listener table disarmed:
	 * they go on together below, the removal hook first.
	 */
	for (i = 0; i < TCPI_PROBE_MAX; i++) {
		int err = tcpi_probe_register_at_load(i, !(off & BIT(i)) &&
						      !tcpi_probe_in_listen_pair(i));

		if (i == TCPI_PROBE_KFREE_SKB)
			kfree_skb_err = err;
	}
	/*
	 * An entry added without its removal hook would outlive its socket:
	 * the listener table runs with both hooks or with neither.
	 */
	if (tcpi_probes_in_state(TCPI_PROBE_UNAVAILABLE) & TCPI_LISTEN_PAIR) {
		tcpi_probes_unregister_locked(TCPI_LISTEN_PAIR);
		pr_warn("probe inet_csk_listen_start/inet_csk_listen_stop unavailable: listeners are not tracked\n");
	}
	if (tcpi_probes[TCPI_PROBE_KFREE_SKB].state == TCPI_PROBE_UNAVAILABLE) {
		pr_err("cannot attach to skb:kfree_skb, the one hook every count needs\n");
		mutex_unlock(&tcpi_probes_mutex);
		return kfree_skb_err == -ENOMEM ? -ENOMEM : -ENODEV;
	}
	tcpi_fentry_setup();
	on = tcpi_probes_in_state(TCPI_PROBE_OFF) & ~off;
	if ((on & TCPI_LISTEN_PAIR) == TCPI_LISTEN_PAIR)
		tcpi_listen_pair_attach();
	tcpi_fentry_batch(on, true, &done);
	for (i = 0; i < TCPI_PROBE_MAX; i++)
		if ((on & BIT(i)) && tcpi_probes[i].type == TCPI_TYPE_KPROBE)
			tcpi_probe_arm(&tcpi_probes[i], true);
	/*
	 * A hook that will not arm at load (the kernel short of memory) is as
	 * good as missing: unavailable, as if it had not registered.
	 */
	failed = on & tcpi_probes_in_state(TCPI_PROBE_OFF);
	for (i = 0; i < TCPI_PROBE_MAX; i++)
		if (failed & BIT(i))
			pr_warn("probe %s unavailable: it would not arm\n",
				tcpi_probes[i].name);
	if (failed)
		tcpi_probes_unregister_locked(failed);
	mutex_unlock(&tcpi_probes_mutex);
	return 0;
}

/* Unhook all: when this returns no CPU runs a probe of this module. */
void tcpi_probes_exit(void)
{
	mutex_lock(&tcpi_probes_mutex);
	tcpi_probes_unregister_locked(TCPI_ALL_PROBES);
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

const char *tcpi_probe_type_name(enum tcpi_probe_type type)
{
	switch (type) {
	case TCPI_TYPE_KPROBE:
		return "kprobe";
	case TCPI_TYPE_KRETPROBE:
		return "kretprobe";
	case TCPI_TYPE_FENTRY:
		return "fentry";
	default:
		return "tracepoint";
	}
}

/* Since load, across every time the probe was off. Under tcpi_probes_lock(). */
u64 tcpi_probe_missed(const struct tcpi_probe *p)
{
	/* Tracepoint probes always run when their event fires. */
	return tcpi_probe_kernel_missed(p);
}
