// SPDX-License-Identifier: GPL-2.0
/*
 * The skb:kfree_skb tracepoint: every skb the kernel frees as dropped,
 * with the kernel's reason on 5.17 and later.
 */
#include <linux/preempt.h>
#include <trace/events/skb.h>

#include "hooks.h"
#include "tcpinsight.h"

static void tcpi_on_kfree_skb(TCPI_KFREE_SKB_PROBE_ARGS)
{
	/*
	 * Newer kernels (7.2 here) run tracepoint probes under SRCU, where
	 * they can be preempted: the per-CPU slots the counts go to must stay
	 * this CPU's until they are written.
	 */
	preempt_disable_notrace();
	tcpi_probe_hit(TCPI_PROBE_KFREE_SKB);
	tcpi_drop_seen(skb, location, TCPI_KFREE_SKB_REASON, TCPI_KFREE_SKB_RX_SK);
	preempt_enable_notrace();
}

/* The compiler checks the handler against this kernel's tracepoint. */
static inline void __maybe_unused tcpi_kfree_skb_typecheck(void)
{
	check_trace_callback_type_kfree_skb(tcpi_on_kfree_skb);
}

const struct tcpi_hook tcpi_hook_kfree_skb = {
	.type = TCPI_TYPE_TRACEPOINT,
	.tp_name = "kfree_skb",
	.tp_func = tcpi_on_kfree_skb,
};
