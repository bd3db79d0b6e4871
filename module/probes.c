// SPDX-License-Identifier: GPL-2.0
/*
 * Attaching and detaching the hooks. Tracepoints are found by name, because
 * most of the ones tcpinsight needs are not exported, and a name that is
 * missing on this kernel makes its probe unavailable instead of failing the
 * load.
 */
#include <linux/kernel.h>
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

static int tcpi_probe_attach(struct tcpi_probe *p)
{
	int err;

	switch (p->type) {
	case TCPI_TYPE_TRACEPOINT:
		if (!p->tp)
			p->tp = tcpi_find_tracepoint(p->tp_name);
		if (!p->tp) {
			pr_warn("probe %s unavailable: this kernel has no tracepoint %s\n",
				p->name, p->tp_name);
			p->state = TCPI_PROBE_UNAVAILABLE;
			return -ENOENT;
		}
		err = tracepoint_probe_register(p->tp, p->tp_func, NULL);
		if (err) {
			pr_warn("probe %s unavailable: tracepoint %s refused it (%d)\n",
				p->name, p->tp_name, err);
			p->state = TCPI_PROBE_UNAVAILABLE;
			return err;
		}
		p->state = TCPI_PROBE_ON;
		return 0;
	default:
		p->state = TCPI_PROBE_UNAVAILABLE;
		return -EOPNOTSUPP;
	}
}

static void tcpi_probe_detach(struct tcpi_probe *p)
{
	if (p->state != TCPI_PROBE_ON)
		return;
	switch (p->type) {
	case TCPI_TYPE_TRACEPOINT:
		tracepoint_probe_unregister(p->tp, p->tp_func, NULL);
		break;
	default:
		break;
	}
	p->state = TCPI_PROBE_OFF;
}

/**
 * tcpi_probes_init() - attach every probe this kernel supports
 *
 * Return: 0, or -ENODEV if not one probe could attach: a module that can
 * see nothing should say so at load rather than print zeros forever.
 */
int tcpi_probes_init(void)
{
	unsigned int i, on = 0;

	for (i = 0; i < TCPI_PROBE_MAX; i++)
		if (!tcpi_probe_attach(&tcpi_probes[i]))
			on++;
	if (!on) {
		pr_err("no probe could attach on this kernel\n");
		return -ENODEV;
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

const char *tcpi_probe_type_name(enum tcpi_probe_type type)
{
	switch (type) {
	case TCPI_TYPE_TRACEPOINT:
		return "tracepoint";
	case TCPI_TYPE_KPROBE:
		return "kprobe";
	case TCPI_TYPE_KRETPROBE:
		return "kretprobe";
	default:
		return "fprobe";
	}
}

u64 tcpi_probe_missed(const struct tcpi_probe *p)
{
	/* Tracepoint probes always run when their event fires. */
	return 0;
}
