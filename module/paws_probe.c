// SPDX-License-Identifier: GPL-2.0
/*
 * PAWS rejects (RFC 7323) outside established sockets, where no kernel
 * before 6.16 names them: a segment for a request socket in SYN_RECV
 * (tcp_check_req()) and one for a TIME_WAIT socket
 * (tcp_timewait_state_process()). Each call is judged by the PAWS counter
 * of its netns on this CPU before and after (BH is disabled there), so the
 * totals are the kernel's own: PAWSEstab, or PAWSTimewait from 6.16.
 *
 * A RST rejected in SYN_RECV is the residual-connection incident: the
 * peer meant to abort, the kernel ignored it, and the final ACK that
 * follows completes a connection nobody owns. It gets its own reason.
 *
 * Both segments then reach kfree_skb: they are counted here, with the
 * socket's ts_recent, and marked so they are not counted again.
 */
#include <linux/kprobes.h>
#include <linux/ptrace.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <net/inet_timewait_sock.h>
#include <net/request_sock.h>
#include <net/snmp.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "derive.h"
#include "hooks.h"
#include "pkt.h"
#include "tcpinsight.h"

struct tcpi_paws_call {
	const struct sock *sk;		/* the listener, or the timewait sock */
	const struct sock *seg_sk;	/* the socket the segment was for */
	const struct sk_buff *skb;
	u32 ts_recent;
	unsigned long paws;
	unsigned int cpu;
	int mib;
};

static unsigned long tcpi_paws_mib(const struct tcpi_paws_call *c)
{
	return this_cpu_read(sock_net(c->sk)->mib.net_statistics->mibs[c->mib]);
}

static void tcpi_paws_start(struct tcpi_paws_call *c, struct pt_regs *regs,
			    int mib)
{
	c->sk = (const struct sock *)regs_get_kernel_argument(regs, 0);
	c->skb = (const struct sk_buff *)regs_get_kernel_argument(regs, 1);
	c->seg_sk = c->sk;
	c->cpu = smp_processor_id();
	c->mib = mib;
	c->paws = tcpi_paws_mib(c);
}

static void tcpi_paws_done(struct tcpi_paws_call *c, enum tcpi_probe_id id,
			   enum tcpi_paws_stage stage)
{
	struct tcpi_info info = {
		.kind = TCPI_INFO_PAWS,
		.sub = stage,
		.b = c->ts_recent,
		.b_known = true,
	};
	struct tcpi_pkt pkt;
	unsigned long n;
	bool parsed;
	u16 reason;

	if (tcpi_probe_returned_off(id))
		return;
	tcpi_probe_hit(id);
	if (c->cpu != smp_processor_id()) {
		this_cpu_inc(tcpi.stats->listen_unclassified);
		return;
	}
	n = tcpi_paws_mib(c) - c->paws;
	if (!n)
		return;
	parsed = tcpi_pkt_parse(c->skb, &pkt);
	if (parsed)
		info.a = pkt.tsval;
	if (stage == TCPI_PAWS_TIME_WAIT)
		reason = tcpi.derived.tw_paws;
	else if (parsed && (pkt.tcpflags & TCPHDR_RST))
		reason = tcpi.derived.rst_paws_syn_recv;
	else
		reason = tcpi.derived.paws;
	while (n--)
		tcpi_drop_hooked(c->skb, tcpi_probes[id].krp.kp.addr, reason,
				 c->seg_sk, &info);
	tcpi_derive_mark(c->skb, TCPI_REASON_COUNTED);
}

/* tcp_check_req(sk, skb, req, ...): a segment for a request socket */
int tcpi_on_check_req_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct tcpi_paws_call *c = (struct tcpi_paws_call *)ri->data;
	const struct request_sock *req =
		(const struct request_sock *)regs_get_kernel_argument(regs, 2);

	tcpi_paws_start(c, regs, LINUX_MIB_PAWSESTABREJECTED);
	/* a request sock: its state says NEW_SYN_RECV, its netns the listener's */
	c->seg_sk = (const struct sock *)req;
	c->ts_recent = READ_ONCE(req->ts_recent);
	return 0;
}

int tcpi_on_check_req(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	tcpi_paws_done((struct tcpi_paws_call *)ri->data,
		       TCPI_PROBE_TCP_CHECK_REQ, TCPI_PAWS_SYN_RECV);
	return 0;
}

/* tcp_timewait_state_process(tw, skb, th, ...) */
int tcpi_on_timewait_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct tcpi_paws_call *c = (struct tcpi_paws_call *)ri->data;

	tcpi_paws_start(c, regs, TCPI_MIB_PAWS_TIMEWAIT);
	c->ts_recent = READ_ONCE(tcp_twsk(c->sk)->tw_ts_recent);
	return 0;
}

int tcpi_on_timewait(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	tcpi_paws_done((struct tcpi_paws_call *)ri->data,
		       TCPI_PROBE_TCP_TIMEWAIT_STATE_PROCESS, TCPI_PAWS_TIME_WAIT);
	return 0;
}

size_t tcpi_paws_call_size(void)
{
	return sizeof(struct tcpi_paws_call);
}
