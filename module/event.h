/* SPDX-License-Identifier: GPL-2.0 */
/* One logged drop, as the ring stores it and /proc prints it. */
#ifndef TCPI_EVENT_H
#define TCPI_EVENT_H

#include <linux/in6.h>
#include <linux/types.h>

/* What explains an event beyond its segment; printed as its info= key. */
enum tcpi_info_kind {
	TCPI_INFO_NONE,
	TCPI_INFO_PAWS,		/* stage, the segment's TSval, ts_recent */
	TCPI_INFO_PORT_RANGE,	/* ip_local_port_range */
	TCPI_INFO_RCVBUF,	/* sk_rcvbuf, and the bytes the receive side held */
	TCPI_INFO_SNDBUF,	/* sk_sndbuf, and how long the sender waited */
	TCPI_INFO_PAWS_ACTIVE,	/* a SYN-ACK's TSval and TSecr */
};

/* The stages PAWS rejects at. */
enum tcpi_paws_stage {
	TCPI_PAWS_SYN_RECV,
	TCPI_PAWS_ESTABLISHED,
	TCPI_PAWS_TIME_WAIT,
};

struct tcpi_info {
	u32 a;
	u32 b;
	u8 kind;		/* enum tcpi_info_kind */
	u8 sub;			/* PAWS: enum tcpi_paws_stage */
	bool b_known;
};

struct tcpi_event {
	u64 ts;				/* ns, CLOCK_MONOTONIC */
	const void *loc;		/* where the kernel dropped it */
	struct in6_addr saddr;		/* IPv4: s6_addr32[0] */
	struct in6_addr daddr;
	u32 netns;
	u32 seq;
	u32 ack;
	u32 len;			/* TCP payload bytes */
	u16 sport;			/* host order */
	u16 dport;
	u16 reason;			/* index in struct tcpi_reasons */
	u16 cpu;
	u8 family;			/* 4 or 6 */
	u8 state;			/* TCP_* state, 0: no socket */
	u8 tcpflags;			/* byte 13 of the TCP header */
	struct tcpi_info info;
};

#endif
