/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Playing a TCP peer the kernel does not see as local: packets written to
 * a TUN device arrive as if from the wire, and the kernel's answers come
 * back out of it, so the kernel never answers our crafted segments itself.
 */
#ifndef TCPI_TUN_H
#define TCPI_TUN_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#define TCPI_TH_FIN	0x01
#define TCPI_TH_SYN	0x02
#define TCPI_TH_RST	0x04
#define TCPI_TH_PSH	0x08
#define TCPI_TH_ACK	0x10

struct tcpi_seg {
	int family;			/* AF_INET or AF_INET6 */
	struct in6_addr saddr, daddr;	/* IPv4: s6_addr32[0] */
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;
	uint16_t window;
	int with_ts;			/* add the timestamp option */
	uint32_t tsval, tsecr;
	int syn_options;		/* MSS, SACK-permitted, window scale */
	uint16_t payload;		/* bytes of zeros after the header */
};

int tun_open(const char *ifname);
/* With IFF_* flags beyond IFF_TUN | IFF_NO_PI, such as IFF_NAPI. */
int tun_open_flags(const char *ifname, int flags);
size_t tun_build(const struct tcpi_seg *s, unsigned char *buf, size_t len);
void tun_send(int fd, const struct tcpi_seg *s);
int tun_parse(const unsigned char *pkt, size_t len, struct tcpi_seg *s);
void parse_ip(int family, const char *text, struct in6_addr *a);

#endif
