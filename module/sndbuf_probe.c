// SPDX-License-Identifier: GPL-2.0
/*
 * Senders held up by a full send buffer, per local port: every call to
 * sk_stream_wait_memory() is a send that found no room (sndbuf_full); a
 * sender willing to block then sleeps in it (sndbuf_wait), for as long as
 * sndbuf_wait_us adds up. The kernel keeps no counter of this. A blocking
 * sender holds its kretprobe instance while it sleeps, so the probe keeps
 * many; when more senders than that are blocked at once, the extra waits
 * show as missed in /proc/tcpinsight/probes.
 */
#include <linux/kprobes.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/ptrace.h>
#include <net/inet_sock.h>
#include <net/sock.h>

#include "counters.h"
#include "hooks.h"
#include "tcpinsight.h"

struct tcpi_sndbuf_call {
	const struct sock *sk;
	u64 start_ns;
	bool blocking;
};

/* sk_stream_wait_memory(sk, timeo_p) */
static int tcpi_on_stream_wait_memory_entry(struct kretprobe_instance *ri,
					    struct pt_regs *regs)
{
	struct tcpi_sndbuf_call *c = (struct tcpi_sndbuf_call *)ri->data;
	const struct sock *sk = (const struct sock *)regs_get_kernel_argument(regs, 0);
	const long *timeo_p = (const long *)regs_get_kernel_argument(regs, 1);

	tcpi_probe_hit(TCPI_PROBE_SK_STREAM_WAIT_MEMORY);
	/* TLS and MPTCP wait here too; a TCP socket is what the tables name */
	if (sk->sk_protocol != IPPROTO_TCP)
		return 1;
	c->sk = sk;
	c->blocking = READ_ONCE(*timeo_p) != 0;
	c->start_ns = ktime_get_ns();
	return 0;
}

static int tcpi_on_stream_wait_memory(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	const struct tcpi_sndbuf_call *c = (const struct tcpi_sndbuf_call *)ri->data;
	const struct sock *sk = c->sk;
	u32 netns = sock_net(sk)->ns.inum;
	u16 port = ntohs(inet_sk(sk)->inet_sport);
	struct tcpi_info info;
	u64 waited_us;

	if (tcpi_probe_returned_off(TCPI_PROBE_SK_STREAM_WAIT_MEMORY))
		return 0;
	if (!tcpi_count(netns, port, TCPI_CNT_SNDBUF_FULL, TCPI_CNT_NO_REASON, 1) ||
	    !c->blocking)
		return 0;
	waited_us = div_u64(ktime_get_ns() - c->start_ns, NSEC_PER_USEC);
	tcpi_count(netns, port, TCPI_CNT_SNDBUF_WAIT, TCPI_CNT_NO_REASON, 1);
	tcpi_count(netns, port, TCPI_CNT_SNDBUF_WAIT_US, TCPI_CNT_NO_REASON,
		   waited_us);
	memset(&info, 0, sizeof(info));
	info.kind = TCPI_INFO_SNDBUF;
	info.a = max(READ_ONCE(sk->sk_sndbuf), 0);
	info.b = min_t(u64, waited_us, U32_MAX);
	tcpi_event_sock(sk, READ_ONCE(sk->sk_state),
			tcpi_probes[TCPI_PROBE_SK_STREAM_WAIT_MEMORY].krp.kp.addr,
			tcpi.derived.sndbuf_wait, 0,
			max(READ_ONCE(sk->sk_wmem_queued), 0), &info);
	return 0;
}

const struct tcpi_hook tcpi_hook_sk_stream_wait_memory = {
	.type = TCPI_TYPE_KRETPROBE,
	.symbol = "sk_stream_wait_memory",
	.entry_handler = tcpi_on_stream_wait_memory_entry,
	.ret_handler = tcpi_on_stream_wait_memory,
	.data_size = sizeof(struct tcpi_sndbuf_call),
	/* each blocked sender holds one for as long as it sleeps */
	.maxactive = 1024,
};
