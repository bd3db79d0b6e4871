/* SPDX-License-Identifier: GPL-2.0 */
/* One logged drop, as the ring stores it and /proc prints it. */
#ifndef TCPI_EVENT_H
#define TCPI_EVENT_H

#include <linux/in6.h>
#include <linux/types.h>

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
};

#endif
