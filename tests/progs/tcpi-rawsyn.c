// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-rawsyn: bare SYNs from random sources, sent from a raw socket as
 * hping3 --rand-source sends them, to a local address.
 *
 *   tcpi-rawsyn -d DST -p PORT -n N -s NET[,NET...] [-S SEED]
 *
 * SYN k comes from the k-th network of the list in turn (each NET an IPv4
 * /16 written as its first two bytes, "10.99"), from a host and a source
 * port of it drawn at random (a fixed SEED draws the same ones each run).
 * The raw socket loops them back through lo, so the kernel takes them as
 * received; its answers are routed to those sources like any other: a
 * network with a route takes them, one without makes the kernel count
 * IpOutNoRoutes. Prints "sent N".
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "progs.h"
#include "tun.h"

#define MAX_NETS	8

static void usage(void)
{
	die("usage: tcpi-rawsyn -d DST -p PORT -n N -s NET[,NET...] [-S SEED]");
}

/* "10.99" -> 10.99.0.0 in network order */
static uint32_t parse_net16(const char *s)
{
	unsigned int a, b;
	char end;

	if (sscanf(s, "%u.%u%c", &a, &b, &end) != 2 || a > 255 || b > 255)
		die("not a /16 as two bytes: '%s'", s);
	return htonl(a << 24 | b << 16);
}

/* xorshift32: the same draws for the same seed on every libc */
static uint32_t draw(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

int main(int argc, char **argv)
{
	unsigned long port = 0, n = 0, k;
	uint32_t nets[MAX_NETS], seed = 1;
	unsigned int nnets = 0;
	const char *dst = NULL;
	struct sockaddr_in to = { .sin_family = AF_INET };
	unsigned char buf[256];
	struct tcpi_seg s;
	char *list, *tok;
	int opt, fd;

	prog_name = "tcpi-rawsyn";
	while ((opt = getopt(argc, argv, "d:p:n:s:S:")) != -1) {
		switch (opt) {
		case 'd':
			dst = optarg;
			break;
		case 'p':
			port = parse_ulong("-p", optarg, 65535);
			break;
		case 'n':
			n = parse_ulong("-n", optarg, 10000000);
			break;
		case 's':
			list = optarg;
			while ((tok = strsep(&list, ",")) != NULL) {
				if (nnets == MAX_NETS)
					die("at most %d networks", MAX_NETS);
				nets[nnets++] = parse_net16(tok);
			}
			break;
		case 'S':
			seed = parse_ulong("-S", optarg, 0xffffffffUL);
			break;
		default:
			usage();
		}
	}
	if (!dst || !port || !n || !nnets || !seed || optind != argc)
		usage();

	/* IPPROTO_RAW: send only, and the IP header is ours to write. */
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0)
		die_errno("raw socket");
	memset(&s, 0, sizeof(s));
	s.family = AF_INET;
	parse_ip(AF_INET, dst, &s.daddr);
	memcpy(&to.sin_addr, &s.daddr.s6_addr32[0], 4);
	s.dport = port;
	s.flags = TCPI_TH_SYN;
	s.syn_options = 1;
	for (k = 0; k < n; k++) {
		uint32_t host = draw(&seed);
		size_t len;

		/* neither .0.0 nor .255.255 of the /16 */
		host = 1 + host % 0xfffe;
		s.saddr.s6_addr32[0] = nets[k % nnets] | htonl(host);
		s.sport = 1024 + draw(&seed) % 60000;
		s.seq = draw(&seed);
		len = tun_build(&s, buf, sizeof(buf));
		if (sendto(fd, buf, len, 0, (struct sockaddr *)&to, sizeof(to)) != (ssize_t)len)
			die_errno("sendto");
	}
	printf("sent %lu\n", n);
	return 0;
}
