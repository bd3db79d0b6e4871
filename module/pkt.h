/* SPDX-License-Identifier: GPL-2.0 */
/* The TCP segment inside a dropped skb, read from its headers. */
#ifndef TCPI_PKT_H
#define TCPI_PKT_H

#include <linux/in6.h>
#include <linux/types.h>

struct sk_buff;

struct tcpi_pkt {
	struct in6_addr saddr;		/* IPv4: s6_addr32[0] */
	struct in6_addr daddr;
	u32 seq;
	u32 ack;
	u32 len;			/* TCP payload bytes */
	u16 sport;			/* host order */
	u16 dport;
	u32 tsval;			/* the timestamp option, if has_ts */
	u32 tsecr;
	u8 family;			/* 4 or 6 */
	u8 tcpflags;
	bool has_ts;
};

/* What a caller needs: the ports are always read. */
enum tcpi_pkt_want {
	TCPI_PKT_PORTS = 0,
	TCPI_PKT_HEADERS = 1,		/* addresses, sequence numbers, flags, len */
	TCPI_PKT_TS = 2,		/* the timestamp option */
	TCPI_PKT_ALL = TCPI_PKT_HEADERS | TCPI_PKT_TS,
};

bool tcpi_pkt_read(const struct sk_buff *skb, struct tcpi_pkt *pkt,
		   unsigned int want);

static inline bool tcpi_pkt_parse(const struct sk_buff *skb, struct tcpi_pkt *pkt)
{
	return tcpi_pkt_read(skb, pkt, TCPI_PKT_ALL);
}

#endif
