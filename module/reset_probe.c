// SPDX-License-Identifier: GPL-2.0
/*
 * Resets. tcp_v4_send_reset() and tcp_v6_send_reset() answer a received
 * segment with a RST (no socket, or a segment that makes no sense);
 * tcp_send_active_reset() aborts a connection of ours. Together they are
 * every RST Tcp:OutRsts counts, each with the kernel's reason from 6.10
 * (the tcp:tcp_send_reset tracepoint is not used: before 6.10 it fires
 * only for full sockets, never for a segment that found no socket).
 *
 * A RST with no socket is also what 5.10 cannot name as a drop: the
 * segment it answers is marked NO_SOCKET for the kfree_skb probe.
 */
#include <asm/ptrace.h>
#include <linux/preempt.h>
#include <linux/tcp.h>
#include <net/inet_sock.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <trace/events/tcp.h>

#include "counters.h"
#include "derive.h"
#include "hooks.h"
#include "tcpinsight.h"

/*
 * The segment being answered is one tcp_v4_rcv()/tcp_v6_rcv() accepted as
 * TCP: its transport header is set and whole in the linear data, and the
 * kernel reads it with tcp_hdr() itself, so no parsing is needed here.
 */
static void tcpi_send_reset(struct pt_regs *regs)
{
	const struct sock *sk = (const struct sock *)regs_get_kernel_argument(regs, 0);
	const struct sk_buff *skb = (const void *)regs_get_kernel_argument(regs, 1);
	u32 reason = TCPI_SEND_RESET_REASON(regs);
	const struct tcphdr *th;

	if (!skb)
		return;
	/* Without the kernel's reasons, the drop that follows gets this one. */
	if (sk)
		tcpi_synsent_reset(sk, skb);
	else if (!TCPI_KERNEL_DROP_REASONS)
		tcpi_derive_mark(skb, tcpi.derived.no_socket);
	th = tcp_hdr(skb);
	/* The kernel never answers a RST: nothing is sent, nothing counted. */
	if (th->rst)
		return;
	/* The RST goes back to where the segment came from. */
	tcpi_count(tcpi_netns_of(skb, sk), ntohs(th->dest), TCPI_CNT_RST_SENT,
		   reason < TCPI_RST_REASONS ? reason : TCPI_CNT_NO_REASON, 1);
}

static void tcpi_on_tcp_v4_send_reset(struct pt_regs *regs)
{
	tcpi_probe_hit(TCPI_PROBE_TCP_V4_SEND_RESET);
	tcpi_send_reset(regs);
}

static void tcpi_on_tcp_v6_send_reset(struct pt_regs *regs)
{
	tcpi_probe_hit(TCPI_PROBE_TCP_V6_SEND_RESET);
	tcpi_send_reset(regs);
}

/*
 * tcp_close() with data the application never read: the kernel discards
 * it, moves the socket to CLOSE and resets the connection
 * (TCPAbortOnClose), the "QPS stays at zero after a server restart"
 * incident. Counted here rather than in a probe on every tcp_close(): by
 * now tcp_close() has emptied the receive queue without moving
 * copied_seq, so what was unread is still rcv_nxt - copied_seq, less the
 * peer's FIN if one came (SOCK_DONE). tcp_disconnect() also resets from
 * CLOSE, but before it empties the queue and without tcp_close()'s
 * SHUTDOWN_MASK; from 6.12 the kernel names the reason outright.
 */
static void tcpi_abort_on_close(const struct sock *sk, u32 reason)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	bool fin_came = sock_flag(sk, SOCK_DONE);
	s32 unread;

	if (!TCPI_RST_ABORT_ON_CLOSE(reason) ||
	    READ_ONCE(sk->sk_state) != TCP_CLOSE ||
	    READ_ONCE(sk->sk_shutdown) != SHUTDOWN_MASK ||
	    !skb_queue_empty_lockless(&sk->sk_receive_queue))
		return;
	unread = READ_ONCE(tp->rcv_nxt) - READ_ONCE(tp->copied_seq) - fin_came;
	if (unread <= 0)
		return;
	/* reported in the state it was reset from, not the CLOSE of the moment */
	if (tcpi_count(sock_net(sk)->ns.inum, ntohs(inet_sk(sk)->inet_sport),
		       TCPI_CNT_ABORT_ON_CLOSE, TCPI_CNT_NO_REASON, 1))
		tcpi_event_sock(sk, fin_came ? TCP_CLOSE_WAIT : TCP_ESTABLISHED,
				tcpi_probe_loc(TCPI_PROBE_SEND_ACTIVE_RESET),
				tcpi.derived.abort_on_close,
				TCPHDR_RST | TCPHDR_ACK, unread, NULL);
}

static void tcpi_on_send_active_reset(struct pt_regs *regs)
{
	const struct sock *sk = (const struct sock *)regs_get_kernel_argument(regs, 0);
	u32 reason = TCPI_ACTIVE_RESET_REASON(regs);

	tcpi_probe_hit(TCPI_PROBE_SEND_ACTIVE_RESET);
	/* tcp_close() has unhashed it already: inet_num is 0, inet_sport stays */
	tcpi_count(sock_net(sk)->ns.inum, ntohs(inet_sk(sk)->inet_sport), TCPI_CNT_RST_SENT,
		   reason < TCPI_RST_REASONS ? reason : TCPI_CNT_NO_REASON, 1);
	tcpi_abort_on_close(sk, reason);
}

/* A RST the kernel accepted: it reset one of our connections. */
static void tcpi_on_receive_reset(void *data, struct sock *sk)
{
	/* a tracepoint probe, preemptible on 7.2: see tcpi_on_kfree_skb() */
	preempt_disable_notrace();
	tcpi_probe_hit(TCPI_PROBE_RECEIVE_RESET);
	tcpi_count(sock_net(sk)->ns.inum, ntohs(inet_sk(sk)->inet_sport),
		   TCPI_CNT_RST_RECEIVED, TCPI_CNT_NO_REASON, 1);
	preempt_enable_notrace();
}

/* The compiler checks the handler against this kernel's tracepoint. */
static inline void __maybe_unused tcpi_receive_reset_typecheck(void)
{
	check_trace_callback_type_tcp_receive_reset(tcpi_on_receive_reset);
}

const struct tcpi_hook tcpi_hook_tcp_v4_send_reset = {
	.type = TCPI_TYPE_FENTRY,
	.symbol = "tcp_v4_send_reset",
	.on_entry = tcpi_on_tcp_v4_send_reset,
};

const struct tcpi_hook tcpi_hook_tcp_v6_send_reset = {
	.type = TCPI_TYPE_FENTRY,
	.symbol = "tcp_v6_send_reset",
	.on_entry = tcpi_on_tcp_v6_send_reset,
};

const struct tcpi_hook tcpi_hook_tcp_send_active_reset = {
	.type = TCPI_TYPE_FENTRY,
	.symbol = "tcp_send_active_reset",
	.on_entry = tcpi_on_send_active_reset,
};

const struct tcpi_hook tcpi_hook_tcp_receive_reset = {
	.type = TCPI_TYPE_TRACEPOINT,
	.tp_name = "tcp_receive_reset",
	.tp_func = tcpi_on_receive_reset,
};
