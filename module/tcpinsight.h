/* SPDX-License-Identifier: GPL-2.0 */
/* The module's state, shared by the hooks and the /proc files. */
#ifndef TCPI_TCPINSIGHT_H
#define TCPI_TCPINSIGHT_H

#include <linux/percpu.h>
#include <linux/types.h>

#include "listeners.h"
#include "porttab.h"
#include "probes.h"
#include "reasons.h"
#include "ring.h"

#define TCPI_VERSION		"0.1.0"
#define TCPI_PROC_FORMAT	1

/* Counters each CPU owns; readers add them up. */
struct tcpi_cpu_stats {
	u64 reason[TCPI_REASON_SLOTS];
	u64 ports_overflow;
	u64 listeners_overflow;
	u64 listen_unclassified;
	u64 counters_overflow;
	u64 probe_hits[TCPI_PROBE_MAX];
};

/* Table indices of the reasons tcpinsight can derive itself. */
struct tcpi_derived {
	u16 no_socket;
	u16 listen_overflow;
	u16 syn_queue_full;
	u16 syn_queue_last_quarter;
	u16 syn_request_failed;
	u16 listen_child_failed;
	u16 paws;
	u16 rst_paws_syn_recv;
	u16 tw_paws;
	u16 abort_on_close;
	u16 connect_eaddrnotavail;
	u16 proto_mem;
	u16 sndbuf_wait;
};

struct tcpi_state {
	struct tcpi_reasons reasons;
	struct tcpi_derived derived;
	struct tcpi_cpu_stats __percpu *stats;
	struct tcpi_porttab *ports;
	struct tcpi_porttab *counters;
	struct tcpi_listeners *listeners;
};

extern struct tcpi_state tcpi;

struct sk_buff;
struct sock;

void tcpi_drop_seen(const struct sk_buff *skb, const void *location,
		    u32 raw_reason, const struct sock *rx_sk);
struct tcpi_info;
void tcpi_drop_hooked(const struct sk_buff *skb, const void *location,
		      u16 reason, const struct sock *sk,
		      const struct tcpi_info *info);
void tcpi_drop_noted(const struct sk_buff *skb, const void *location,
		     u16 reason, u32 netns, u8 state,
		     const struct tcpi_info *info);
void tcpi_listeners_start(void);
void tcpi_listeners_hide(void);
u32 tcpi_netns_of(const struct sk_buff *skb, const struct sock *sk);
bool tcpi_count(u32 netns, u16 port, unsigned int counter, u8 reason, u64 n);
void tcpi_event_sock(const struct sock *sk, u8 state, const void *location,
		     u16 reason, u8 tcpflags, u32 len, const struct tcpi_info *info);

u64 tcpi_stat_reason(unsigned int idx);
u64 tcpi_stat_drops_total(void);
u64 tcpi_stat_ports_overflow(void);
u64 tcpi_stat_listeners_overflow(void);
u64 tcpi_stat_listen_unclassified(void);
u64 tcpi_stat_counters_overflow(void);
u64 tcpi_stat_probe_hits(unsigned int probe);

#endif
