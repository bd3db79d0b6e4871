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
 * Both functions are hooked at entry only: a rejected segment goes
 * straight on to kfree_skb, in the same context on the same CPU, with
 * nothing in between that moves the counter. So the entry hook notes the
 * counter with the segment, and the kfree_skb probe, when it sees that
 * segment, counts what the counter moved by. A segment that is not freed
 * there was not rejected; its note is overwritten or expires. The socket
 * may be gone by then: its netns, state and ts_recent are noted too.
 */
#include <linux/jiffies.h>
#include <linux/percpu.h>
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

struct tcpi_paws_note {
	/* the segment, named as derive.c names a marked one */
	const struct sk_buff *skb;
	const unsigned char *head;
	unsigned int len;
	unsigned long when;
	const struct net *net;
	unsigned long paws;
	u32 netns;
	u32 ts_recent;
	int mib;
	u8 state;
	u8 stage;
};

/* One per CPU and context: the kfree_skb probe runs in the hook's. */
struct tcpi_paws_notes {
	struct tcpi_paws_note note[TCPI_CTX_NR];
};

static DEFINE_PER_CPU(struct tcpi_paws_notes, tcpi_paws_notes);

static unsigned long tcpi_paws_mib(const struct net *net, int mib)
{
	return this_cpu_read(net->mib.net_statistics->mibs[mib]);
}

/*
 * Runs with BH disabled, as the hooked functions do; @seg_sk is the
 * socket the segment is for, @sk the one whose netns counts.
 */
static void tcpi_paws_note(const struct sock *sk, const struct sock *seg_sk,
			   const struct sk_buff *skb, int mib, u32 ts_recent,
			   enum tcpi_paws_stage stage)
{
	struct tcpi_paws_note *n =
		&this_cpu_ptr(&tcpi_paws_notes)->note[tcpi_context()];

	n->skb = NULL;
	n->head = skb->head;
	n->len = skb->len;
	n->when = jiffies;
	n->net = sock_net(sk);
	n->netns = n->net->ns.inum;
	n->mib = mib;
	n->paws = tcpi_paws_mib(n->net, mib);
	n->ts_recent = ts_recent;
	n->state = READ_ONCE(seg_sk->sk_state);
	n->stage = stage;
	/* an interrupt on this CPU sees the note only once it is whole */
	barrier();
	WRITE_ONCE(n->skb, skb);
}

/**
 * tcpi_paws_take() - count a segment a PAWS check rejected, as it is freed
 * @skb: the segment the kfree_skb probe sees
 *
 * Return: true if it was rejected and is counted here.
 */
bool tcpi_paws_take(const struct sk_buff *skb)
{
	struct tcpi_paws_note *n =
		&this_cpu_ptr(&tcpi_paws_notes)->note[tcpi_context()];
	enum tcpi_probe_id id;
	struct tcpi_info info;
	struct tcpi_pkt pkt;
	unsigned long moved;
	bool parsed;
	u16 reason;

	if (READ_ONCE(n->skb) != skb)
		return false;
	WRITE_ONCE(n->skb, NULL);
	if (n->head != skb->head || n->len != skb->len ||
	    time_after(jiffies, n->when + HZ))
		return false;
	moved = tcpi_paws_mib(n->net, n->mib) - n->paws;
	if (!moved)
		return false;
	memset(&info, 0, sizeof(info));
	info.kind = TCPI_INFO_PAWS;
	info.sub = n->stage;
	info.b = n->ts_recent;
	info.b_known = true;
	parsed = tcpi_pkt_parse(skb, &pkt);
	if (parsed)
		info.a = pkt.tsval;
	if (n->stage == TCPI_PAWS_TIME_WAIT) {
		id = TCPI_PROBE_TCP_TIMEWAIT_STATE_PROCESS;
		reason = tcpi.derived.tw_paws;
	} else {
		id = TCPI_PROBE_TCP_CHECK_REQ;
		reason = parsed && (pkt.tcpflags & TCPHDR_RST) ?
			 tcpi.derived.rst_paws_syn_recv : tcpi.derived.paws;
	}
	while (moved--)
		tcpi_drop_noted(skb, tcpi_probe_loc(id), reason, n->netns,
				n->state, &info);
	return true;
}

/* tcp_check_req(sk, skb, req, ...): a segment for a request socket */
void tcpi_on_check_req(struct pt_regs *regs)
{
	const struct request_sock *req =
		(const struct request_sock *)regs_get_kernel_argument(regs, 2);

	tcpi_probe_hit(TCPI_PROBE_TCP_CHECK_REQ);
	/* a request sock: its state says NEW_SYN_RECV, its netns the listener's */
	tcpi_paws_note((const struct sock *)regs_get_kernel_argument(regs, 0),
		       (const struct sock *)req,
		       (const struct sk_buff *)regs_get_kernel_argument(regs, 1),
		       LINUX_MIB_PAWSESTABREJECTED, READ_ONCE(req->ts_recent),
		       TCPI_PAWS_SYN_RECV);
}

/* tcp_timewait_state_process(tw, skb, th, ...) */
void tcpi_on_timewait(struct pt_regs *regs)
{
	const struct sock *tw = (const struct sock *)regs_get_kernel_argument(regs, 0);

	tcpi_probe_hit(TCPI_PROBE_TCP_TIMEWAIT_STATE_PROCESS);
	tcpi_paws_note(tw, tw,
		       (const struct sk_buff *)regs_get_kernel_argument(regs, 1),
		       TCPI_MIB_PAWS_TIMEWAIT, READ_ONCE(tcp_twsk(tw)->tw_ts_recent),
		       TCPI_PAWS_TIME_WAIT);
}
