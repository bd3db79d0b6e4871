// SPDX-License-Identifier: GPL-2.0
/*
 * connect() failing with EADDRNOTAVAIL: every local port of
 * ip_local_port_range is taken for that destination (connections in
 * TIME_WAIT or CLOSE_WAIT count too). The kernel keeps no counter of this.
 * Counted per destination port, with an event naming the destination and
 * the range in force.
 *
 * Read from sock:inet_sock_set_state rather than from the return of the
 * function that picks the port: tcp_v4_connect() and tcp_v6_connect()
 * store SYN_SENT, call inet_hash_connect() or inet6_hash_connect(), and
 * store TCP_CLOSE again when that fails. Only a failure to pick a port
 * leaves a socket that was not bound with no local port on its way back
 * from SYN_SENT: a later failure finds the port set. That leaves out a
 * socket bound to its port before connect() whose four-tuple is taken.
 * The other failures of the port search, for want of memory, are counted
 * as well: they cannot be told apart here.
 */
#include <linux/errno.h>
#include <net/inet_sock.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "counters.h"
#include "hooks.h"
#include "tcpinsight.h"

/* tcp_v6_connect() hands a v4-mapped destination to tcp_v4_connect(). */
static bool tcpi_connects_v6(const struct sock *sk)
{
#if IS_ENABLED(CONFIG_IPV6)
	return sk->sk_family == AF_INET6 &&
	       !ipv6_addr_v4mapped(&sk->sk_v6_daddr);
#else
	return false;
#endif
}

/*
 * At a change to SYN_SENT, or from SYN_SENT to CLOSE (state_probe.c),
 * with preemption disabled.
 */
void tcpi_connect_state(const struct sock *sk, int newstate)
{
	struct tcpi_info info = { .kind = TCPI_INFO_PORT_RANGE };
	enum tcpi_probe_id id = tcpi_connects_v6(sk) ?
				TCPI_PROBE_INET6_HASH_CONNECT :
				TCPI_PROBE_INET_HASH_CONNECT;
	int low, high;

	if (!tcpi_probe_on(id))
		return;
	/* a connect() about to look for a port: the hook's calls */
	if (newstate == TCP_SYN_SENT) {
		tcpi_probe_hit(id);
		return;
	}
	if (READ_ONCE(inet_sk(sk)->inet_sport))
		return;
	inet_get_local_port_range(sock_net(sk), &low, &high);
	info.a = low;
	info.b = high;
	info.b_known = true;
	if (tcpi_count(sock_net(sk)->ns.inum, ntohs(inet_sk(sk)->inet_dport),
		       TCPI_CNT_CONNECT_EADDRNOTAVAIL, TCPI_CNT_NO_REASON, 1))
		tcpi_event_sock(sk, newstate, tcpi_probe_loc(id),
				tcpi.derived.connect_eaddrnotavail, TCPHDR_SYN,
				0, &info);
}
