// SPDX-License-Identifier: GPL-2.0
/*
 * The packet parser on real skbs, built the way the stack leaves them when
 * it drops: network header set, data at the IP header, past it (TCP
 * receive), or headers in a page fragment (GRO), and malformed or foreign
 * packets that must not be counted as TCP.
 */
#include <linux/gfp.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/mm.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <linux/tcp.h>
#include <net/ip.h>

#include "pkt.h"
#include "tcpi_kunit.h"

#define TCPI_TEST_HEADROOM	64

/* What the test packets carry, unless a test changes it. */
#define TCPI_TEST_SADDR4	0xc0a80001	/* 192.168.0.1 */
#define TCPI_TEST_DADDR4	0x0a000002	/* 10.0.0.2 */
#define TCPI_TEST_SPORT		40000
#define TCPI_TEST_DPORT		80
#define TCPI_TEST_SEQ		0x11223344
#define TCPI_TEST_ACK		0xfedcba98
#define TCPI_TEST_FLAGS		0x18

static const struct in6_addr tcpi_test_saddr6 = {
	.s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 }
};

static const struct in6_addr tcpi_test_daddr6 = {
	.s6_addr = { 0x20, 0x01, 0x0d, 0xb8, 0xff, [14] = 0xab, [15] = 0xcd }
};

/* A fresh skb, freed by the suite's exit (or by the next call). */
static struct sk_buff *tcpi_test_skb(struct kunit *test, unsigned int size)
{
	struct sk_buff *skb;

	consume_skb(test->priv);
	test->priv = NULL;
	skb = alloc_skb(TCPI_TEST_HEADROOM + size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, skb);
	skb_reserve(skb, TCPI_TEST_HEADROOM);
	test->priv = skb;
	return skb;
}

static struct tcphdr *tcpi_test_put_tcp(struct sk_buff *skb,
					unsigned int doff_words)
{
	struct tcphdr *th = skb_put_zero(skb, doff_words * 4);

	th->source = htons(TCPI_TEST_SPORT);
	th->dest = htons(TCPI_TEST_DPORT);
	th->seq = htonl(TCPI_TEST_SEQ);
	th->ack_seq = htonl(TCPI_TEST_ACK);
	th->doff = doff_words;
	((u8 *)th)[13] = TCPI_TEST_FLAGS;
	return th;
}

/* The TCP header @off bytes after the IP header at @iph. */
static struct tcphdr *tcpi_test_th(void *iph, unsigned int off)
{
	return (struct tcphdr *)((u8 *)iph + off);
}

/* Writes @n bytes of TCP options after the TCP header at @iph + @off. */
static void tcpi_test_opts(void *iph, unsigned int off, const u8 *opts,
			   size_t n)
{
	memcpy((u8 *)iph + off + sizeof(struct tcphdr), opts, n);
}

/*
 * IPv4 + TCP + @payload bytes, the IP header @ihl_words long and the TCP
 * header @doff_words long; the network header is set, data is at it.
 */
static struct iphdr *tcpi_test_v4(struct kunit *test, unsigned int ihl_words,
				  unsigned int doff_words, unsigned int payload)
{
	unsigned int tot = ihl_words * 4 + doff_words * 4 + payload;
	struct sk_buff *skb = tcpi_test_skb(test, tot + 64);
	struct iphdr *iph = skb_put_zero(skb, ihl_words * 4);

	skb->protocol = htons(ETH_P_IP);
	skb_reset_network_header(skb);
	iph->version = 4;
	iph->ihl = ihl_words;
	iph->tot_len = htons(tot);
	iph->frag_off = htons(IP_DF);
	iph->ttl = 64;
	iph->protocol = IPPROTO_TCP;
	iph->saddr = htonl(TCPI_TEST_SADDR4);
	iph->daddr = htonl(TCPI_TEST_DADDR4);
	tcpi_test_put_tcp(skb, doff_words);
	skb_put_zero(skb, payload);
	return iph;
}

static struct ipv6hdr *tcpi_test_v6(struct kunit *test,
				    unsigned int doff_words,
				    unsigned int payload)
{
	struct sk_buff *skb = tcpi_test_skb(test, 40 + doff_words * 4 +
					    payload + 64);
	struct ipv6hdr *ip6 = skb_put_zero(skb, sizeof(*ip6));

	skb->protocol = htons(ETH_P_IPV6);
	skb_reset_network_header(skb);
	ip6->version = 6;
	ip6->payload_len = htons(doff_words * 4 + payload);
	ip6->nexthdr = IPPROTO_TCP;
	ip6->hop_limit = 64;
	ip6->saddr = tcpi_test_saddr6;
	ip6->daddr = tcpi_test_daddr6;
	tcpi_test_put_tcp(skb, doff_words);
	skb_put_zero(skb, payload);
	return ip6;
}

/* Parses test->priv, with @pkt full of junk first. */
static bool tcpi_test_parse(struct kunit *test, struct tcpi_pkt *pkt)
{
	memset(pkt, 0xa5, sizeof(*pkt));
	return tcpi_pkt_parse(test->priv, pkt);
}

static void tcpi_test_expect_tcp(struct kunit *test, const struct tcpi_pkt *pkt,
				 u32 len)
{
	KUNIT_EXPECT_EQ(test, pkt->sport, TCPI_TEST_SPORT);
	KUNIT_EXPECT_EQ(test, pkt->dport, TCPI_TEST_DPORT);
	KUNIT_EXPECT_EQ(test, pkt->seq, TCPI_TEST_SEQ);
	KUNIT_EXPECT_EQ(test, pkt->ack, TCPI_TEST_ACK);
	KUNIT_EXPECT_EQ(test, pkt->tcpflags, TCPI_TEST_FLAGS);
	KUNIT_EXPECT_EQ(test, pkt->len, len);
}

static void tcpi_test_expect_v4(struct kunit *test, const struct tcpi_pkt *pkt,
				u32 len)
{
	KUNIT_EXPECT_EQ(test, pkt->family, 4);
	KUNIT_EXPECT_EQ(test, ntohl(pkt->saddr.s6_addr32[0]), TCPI_TEST_SADDR4);
	KUNIT_EXPECT_EQ(test, ntohl(pkt->daddr.s6_addr32[0]), TCPI_TEST_DADDR4);
	/* The rest of the address is zero, not what was there before. */
	KUNIT_EXPECT_EQ(test, ntohl(pkt->saddr.s6_addr32[1] |
				    pkt->saddr.s6_addr32[2] |
				    pkt->saddr.s6_addr32[3]), 0);
	KUNIT_EXPECT_EQ(test, ntohl(pkt->daddr.s6_addr32[1] |
				    pkt->daddr.s6_addr32[2] |
				    pkt->daddr.s6_addr32[3]), 0);
	tcpi_test_expect_tcp(test, pkt, len);
}

static void tcpi_test_expect_v6(struct kunit *test, const struct tcpi_pkt *pkt,
				u32 len)
{
	KUNIT_EXPECT_EQ(test, pkt->family, 6);
	KUNIT_EXPECT_EQ(test, memcmp(&pkt->saddr, &tcpi_test_saddr6,
				     sizeof(pkt->saddr)), 0);
	KUNIT_EXPECT_EQ(test, memcmp(&pkt->daddr, &tcpi_test_daddr6,
				     sizeof(pkt->daddr)), 0);
	tcpi_test_expect_tcp(test, pkt, len);
}

static void tcpi_pkt_v4_test(struct kunit *test)
{
	struct tcpi_pkt pkt;
	struct sk_buff *skb;

	tcpi_test_v4(test, 5, 5, 100);
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_expect_v4(test, &pkt, 100);

	/* Options on both headers: the payload starts after them. */
	tcpi_test_v4(test, 6, 8, 10);
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_expect_v4(test, &pkt, 10);

	/* A bare SYN; padding after the packet is not payload. */
	tcpi_test_v4(test, 5, 5, 0);
	skb = test->priv;
	skb_put_zero(skb, 6);
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_expect_v4(test, &pkt, 0);

	/* The first fragment of several still has the TCP header. */
	tcpi_test_v4(test, 5, 5, 8)->frag_off = htons(IP_MF);
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_expect_v4(test, &pkt, 8);

	/* A tot_len shorter than the headers: no payload, not a wrap. */
	tcpi_test_v4(test, 5, 5, 0)->tot_len = htons(30);
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	KUNIT_EXPECT_EQ(test, pkt.len, 0);
	tcpi_test_v4(test, 5, 5, 0)->tot_len = htons(12);
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	KUNIT_EXPECT_EQ(test, pkt.len, 0);
}

static void tcpi_pkt_v6_test(struct kunit *test)
{
	struct tcpi_pkt pkt;

	tcpi_test_v6(test, 5, 1448);
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_expect_v6(test, &pkt, 1448);

	tcpi_test_v6(test, 10, 0);
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_expect_v6(test, &pkt, 0);

	tcpi_test_v6(test, 5, 0)->payload_len = htons(4);
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	KUNIT_EXPECT_EQ(test, pkt.len, 0);
}

static void tcpi_pkt_not_tcp_test(struct kunit *test)
{
	struct tcpi_pkt pkt;

	tcpi_test_v4(test, 5, 5, 0)->protocol = IPPROTO_UDP;
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_v6(test, 5, 0)->nexthdr = IPPROTO_UDP;
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));
	/* TCP behind an extension header is not looked for. */
	tcpi_test_v6(test, 5, 0)->nexthdr = IPPROTO_HOPOPTS;
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));

	/* The protocol the skb says, not what the bytes look like. */
	tcpi_test_v4(test, 5, 5, 0);
	((struct sk_buff *)test->priv)->protocol = htons(ETH_P_ARP);
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_v4(test, 5, 5, 0);
	((struct sk_buff *)test->priv)->protocol = htons(ETH_P_IPV6);
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_v6(test, 5, 0);
	((struct sk_buff *)test->priv)->protocol = htons(ETH_P_IP);
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_v4(test, 5, 5, 0)->version = 6;
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_v6(test, 5, 0)->version = 4;
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));
}

static void tcpi_pkt_malformed_test(struct kunit *test)
{
	struct tcpi_pkt pkt;

	/* Not the first fragment: what follows the IP header is not TCP. */
	tcpi_test_v4(test, 5, 5, 8)->frag_off = htons(1);
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_v4(test, 5, 5, 8)->frag_off = htons(IP_MF | 185);
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));

	tcpi_test_v4(test, 5, 5, 0)->ihl = 4;
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));

	/* A TCP header shorter than the fixed part of one. */
	tcpi_test_th(tcpi_test_v4(test, 5, 5, 40), 20)->doff = 4;
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_th(tcpi_test_v6(test, 5, 40), 40)->doff = 0;
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));
}

/* Headers cut short, as a truncated or malicious packet has them. */
static void tcpi_pkt_truncated_test(struct kunit *test)
{
	struct tcpi_pkt pkt;
	struct sk_buff *skb;

	tcpi_test_v4(test, 5, 5, 0);
	skb = test->priv;
	skb_trim(skb, 20 + 19);
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));
	skb_trim(skb, 20);
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));
	skb_trim(skb, 12);
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));

	/* IP options promised but not there. */
	tcpi_test_v4(test, 5, 5, 0)->ihl = 15;
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));

	tcpi_test_v6(test, 5, 0);
	skb = test->priv;
	skb_trim(skb, 40 + 10);
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));
	skb_trim(skb, 39);
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));

	/* Data already past a header that was cut short. */
	tcpi_test_v4(test, 5, 5, 0);
	skb = test->priv;
	skb_trim(skb, 12);
	skb_pull(skb, 4);
	KUNIT_EXPECT_FALSE(test, tcpi_test_parse(test, &pkt));
}

/* TCP receive has pulled the IP header, or both: they are still there. */
static void tcpi_pkt_pulled_test(struct kunit *test)
{
	struct tcpi_pkt pkt;
	struct sk_buff *skb;

	tcpi_test_v4(test, 5, 5, 100);
	skb = test->priv;
	skb_pull(skb, 20);
	skb_reset_transport_header(skb);
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_expect_v4(test, &pkt, 100);
	skb_pull(skb, 20);
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_expect_v4(test, &pkt, 100);
	/* Half way into the IP header. */
	skb_push(skb, 30);
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_expect_v4(test, &pkt, 100);

	tcpi_test_v6(test, 5, 1000);
	skb = test->priv;
	skb_pull(skb, 40 + 20);
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_expect_v6(test, &pkt, 1000);
}

/*
 * The timestamp option, which PAWS events carry: found among others, in
 * any position, and not made up from a malformed or absent option list.
 */
static void tcpi_pkt_timestamp_test(struct kunit *test)
{
	/* Linux's SYN: MSS, SACK permitted, timestamps, NOP, window scale. */
	static const u8 syn[] = {
		2, 4, 0x05, 0xb4, 4, 2,
		8, 10, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
		1, 3, 3, 7,
	};
	/* What established segments carry. */
	static const u8 est[] = {
		1, 1, 8, 10, 0xff, 0xff, 0xff, 0xfe, 0, 0, 0, 1,
	};
	/* SACK blocks first, the timestamps last. */
	static const u8 sack[] = {
		1, 1, 5, 10, 0, 0, 0, 1, 0, 0, 0, 2,
		1, 1, 8, 10, 0, 0, 0, 7, 0, 0, 0, 8,
	};
	struct tcpi_pkt pkt;

	tcpi_test_opts(tcpi_test_v4(test, 5, 10, 0), 20, syn, sizeof(syn));
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_expect_v4(test, &pkt, 0);
	KUNIT_EXPECT_TRUE(test, pkt.has_ts);
	KUNIT_EXPECT_EQ(test, pkt.tsval, 0x12345678);
	KUNIT_EXPECT_EQ(test, pkt.tsecr, 0x9abcdef0);

	tcpi_test_opts(tcpi_test_v6(test, 8, 100), 40, est, sizeof(est));
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_expect_v6(test, &pkt, 100);
	KUNIT_EXPECT_TRUE(test, pkt.has_ts);
	KUNIT_EXPECT_EQ(test, pkt.tsval, 0xfffffffe);
	KUNIT_EXPECT_EQ(test, pkt.tsecr, 1);

	tcpi_test_opts(tcpi_test_v4(test, 5, 11, 0), 20, sack, sizeof(sack));
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	KUNIT_EXPECT_TRUE(test, pkt.has_ts);
	KUNIT_EXPECT_EQ(test, pkt.tsval, 7);
	KUNIT_EXPECT_EQ(test, pkt.tsecr, 8);

	/* Read from before where TCP receive left data. */
	tcpi_test_opts(tcpi_test_v4(test, 5, 8, 10), 20, est, sizeof(est));
	skb_pull(test->priv, 20 + 32);
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_expect_v4(test, &pkt, 10);
	KUNIT_EXPECT_TRUE(test, pkt.has_ts);
	KUNIT_EXPECT_EQ(test, pkt.tsval, 0xfffffffe);
}

static void tcpi_pkt_no_timestamp_test(struct kunit *test)
{
	static const struct {
		const char *what;
		u8 opts[12];
	} cases[] = {
		{ "end of list first", { 0, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2 } },
		{ "option length 1", { 2, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2 } },
		{ "option length 0", { 1, 1, 4, 0, 8, 10, 0, 0, 0, 1, 0, 0 } },
		{ "past the end", { 1, 1, 1, 1, 1, 1, 8, 10, 0, 0, 0, 1 } },
		{ "kind in the last byte", { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 8 } },
		{ "short timestamps", { 8, 6, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1 } },
		{ "other options only", { 2, 4, 5, 0xb4, 4, 2, 3, 3, 7, 1, 1, 1 } },
	};
	struct tcpi_pkt pkt;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		tcpi_test_opts(tcpi_test_v4(test, 5, 8, 0), 20, cases[i].opts,
			       sizeof(cases[i].opts));
		KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
		tcpi_test_expect_v4(test, &pkt, 0);
		KUNIT_EXPECT_FALSE_MSG(test, pkt.has_ts, "%s", cases[i].what);
	}

	/* No options at all. */
	tcpi_test_v4(test, 5, 5, 0);
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	KUNIT_EXPECT_FALSE(test, pkt.has_ts);

	/* Options announced, not there: the segment still counts. */
	tcpi_test_v4(test, 5, 8, 0);
	skb_trim(test->priv, 20 + 20 + 4);
	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	KUNIT_EXPECT_FALSE(test, pkt.has_ts);
}

/* GRO leaves the TCP header in a page fragment: it is copied out. */
static void tcpi_pkt_nonlinear_test(struct kunit *test)
{
	static const u8 ts[] = { 1, 1, 8, 10, 0, 0, 0, 5, 0, 0, 0, 6 };
	struct tcpi_pkt pkt;
	struct sk_buff *skb;
	struct page *page;
	struct iphdr *iph;
	struct tcphdr *th;

	iph = tcpi_test_v4(test, 5, 5, 0);
	skb = test->priv;
	/* Keep the IP header only in the linear part. */
	skb_trim(skb, 20);
	iph->tot_len = htons(20 + 32 + 500);

	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, page);
	th = page_address(page);
	th->source = htons(TCPI_TEST_SPORT);
	th->dest = htons(TCPI_TEST_DPORT);
	th->seq = htonl(TCPI_TEST_SEQ);
	th->ack_seq = htonl(TCPI_TEST_ACK);
	th->doff = 8;
	((u8 *)th)[13] = TCPI_TEST_FLAGS;
	memcpy(th + 1, ts, sizeof(ts));
	skb_add_rx_frag(skb, 0, page, 0, 32 + 500, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, skb_headlen(skb), 20);

	KUNIT_ASSERT_TRUE(test, tcpi_test_parse(test, &pkt));
	tcpi_test_expect_v4(test, &pkt, 500);
	KUNIT_EXPECT_TRUE(test, pkt.has_ts);
	KUNIT_EXPECT_EQ(test, pkt.tsval, 5);
	KUNIT_EXPECT_EQ(test, pkt.tsecr, 6);
}

static int tcpi_pkt_test_init(struct kunit *test)
{
	test->priv = NULL;
	return 0;
}

static void tcpi_pkt_test_exit(struct kunit *test)
{
	consume_skb(test->priv);
}

static struct kunit_case tcpi_pkt_cases[] = {
	KUNIT_CASE(tcpi_pkt_v4_test),
	KUNIT_CASE(tcpi_pkt_v6_test),
	KUNIT_CASE(tcpi_pkt_not_tcp_test),
	KUNIT_CASE(tcpi_pkt_malformed_test),
	KUNIT_CASE(tcpi_pkt_truncated_test),
	KUNIT_CASE(tcpi_pkt_pulled_test),
	KUNIT_CASE(tcpi_pkt_timestamp_test),
	KUNIT_CASE(tcpi_pkt_no_timestamp_test),
	KUNIT_CASE(tcpi_pkt_nonlinear_test),
	{}
};

struct kunit_suite tcpi_pkt_suite = {
	.name = "tcpinsight_pkt",
	.init = tcpi_pkt_test_init,
	.exit = tcpi_pkt_test_exit,
	.test_cases = tcpi_pkt_cases,
};
