// SPDX-License-Identifier: GPL-2.0
/*
 * Receive-buffer pressure per local port. A segment that does not fit the
 * receive buffer makes tcp_try_rmem_schedule() prune the socket's queues
 * (PruneCalled): collapse them into fewer buffers (TCPRcvCollapsed),
 * throw away the out-of-order queue (OfoPruned), and give up (RcvPruned).
 * tcp_prune_queue() is inlined into it on every supported kernel. The
 * kernel counts these per netns only; each call is judged by those
 * counters on this CPU before and after, so the totals are the kernel's
 * own, and a call that moved CPUs in between is left out rather than
 * guessed.
 *
 * When the call fails, its caller drops the segment (TCPRcvQDrop, or
 * TCPOFODrop out of order). It is counted here as PROTO_MEM, the kernel's
 * own reason, with the buffer's size and use in the event. Where the
 * kernel reports it to kfree_skb too, the segment is marked so it is not
 * counted twice; on older kernels it is freed where no tracepoint fires.
 */
#include <linux/kprobes.h>
#include <linux/ptrace.h>
#include <linux/skbuff.h>
#include <net/inet_sock.h>
#include <net/snmp.h>
#include <net/sock.h>

#include "counters.h"
#include "derive.h"
#include "hooks.h"
#include "tcpinsight.h"

enum tcpi_rmem_mib {
	TCPI_RMEM_PRUNE_CALLED,
	TCPI_RMEM_RCV_PRUNED,
	TCPI_RMEM_OFO_PRUNED,
	TCPI_RMEM_RCV_COLLAPSED,
	TCPI_RMEM_NR,
};

static const struct {
	int mib;
	enum tcpi_counter counter;
} tcpi_rmem_mibs[TCPI_RMEM_NR] = {
	[TCPI_RMEM_PRUNE_CALLED] = { LINUX_MIB_PRUNECALLED, TCPI_CNT_PRUNE_CALLED },
	[TCPI_RMEM_RCV_PRUNED] = { LINUX_MIB_RCVPRUNED, TCPI_CNT_RCV_PRUNED },
	[TCPI_RMEM_OFO_PRUNED] = { LINUX_MIB_OFOPRUNED, TCPI_CNT_OFO_PRUNED },
	[TCPI_RMEM_RCV_COLLAPSED] = { LINUX_MIB_TCPRCVCOLLAPSED, TCPI_CNT_RCV_COLLAPSED },
};

struct tcpi_rmem_call {
	const struct sock *sk;
	const struct sk_buff *skb;
	unsigned long mib[TCPI_RMEM_NR];
	unsigned int cpu;
};

static void tcpi_rmem_mib_read(const struct sock *sk, unsigned long *v)
{
	struct linux_mib __percpu *mib = sock_net(sk)->mib.net_statistics;
	unsigned int i;

	for (i = 0; i < TCPI_RMEM_NR; i++)
		v[i] = this_cpu_read(mib->mibs[tcpi_rmem_mibs[i].mib]);
}

/* tcp_try_rmem_schedule(sk, skb, size) */
static int tcpi_on_try_rmem_schedule_entry(struct kretprobe_instance *ri,
					   struct pt_regs *regs)
{
	struct tcpi_rmem_call *c = (struct tcpi_rmem_call *)ri->data;
	const struct sock *sk = (const struct sock *)regs_get_kernel_argument(regs, 0);
	unsigned int size = (unsigned int)regs_get_kernel_argument(regs, 2);
	int rmem = atomic_read(&sk->sk_rmem_alloc);

	tcpi_probe_hit(TCPI_PROBE_TCP_TRY_RMEM_SCHEDULE);
	/*
	 * The segment fits the buffer and the memory already reserved: the
	 * kernel will not prune. Most calls end here, without a return probe.
	 */
	if (rmem >= 0 && (u64)rmem + size <= (u64)max(READ_ONCE(sk->sk_rcvbuf), 0) &&
	    (int)size >= 0 && (int)size <= READ_ONCE(sk->sk_forward_alloc))
		return 1;
	c->sk = sk;
	c->skb = (const struct sk_buff *)regs_get_kernel_argument(regs, 1);
	c->cpu = smp_processor_id();
	tcpi_rmem_mib_read(sk, c->mib);
	return 0;
}

static int tcpi_on_try_rmem_schedule(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	const struct tcpi_rmem_call *c = (const struct tcpi_rmem_call *)ri->data;
	const struct sock *sk = c->sk;
	unsigned long now[TCPI_RMEM_NR];
	u32 netns = sock_net(sk)->ns.inum;
	u16 port = ntohs(inet_sk(sk)->inet_sport);
	struct tcpi_info info;
	unsigned int i;

	if (tcpi_probe_returned_off(TCPI_PROBE_TCP_TRY_RMEM_SCHEDULE) ||
	    c->cpu != smp_processor_id())
		return 0;
	tcpi_rmem_mib_read(sk, now);
	for (i = 0; i < TCPI_RMEM_NR; i++)
		tcpi_count(netns, port, tcpi_rmem_mibs[i].counter,
			   TCPI_CNT_NO_REASON, now[i] - c->mib[i]);
	if (!regs_return_value(regs))
		return 0;
	memset(&info, 0, sizeof(info));
	info.kind = TCPI_INFO_RCVBUF;
	info.a = max(READ_ONCE(sk->sk_rcvbuf), 0);
	info.b = max(atomic_read(&sk->sk_rmem_alloc), 0);
	tcpi_drop_hooked(c->skb,
			 tcpi_probes[TCPI_PROBE_TCP_TRY_RMEM_SCHEDULE].krp.kp.addr,
			 tcpi.derived.proto_mem, sk, &info);
#ifndef TCPI_TCP_DROPS_UNTRACED
	tcpi_derive_mark(c->skb, TCPI_REASON_COUNTED);
#endif
	return 0;
}

const struct tcpi_hook tcpi_hook_tcp_try_rmem_schedule = {
	.type = TCPI_TYPE_KRETPROBE,
	.symbol = "tcp_try_rmem_schedule",
	.entry_handler = tcpi_on_try_rmem_schedule_entry,
	.ret_handler = tcpi_on_try_rmem_schedule,
	.data_size = sizeof(struct tcpi_rmem_call),
};
