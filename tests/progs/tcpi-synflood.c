// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-synflood: SYNs from spoofed peers that never complete the
 * handshake, through a TUN device, then swallow the kernel's answers
 * until killed (so they are not dropped on a full device queue).
 *
 *   tcpi-synflood [-6] -i IFACE -s SRC -d DST -p PORT -n N [-P PEERS]
 *
 * SYN k comes from source port 10000 + k and from one of PEERS addresses:
 * SRC with its last byte raised by k % PEERS. Prints "sent N" when done.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "progs.h"
#include "tun.h"

int main(int argc, char **argv)
{
	unsigned long port = 0, n = 0, peers = 1, k;
	const char *ifname = NULL, *src = NULL, *dst = NULL;
	int family = AF_INET, opt, fd;
	unsigned char buf[2048];
	struct tcpi_seg s;

	prog_name = "tcpi-synflood";
	while ((opt = getopt(argc, argv, "6i:s:d:p:n:P:")) != -1) {
		switch (opt) {
		case '6':
			family = AF_INET6;
			break;
		case 'i':
			ifname = optarg;
			break;
		case 's':
			src = optarg;
			break;
		case 'd':
			dst = optarg;
			break;
		case 'p':
			port = parse_ulong("-p", optarg, 65535);
			break;
		case 'n':
			n = parse_ulong("-n", optarg, 50000);
			break;
		case 'P':
			peers = parse_ulong("-P", optarg, 200);
			break;
		default:
			die("usage: tcpi-synflood [-6] -i IFACE -s SRC -d DST -p PORT -n N [-P PEERS]");
		}
	}
	if (!ifname || !src || !dst || !port || !n || !peers || optind != argc)
		die("usage: tcpi-synflood [-6] -i IFACE -s SRC -d DST -p PORT -n N [-P PEERS]");
	fd = tun_open(ifname);

	memset(&s, 0, sizeof(s));
	s.family = family;
	parse_ip(family, dst, &s.daddr);
	s.dport = port;
	s.flags = TCPI_TH_SYN;
	s.syn_options = 1;
	s.with_ts = 1;
	for (k = 0; k < n; k++) {
		parse_ip(family, src, &s.saddr);
		if (family == AF_INET)
			((unsigned char *)&s.saddr.s6_addr32[0])[3] += k % peers;
		else
			s.saddr.s6_addr[15] += k % peers;
		s.sport = 10000 + k;
		s.seq = 1000000 + k * 1000;
		s.tsval = 100000 + k;
		tun_send(fd, &s);
	}
	printf("sent %lu\n", n);
	fflush(stdout);
	for (;;)
		if (read(fd, buf, sizeof(buf)) < 0)
			die_errno("read from tun");
}
