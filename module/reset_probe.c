// SPDX-License-Identifier: GPL-2.0
/*
 * tcp_v4_send_reset() and tcp_v6_send_reset(): the kernel answering a
 * segment with a RST. With no socket, the segment found no socket: that
 * is NO_SOCKET, which 5.10 cannot say itself. (The tcp:tcp_send_reset
 * tracepoint fires only for full sockets, so it cannot see this.)
 */
#include <asm/ptrace.h>

#include "derive.h"
#include "hooks.h"
#include "tcpinsight.h"

static void tcpi_send_reset(struct pt_regs *regs)
{
	const void *sk = (const void *)regs_get_kernel_argument(regs, 0);
	const struct sk_buff *skb = (const void *)regs_get_kernel_argument(regs, 1);

	if (!sk && skb)
		tcpi_derive_mark(skb, tcpi.derived.no_socket);
}

int tcpi_on_tcp_v4_send_reset(struct kprobe *kp, struct pt_regs *regs)
{
	tcpi_probe_hit(TCPI_PROBE_TCP_V4_SEND_RESET);
	tcpi_send_reset(regs);
	return 0;
}

int tcpi_on_tcp_v6_send_reset(struct kprobe *kp, struct pt_regs *regs)
{
	tcpi_probe_hit(TCPI_PROBE_TCP_V6_SEND_RESET);
	tcpi_send_reset(regs);
	return 0;
}
