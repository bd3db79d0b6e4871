// SPDX-License-Identifier: GPL-2.0
/*
 * Retransmissions per local port, counted the way Tcp:RetransSegs counts
 * them: segments of retransmitted data (tcp:tcp_retransmit_skb, which
 * fires only on success before 7.0 and with the outcome from 7.0) and
 * retransmitted SYN-ACKs (tcp:tcp_retransmit_synack). From 7.0 a
 * retransmission skipped because the original was still queued in this
 * host (TCPSpuriousRtxHostQueues) is counted apart.
 */
#include <linux/errno.h>
#include <linux/preempt.h>
#include <net/inet_sock.h>
#include <net/request_sock.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <trace/events/tcp.h>

#include "counters.h"
#include "hooks.h"
#include "tcpinsight.h"

static void tcpi_on_retransmit_skb(void *data, const struct sock *sk,
				   const struct sk_buff *skb TCPI_RETRANSMIT_MORE_ARGS)
{
	int outcome = TCPI_RETRANSMIT_ERR;
	u32 netns = sock_net(sk)->ns.inum;
	u16 port = ntohs(inet_sk(sk)->inet_sport);

	/* a tracepoint probe, preemptible on 7.2: see tcpi_on_kfree_skb() */
	preempt_disable_notrace();
	tcpi_probe_hit(TCPI_PROBE_RETRANSMIT_SKB);
	if (!outcome)
		tcpi_count(netns, port, TCPI_CNT_RETRANSMITS, TCPI_CNT_NO_REASON,
			   tcp_skb_pcount(skb));
	else if (outcome == -EBUSY)
		tcpi_count(netns, port, TCPI_CNT_RETRANS_HOST_QUEUED,
			   TCPI_CNT_NO_REASON, 1);
	preempt_enable_notrace();
}

static void tcpi_on_retransmit_synack(void *data, const struct sock *sk,
				      const struct request_sock *req)
{
	preempt_disable_notrace();
	tcpi_probe_hit(TCPI_PROBE_RETRANSMIT_SYNACK);
	tcpi_count(sock_net(sk)->ns.inum, inet_rsk(req)->ir_num,
		   TCPI_CNT_RETRANSMITS, TCPI_CNT_NO_REASON, 1);
	preempt_enable_notrace();
}

/* The compiler checks the handlers against this kernel's tracepoints. */
static inline void __maybe_unused tcpi_retransmit_typecheck(void)
{
	check_trace_callback_type_tcp_retransmit_skb(tcpi_on_retransmit_skb);
	check_trace_callback_type_tcp_retransmit_synack(tcpi_on_retransmit_synack);
}

const struct tcpi_hook tcpi_hook_tcp_retransmit_skb = {
	.type = TCPI_TYPE_TRACEPOINT,
	.tp_name = "tcp_retransmit_skb",
	.tp_func = tcpi_on_retransmit_skb,
};

const struct tcpi_hook tcpi_hook_tcp_retransmit_synack = {
	.type = TCPI_TYPE_TRACEPOINT,
	.tp_name = "tcp_retransmit_synack",
	.tp_func = tcpi_on_retransmit_synack,
};
