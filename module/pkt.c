// SPDX-License-Identifier: GPL-2.0
/*
 * Recognising TCP from the packet itself. Many drops have no socket, and a
 * dropped skb may sit at any layer: its data pointer may already be past
 * the IP header (TCP receive) or the headers may not be built yet (early
 * transmit). Only a well-formed IPv4/IPv6 header with TCP as the next
 * protocol and a whole TCP header counts; anything else is not ours.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <net/ip.h>
#include <net/tcp.h>

#include "pkt.h"

/*
 * Headers before skb->data (already pulled) are still in the linear
 * buffer; headers after it may be in fragments, where skb_header_pointer()
 * copies them out. Never read outside [head, end of data].
 */
static const void *tcpi_hdr(const struct sk_buff *skb, int off, int len,
			    void *copy)
{
	if (off < 0) {
		if (skb->data + off < skb->head ||
		    off + len > (int)skb_headlen(skb))
			return NULL;
		return skb->data + off;
	}
	return skb_header_pointer(skb, off, len, copy);
}

static u32 tcpi_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/*
 * The timestamp option (RFC 7323), which PAWS judges by. Options are at
 * most 40 bytes; a malformed list ends the search, as it does the kernel's.
 */
static void tcpi_parse_ts(const struct sk_buff *skb, int off, u32 doff,
			  struct tcpi_pkt *pkt)
{
	u8 copy[40];
	const u8 *opt;
	u32 len = doff - sizeof(struct tcphdr), i = 0;

	pkt->has_ts = false;
	if (!len)
		return;
	opt = tcpi_hdr(skb, off + sizeof(struct tcphdr), len, copy);
	if (!opt)
		return;
	while (i < len) {
		if (opt[i] == TCPOPT_EOL)
			return;
		if (opt[i] == TCPOPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= len || opt[i + 1] < 2 || i + opt[i + 1] > len)
			return;
		if (opt[i] == TCPOPT_TIMESTAMP && opt[i + 1] == TCPOLEN_TIMESTAMP) {
			pkt->tsval = tcpi_be32(opt + i + 2);
			pkt->tsecr = tcpi_be32(opt + i + 6);
			pkt->has_ts = true;
			return;
		}
		i += opt[i + 1];
	}
}

static bool tcpi_parse_tcp(const struct sk_buff *skb, int off,
			   u32 l4_len, struct tcpi_pkt *pkt, unsigned int want)
{
	struct tcphdr copy;
	const struct tcphdr *th = tcpi_hdr(skb, off, sizeof(copy), &copy);
	u32 doff;

	if (!th)
		return false;
	doff = th->doff * 4;
	if (doff < sizeof(*th))
		return false;
	pkt->sport = ntohs(th->source);
	pkt->dport = ntohs(th->dest);
	pkt->has_ts = false;
	if (want & TCPI_PKT_HEADERS) {
		pkt->seq = ntohl(th->seq);
		pkt->ack = ntohl(th->ack_seq);
		/* the flags byte, CWR down to FIN, as tcpdump reads it */
		pkt->tcpflags = ((const u8 *)th)[13];
		pkt->len = l4_len > doff ? l4_len - doff : 0;
	}
	if (want & TCPI_PKT_TS)
		tcpi_parse_ts(skb, off, doff, pkt);
	return true;
}

static bool tcpi_parse_v4(const struct sk_buff *skb, int off,
			  struct tcpi_pkt *pkt, unsigned int want)
{
	struct iphdr copy;
	const struct iphdr *iph = tcpi_hdr(skb, off, sizeof(copy), &copy);
	u32 ihl, tot;

	if (!iph || iph->version != 4 || iph->protocol != IPPROTO_TCP)
		return false;
	ihl = iph->ihl * 4;
	tot = ntohs(iph->tot_len);
	/* Only the first fragment has a TCP header. */
	if (ihl < sizeof(*iph) || (ntohs(iph->frag_off) & IP_OFFSET))
		return false;
	if (want & TCPI_PKT_HEADERS) {
		memset(&pkt->saddr, 0, sizeof(pkt->saddr));
		memset(&pkt->daddr, 0, sizeof(pkt->daddr));
		pkt->saddr.s6_addr32[0] = iph->saddr;
		pkt->daddr.s6_addr32[0] = iph->daddr;
	}
	pkt->family = 4;
	return tcpi_parse_tcp(skb, off + ihl, tot > ihl ? tot - ihl : 0, pkt,
			      want);
}

static bool tcpi_parse_v6(const struct sk_buff *skb, int off,
			  struct tcpi_pkt *pkt, unsigned int want)
{
	struct ipv6hdr copy;
	const struct ipv6hdr *ip6 = tcpi_hdr(skb, off, sizeof(copy), &copy);

	/* TCP behind extension headers is rare enough to leave uncounted. */
	if (!ip6 || ip6->version != 6 || ip6->nexthdr != IPPROTO_TCP)
		return false;
	if (want & TCPI_PKT_HEADERS) {
		pkt->saddr = ip6->saddr;
		pkt->daddr = ip6->daddr;
	}
	pkt->family = 6;
	return tcpi_parse_tcp(skb, off + sizeof(*ip6),
			      ntohs(ip6->payload_len), pkt, want);
}

/**
 * tcpi_pkt_read() - read the TCP/IP headers of a dropped skb
 * @skb: the skb
 * @pkt: filled on success, as far as @want asks
 * @want: TCPI_PKT_* bits; counting a drop needs only its ports, an event
 *	the rest, and only a PAWS drop's event the timestamp option
 *
 * Return: true if @skb carries a TCP segment over IPv4 or IPv6.
 */
bool tcpi_pkt_read(const struct sk_buff *skb, struct tcpi_pkt *pkt,
		   unsigned int want)
{
	int off = skb_network_offset(skb);

	switch (skb->protocol) {
	case htons(ETH_P_IP):
		return tcpi_parse_v4(skb, off, pkt, want);
	case htons(ETH_P_IPV6):
		return tcpi_parse_v6(skb, off, pkt, want);
	default:
		return false;
	}
}
