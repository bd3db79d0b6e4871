// SPDX-License-Identifier: GPL-2.0
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "progs.h"
#include "tun.h"

int tun_open(const char *ifname)
{
	return tun_open_flags(ifname, 0);
}

int tun_open_flags(const char *ifname, int flags)
{
	struct ifreq ifr;
	int fd = open("/dev/net/tun", O_RDWR);

	if (fd < 0)
		die_errno("open /dev/net/tun");
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI | flags;
	strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
	if (ioctl(fd, TUNSETIFF, &ifr))
		die_errno("TUNSETIFF %s", ifname);
	return fd;
}

void parse_ip(int family, const char *text, struct in6_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(family, text, a) != 1)
		die("'%s' is not an IPv%d address", text, family == AF_INET ? 4 : 6);
}

static uint32_t csum_add(uint32_t sum, const void *data, size_t len)
{
	const unsigned char *p = data;

	while (len > 1) {
		sum += (uint32_t)p[0] << 8 | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		sum += (uint32_t)p[0] << 8;
	return sum;
}

static uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

static void put16(unsigned char *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The TCP header and options; returns its length. */
static size_t build_tcp(const struct tcpi_seg *s, unsigned char *th)
{
	size_t opt = 20;

	memset(th, 0, 60);
	put16(th, s->sport);
	put16(th + 2, s->dport);
	put32(th + 4, s->seq);
	put32(th + 8, s->ack);
	th[13] = s->flags;
	put16(th + 14, s->window ? s->window : 65535);
	if (s->syn_options) {
		th[opt++] = 2;		/* MSS 1460 */
		th[opt++] = 4;
		put16(th + opt, 1460);
		opt += 2;
		th[opt++] = 4;		/* SACK permitted */
		th[opt++] = 2;
	}
	if (s->with_ts) {
		th[opt++] = 8;		/* timestamps */
		th[opt++] = 10;
		put32(th + opt, s->tsval);
		put32(th + opt + 4, s->tsecr);
		opt += 8;
	}
	if (s->syn_options) {
		th[opt++] = 1;		/* NOP, window scale 7 */
		th[opt++] = 3;
		th[opt++] = 3;
		th[opt++] = 7;
	}
	while (opt % 4)
		th[opt++] = 1;		/* NOP */
	th[12] = (opt / 4) << 4;
	return opt;
}

size_t tun_build(const struct tcpi_seg *s, unsigned char *buf, size_t len)
{
	unsigned char pseudo[40];
	size_t tcplen, iplen;
	uint32_t sum;

	if (len < 40 + 60 + (size_t)s->payload)
		die("packet buffer too small");
	memset(buf, 0, 40);
	if (s->family == AF_INET) {
		iplen = 20;
		tcplen = build_tcp(s, buf + iplen);
		memset(buf + iplen + tcplen, 0, s->payload);
		tcplen += s->payload;
		buf[0] = 0x45;
		put16(buf + 2, iplen + tcplen);
		buf[8] = 64;
		buf[9] = IPPROTO_TCP;
		memcpy(buf + 12, &s->saddr.s6_addr32[0], 4);
		memcpy(buf + 16, &s->daddr.s6_addr32[0], 4);
		put16(buf + 10, 0);
		memcpy(buf + 10, &(uint16_t){ csum_fold(csum_add(0, buf, 20)) }, 2);
		memcpy(pseudo, buf + 12, 8);
		pseudo[8] = 0;
		pseudo[9] = IPPROTO_TCP;
		put16(pseudo + 10, tcplen);
		sum = csum_add(0, pseudo, 12);
	} else {
		iplen = 40;
		tcplen = build_tcp(s, buf + iplen);
		memset(buf + iplen + tcplen, 0, s->payload);
		tcplen += s->payload;
		buf[0] = 0x60;
		put16(buf + 4, tcplen);
		buf[6] = IPPROTO_TCP;
		buf[7] = 64;
		memcpy(buf + 8, &s->saddr, 16);
		memcpy(buf + 24, &s->daddr, 16);
		memcpy(pseudo, buf + 8, 32);
		sum = csum_add(0, pseudo, 32);
		memset(pseudo, 0, 8);
		put32(pseudo, tcplen);
		pseudo[7] = IPPROTO_TCP;
		sum = csum_add(sum, pseudo, 8);
	}
	sum = csum_add(sum, buf + iplen, tcplen);
	memcpy(buf + iplen + 16, &(uint16_t){ csum_fold(sum) }, 2);
	return iplen + tcplen;
}

void tun_send(int fd, const struct tcpi_seg *s)
{
	unsigned char buf[2048];
	size_t n = tun_build(s, buf, sizeof(buf));

	if (write(fd, buf, n) != (ssize_t)n)
		die_errno("write to tun");
}

/* A TCP segment the kernel sent out of the device; 0 if it is not one. */
int tun_parse(const unsigned char *pkt, size_t len, struct tcpi_seg *s)
{
	const unsigned char *th, *o, *end;
	size_t iplen;

	memset(s, 0, sizeof(*s));
	if (len >= 20 && pkt[0] >> 4 == 4 && pkt[9] == IPPROTO_TCP) {
		s->family = AF_INET;
		iplen = (pkt[0] & 15) * 4;
		memcpy(&s->saddr.s6_addr32[0], pkt + 12, 4);
		memcpy(&s->daddr.s6_addr32[0], pkt + 16, 4);
	} else if (len >= 40 && pkt[0] >> 4 == 6 && pkt[6] == IPPROTO_TCP) {
		s->family = AF_INET6;
		iplen = 40;
		memcpy(&s->saddr, pkt + 8, 16);
		memcpy(&s->daddr, pkt + 24, 16);
	} else {
		return 0;
	}
	if (len < iplen + 20)
		return 0;
	th = pkt + iplen;
	s->sport = (uint16_t)(th[0] << 8 | th[1]);
	s->dport = (uint16_t)(th[2] << 8 | th[3]);
	s->seq = get32(th + 4);
	s->ack = get32(th + 8);
	s->flags = th[13];
	end = th + ((th[12] >> 4) * 4);
	if (end > pkt + len)
		end = pkt + len;
	for (o = th + 20; o < end && *o != 0;) {
		if (*o == 1) {
			o++;
			continue;
		}
		if (o + 1 >= end || o[1] < 2)
			break;
		if (*o == 8 && o[1] == 10 && o + 10 <= end) {
			s->with_ts = 1;
			s->tsval = get32(o + 2);
			s->tsecr = get32(o + 6);
		}
		o += o[1];
	}
	return 1;
}
