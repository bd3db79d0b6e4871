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
 * counter with the segment (note.c), and the kfree_skb probe, when it
 * sees that segment, counts what the counter moved by. The socket may be
 * gone by then: its netns, state and ts_recent are noted too.
 */
#include <linux/ptrace.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <net/inet_timewait_sock.h>
#include <net/request_sock.h>
#include <net/snmp.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "hooks.h"
#include "note.h"
#include "pkt.h"
#include "tcpinsight.h"

/*
 * Runs with BH disabled, as the hooked functions do; @seg_sk is the
 * socket the segment is for, @sk the one whose netns counts.
 */
static void tcpi_paws_note(const struct sock *sk, const struct sock *seg_sk,
			   const struct sk_buff *skb, int mib, u32 ts_recent,
			   enum tcpi_note_kind kind)
{
	struct tcpi_note *n = tcpi_note_begin();

	n->kind = kind;
	n->net = sock_net(sk);
	n->netns = n->net->ns.inum;
	n->state = READ_ONCE(seg_sk->sk_state);
	n->ts_recent = ts_recent;
	n->nr_mibs = 1;
	n->mib[0] = mib;
	tcpi_note_publish(n, skb);
}

/**
 * tcpi_paws_rejected() - count a segment a PAWS check rejected, as it is
 * freed
 * @n: the note of the check, taken
 * @skb: the segment
 *
 * Return: true if it was rejected and is counted here.
 */
bool tcpi_paws_rejected(const struct tcpi_note *n, const struct sk_buff *skb)
{
	unsigned long moved = n->moved[0];
	enum tcpi_probe_id id;
	struct tcpi_info info;
	struct tcpi_pkt pkt;
	bool parsed;
	u16 reason;

	if (!moved)
		return false;
	memset(&info, 0, sizeof(info));
	info.kind = TCPI_INFO_PAWS;
	info.b = n->ts_recent;
	info.b_known = true;
	parsed = tcpi_pkt_parse(skb, &pkt);
	if (parsed)
		info.a = pkt.tsval;
	if (n->kind == TCPI_NOTE_PAWS_TIME_WAIT) {
		id = TCPI_PROBE_TCP_TIMEWAIT_STATE_PROCESS;
		info.sub = TCPI_PAWS_TIME_WAIT;
		reason = tcpi.derived.tw_paws;
	} else {
		id = TCPI_PROBE_TCP_CHECK_REQ;
		info.sub = TCPI_PAWS_SYN_RECV;
		reason = parsed && (pkt.tcpflags & TCPHDR_RST) ?
			 tcpi.derived.rst_paws_syn_recv : tcpi.derived.paws;
	}
	while (moved--)
		tcpi_drop_noted(skb, tcpi_probe_loc(id), reason, n->netns,
				n->state, &info);
	return true;
}

/* tcp_check_req(sk, skb, req, ...): a segment for a request socket */
static void tcpi_on_check_req(struct pt_regs *regs)
{
	const struct request_sock *req =
		(const struct request_sock *)regs_get_kernel_argument(regs, 2);

	tcpi_probe_hit(TCPI_PROBE_TCP_CHECK_REQ);
	/* a request sock: its state says NEW_SYN_RECV, its netns the listener's */
	tcpi_paws_note((const struct sock *)regs_get_kernel_argument(regs, 0),
		       (const struct sock *)req,
		       (const struct sk_buff *)regs_get_kernel_argument(regs, 1),
		       LINUX_MIB_PAWSESTABREJECTED, READ_ONCE(req->ts_recent),
		       TCPI_NOTE_PAWS_SYN_RECV);
}

/* tcp_timewait_state_process(tw, skb, th, ...) */
static void tcpi_on_timewait(struct pt_regs *regs)
{
	const struct sock *tw = (const struct sock *)regs_get_kernel_argument(regs, 0);

	tcpi_probe_hit(TCPI_PROBE_TCP_TIMEWAIT_STATE_PROCESS);
	tcpi_paws_note(tw, tw,
		       (const struct sk_buff *)regs_get_kernel_argument(regs, 1),
		       TCPI_MIB_PAWS_TIMEWAIT, READ_ONCE(tcp_twsk(tw)->tw_ts_recent),
		       TCPI_NOTE_PAWS_TIME_WAIT);
}

const struct tcpi_hook tcpi_hook_tcp_check_req = {
	.type = TCPI_TYPE_FENTRY,
	.symbol = "tcp_check_req",
	.on_entry = tcpi_on_check_req,
};

const struct tcpi_hook tcpi_hook_tcp_timewait_state_process = {
	.type = TCPI_TYPE_FENTRY,
	.symbol = "tcp_timewait_state_process",
	.on_entry = tcpi_on_timewait,
};
