// SPDX-License-Identifier: GPL-2.0
/*
 * PAWS on the active side (PAWSActive): a SYN-ACK whose timestamp echo is
 * not one this host's SYN could have sent, typically an answer meant for
 * another connection behind the same NAT. The kernel resets it and frees
 * it without a reason. Every segment to a socket in SYN_SENT passes
 * tcp_rcv_state_process(), and a rejected one goes straight on to
 * tcp_v4_send_reset() or tcp_v6_send_reset() on the same CPU: the PAWS
 * counter of the netns, read on entry and again at the reset, says whether
 * this was the reject.
 */
#include <linux/kprobes.h>
#include <linux/percpu.h>
#include <linux/ptrace.h>
#include <net/snmp.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "derive.h"
#include "hooks.h"
#include "pkt.h"
#include "tcpinsight.h"

struct tcpi_synsent {
	const struct sock *sk;
	const struct sk_buff *skb;
	unsigned long paws_active;
};

/* per context: a softirq can come in between the two hooks (derive.h) */
struct tcpi_synsent_cpu {
	struct tcpi_synsent ctx[TCPI_CTX_NR];
};

static DEFINE_PER_CPU(struct tcpi_synsent_cpu, tcpi_synsent);

/*
 * PAWSActive of the socket's netns: this CPU's count, or in task context
 * (the socket's backlog), where the task may move to another CPU between
 * the two hooks, the sum over every CPU.
 */
static unsigned long tcpi_paws_active(const struct sock *sk, unsigned int ctx)
{
	struct linux_mib __percpu *mib = sock_net(sk)->mib.net_statistics;
	unsigned long n = 0;
	int cpu;

	if (ctx != TCPI_CTX_TASK)
		return this_cpu_read(mib->mibs[LINUX_MIB_PAWSACTIVEREJECTED]);
	for_each_possible_cpu(cpu)
		n += READ_ONCE(per_cpu_ptr(mib, cpu)->mibs[LINUX_MIB_PAWSACTIVEREJECTED]);
	return n;
}

/* tcp_rcv_state_process(sk, skb) */
static void tcpi_on_rcv_state_process(struct pt_regs *regs)
{
	const struct sock *sk = (const struct sock *)regs_get_kernel_argument(regs, 0);
	unsigned int ctx = tcpi_context();
	struct tcpi_synsent *s;

	tcpi_probe_hit(TCPI_PROBE_TCP_RCV_STATE_PROCESS);
	if (READ_ONCE(sk->sk_state) != TCP_SYN_SENT)
		return;
	s = &this_cpu_ptr(&tcpi_synsent)->ctx[ctx];
	s->skb = (const struct sk_buff *)regs_get_kernel_argument(regs, 1);
	s->paws_active = tcpi_paws_active(sk, ctx);
	WRITE_ONCE(s->sk, sk);
}

/* What tcpi_on_rcv_state_process() kept of @skb, in this context. */
static struct tcpi_synsent *tcpi_synsent_find(const struct sock *sk,
					      const struct sk_buff *skb,
					      unsigned int ctx)
{
	struct tcpi_synsent *s;
	int cpu;

	if (ctx != TCPI_CTX_TASK) {
		s = &this_cpu_ptr(&tcpi_synsent)->ctx[ctx];
		return s->sk == sk && s->skb == skb ? s : NULL;
	}
	for_each_possible_cpu(cpu) {
		s = &per_cpu_ptr(&tcpi_synsent, cpu)->ctx[TCPI_CTX_TASK];
		if (READ_ONCE(s->sk) == sk && READ_ONCE(s->skb) == skb)
			return s;
	}
	return NULL;
}

/**
 * tcpi_synsent_reset() - a RST answers @skb, which @sk received
 * @sk: the socket, if any
 * @skb: the segment
 *
 * Counts the segment as TCP_RFC7323_PAWS if it is the SYN-ACK that
 * tcp_rcv_state_process() just rejected by PAWS, and marks it so that
 * kfree_skb does not count it again.
 */
void tcpi_synsent_reset(const struct sock *sk, const struct sk_buff *skb)
{
	unsigned int ctx = tcpi_context();
	struct tcpi_synsent *s;
	struct tcpi_info info;
	struct tcpi_pkt pkt;

	if (!sk)
		return;
	s = tcpi_synsent_find(sk, skb, ctx);
	if (!s)
		return;
	WRITE_ONCE(s->sk, NULL);
	if (tcpi_paws_active(sk, ctx) == s->paws_active)
		return;
	memset(&info, 0, sizeof(info));
	info.kind = TCPI_INFO_PAWS_ACTIVE;
	if (tcpi_pkt_parse(skb, &pkt) && pkt.has_ts) {
		info.a = pkt.tsval;
		info.b = pkt.tsecr;
		info.b_known = true;
	}
	tcpi_drop_hooked(skb, tcpi_probe_loc(TCPI_PROBE_TCP_RCV_STATE_PROCESS),
			 tcpi.derived.paws, sk, &info);
	tcpi_derive_mark(skb, TCPI_REASON_COUNTED);
}

const struct tcpi_hook tcpi_hook_tcp_rcv_state_process = {
	.type = TCPI_TYPE_FENTRY,
	.symbol = "tcp_rcv_state_process",
	.on_entry = tcpi_on_rcv_state_process,
};
