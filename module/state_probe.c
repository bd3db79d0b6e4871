// SPDX-License-Identifier: GPL-2.0
/*
 * sock:inet_sock_set_state, which fires at every state change of every
 * inet socket: several per connection. The probes that read it share one
 * handler, registered once while any of them is on, so a state change
 * costs one call and a few comparisons, not one call per probe. Each
 * part runs only while its own probe is on. The new state is stored
 * after this runs.
 */
#include <linux/preempt.h>
#include <net/sock.h>
#include <net/tcp_states.h>
#include <trace/events/sock.h>

#include "hooks.h"
#include "tcpinsight.h"

static void tcpi_on_sock_set_state(void *data, const struct sock *sk, int oldstate,
				   int newstate)
{
	if (sk->sk_protocol != IPPROTO_TCP)
		return;
	if (newstate == TCP_LISTEN || oldstate == TCP_LISTEN) {
		if (tcpi_probe_on(TCPI_PROBE_LISTEN_START))
			tcpi_listen_state(sk, newstate);
		return;
	}
	if (newstate == TCP_SYN_SENT ||
	    (oldstate == TCP_SYN_SENT && newstate == TCP_CLOSE)) {
		/* a tracepoint probe, preemptible on 7.2: see tcpi_on_kfree_skb() */
		preempt_disable_notrace();
		tcpi_connect_state(sk, newstate);
		preempt_enable_notrace();
	}
}

/* The compiler checks the handler against this kernel's tracepoint. */
static inline void __maybe_unused tcpi_sock_set_state_typecheck(void)
{
	check_trace_callback_type_inet_sock_set_state(tcpi_on_sock_set_state);
}

/* Each keeps the name it had as a hook of the function it stands for. */
const struct tcpi_hook tcpi_hook_inet_csk_listen_start = {
	.type = TCPI_TYPE_TRACEPOINT,
	.tp_name = "inet_sock_set_state",
	.tp_func = tcpi_on_sock_set_state,
};

const struct tcpi_hook tcpi_hook_inet_hash_connect = {
	.type = TCPI_TYPE_TRACEPOINT,
	.tp_name = "inet_sock_set_state",
	.tp_func = tcpi_on_sock_set_state,
	.symbol = "inet_hash_connect",
};

const struct tcpi_hook tcpi_hook_inet6_hash_connect = {
	.type = TCPI_TYPE_TRACEPOINT,
	.tp_name = "inet_sock_set_state",
	.tp_func = tcpi_on_sock_set_state,
	.symbol = "inet6_hash_connect",
};
