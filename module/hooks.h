/* SPDX-License-Identifier: GPL-2.0 */
/* The functions the kernel calls into, one per probe. */
#ifndef TCPI_HOOKS_H
#define TCPI_HOOKS_H

#include <linux/kprobes.h>
#include <linux/skbuff.h>

/* The tracepoints' arguments differ by kernel: compat.h spells them. */
void tcpi_on_kfree_skb(TCPI_KFREE_SKB_PROBE_ARGS);

void tcpi_on_retransmit_skb(void *data, const struct sock *sk,
			    const struct sk_buff *skb TCPI_RETRANSMIT_MORE_ARGS);

void tcpi_on_tcp_v4_send_reset(struct pt_regs *regs);
void tcpi_on_tcp_v6_send_reset(struct pt_regs *regs);

/* sock:inet_sock_set_state, the same on every supported kernel */
void tcpi_on_sock_set_state(void *data, const struct sock *sk, int oldstate,
			    int newstate);
void tcpi_listen_state(const struct sock *sk, int newstate);
void tcpi_connect_state(const struct sock *sk, int newstate);
void tcpi_on_listen_stop(struct pt_regs *regs);
void tcpi_on_complete_hashdance(struct pt_regs *regs);
int tcpi_on_conn_request_entry(struct kretprobe_instance *ri, struct pt_regs *regs);
int tcpi_on_conn_request(struct kretprobe_instance *ri, struct pt_regs *regs);
void tcpi_on_tcp_v4_syn_recv_sock(struct pt_regs *regs);
void tcpi_on_tcp_v6_syn_recv_sock(struct pt_regs *regs);
size_t tcpi_listen_call_size(void);
void tcpi_on_check_req(struct pt_regs *regs);
void tcpi_on_timewait(struct pt_regs *regs);
/* Counting what a note (note.h) says, as its segment is freed. */
struct tcpi_note;
bool tcpi_paws_rejected(const struct tcpi_note *n, const struct sk_buff *skb);
bool tcpi_child_failed(const struct tcpi_note *n, const struct sk_buff *skb);
void tcpi_on_send_active_reset(struct pt_regs *regs);
void tcpi_on_receive_reset(void *data, struct sock *sk);
struct request_sock;
void tcpi_on_retransmit_synack(void *data, const struct sock *sk,
			       const struct request_sock *req);
int tcpi_on_try_rmem_schedule_entry(struct kretprobe_instance *ri, struct pt_regs *regs);
int tcpi_on_try_rmem_schedule(struct kretprobe_instance *ri, struct pt_regs *regs);
size_t tcpi_rmem_call_size(void);
int tcpi_on_stream_wait_memory_entry(struct kretprobe_instance *ri, struct pt_regs *regs);
int tcpi_on_stream_wait_memory(struct kretprobe_instance *ri, struct pt_regs *regs);
size_t tcpi_sndbuf_call_size(void);
void tcpi_on_rcv_state_process(struct pt_regs *regs);
void tcpi_synsent_reset(const struct sock *sk, const struct sk_buff *skb);

#endif
