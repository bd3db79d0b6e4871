// SPDX-License-Identifier: GPL-2.0
/*
 * connect() failing with EADDRNOTAVAIL: every local port of
 * ip_local_port_range is taken for that destination (connections in
 * TIME_WAIT or CLOSE_WAIT count too). inet_hash_connect() and
 * inet6_hash_connect() pick the port; the kernel keeps no counter of this.
 * Counted per destination port, with an event naming the destination and
 * the range in force.
 */
#include <linux/errno.h>
#include <linux/kprobes.h>
#include <net/inet_sock.h>
#include <net/ip.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "counters.h"
#include "hooks.h"
#include "tcpinsight.h"

int tcpi_on_hash_connect_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	*(const struct sock **)ri->data =
		(const struct sock *)regs_get_kernel_argument(regs, 1);
	return 0;
}

static void tcpi_hash_connect_done(struct kretprobe_instance *ri,
				   struct pt_regs *regs, enum tcpi_probe_id id)
{
	const struct sock *sk = *(const struct sock **)ri->data;
	struct tcpi_info info = { .kind = TCPI_INFO_PORT_RANGE };
	int low, high;

	if (tcpi_probe_returned_off(id))
		return;
	tcpi_probe_hit(id);
	if ((int)regs_return_value(regs) != -EADDRNOTAVAIL)
		return;
	inet_get_local_port_range(sock_net(sk), &low, &high);
	info.a = low;
	info.b = high;
	info.b_known = true;
	if (tcpi_count(sock_net(sk)->ns.inum, ntohs(inet_sk(sk)->inet_dport),
		       TCPI_CNT_CONNECT_EADDRNOTAVAIL, TCPI_CNT_NO_REASON, 1))
		tcpi_event_sock(sk, READ_ONCE(sk->sk_state),
				tcpi_probes[id].krp.kp.addr,
				tcpi.derived.connect_eaddrnotavail, TCPHDR_SYN,
				0, &info);
}

int tcpi_on_inet_hash_connect(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	tcpi_hash_connect_done(ri, regs, TCPI_PROBE_INET_HASH_CONNECT);
	return 0;
}

int tcpi_on_inet6_hash_connect(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	tcpi_hash_connect_done(ri, regs, TCPI_PROBE_INET6_HASH_CONNECT);
	return 0;
}
