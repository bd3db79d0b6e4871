// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-bench-synstorm: bare SYNs to 127.0.0.1 from a raw socket, each one
 * dropped: the cost of a drop.
 *
 *   tcpi-bench-synstorm -p PORT -n N [-P PORTS] [-w WARMUP] [-f]
 *
 * Without -f the ports are closed: the kernel drops each SYN (NO_SOCKET)
 * and answers with a RST to source port 9, where nobody listens either,
 * so the RST is dropped too: two drops per SYN. SYN k goes to port
 * PORT + k % PORTS, so PORTS distinct ports are in play (the warmup
 * reaches each of them once before timing starts when WARMUP >= PORTS).
 *
 * With -f, PORT listens with backlog 0 and one connection already waits
 * in its accept queue, which is therefore full: every SYN is dropped by
 * tcp_conn_request() (ListenOverflows), silently, one drop per SYN.
 *
 * Prints "ops N ns T warmup WARMUP" for N SYNs after WARMUP untimed ones.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench.h"
#include "tun.h"

#define SOURCE_PORT	9

static void usage(void)
{
	die("usage: tcpi-bench-synstorm -p PORT -n N [-P PORTS] [-w WARMUP] [-f]");
}

/* Backlog 0 and one connection not accepted: the accept queue is full. */
static void fill_accept_queue(unsigned long port)
{
	struct tcpi_addr a;
	int lfd, cfd, one = 1;

	parse_addr(&a, AF_INET, "127.0.0.1", port);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (lfd < 0)
		die_errno("socket");
	if (setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)))
		die_errno("SO_REUSEADDR");
	if (bind(lfd, (struct sockaddr *)&a.ss, a.len) || listen(lfd, 0))
		die_errno("listen on port %lu", port);
	cfd = socket(AF_INET, SOCK_STREAM, 0);
	if (cfd < 0 || connect(cfd, (struct sockaddr *)&a.ss, a.len))
		die_errno("connect");
}

static void send_syn(int fd, struct tcpi_seg *s, unsigned long dport)
{
	struct sockaddr_in dst = { .sin_family = AF_INET };
	unsigned char buf[256];
	size_t len;

	s->dport = dport;
	len = tun_build(s, buf, sizeof(buf));
	memcpy(&dst.sin_addr, &s->daddr.s6_addr32[0], 4);
	if (sendto(fd, buf, len, 0, (struct sockaddr *)&dst, sizeof(dst)) != (ssize_t)len)
		die_errno("sendto");
}

int main(int argc, char **argv)
{
	unsigned long port = 0, n = 0, ports = 1, warm = 1000, i;
	int opt, fd, full = 0;
	struct tcpi_seg s;
	uint64_t t0, t1;

	prog_name = "tcpi-bench-synstorm";
	while ((opt = getopt(argc, argv, "p:n:P:w:f")) != -1) {
		switch (opt) {
		case 'p':
			port = parse_ulong("-p", optarg, 65535);
			break;
		case 'n':
			n = parse_ulong("-n", optarg, 100000000);
			break;
		case 'P':
			ports = parse_ulong("-P", optarg, 65535);
			break;
		case 'w':
			warm = parse_ulong("-w", optarg, 100000000);
			break;
		case 'f':
			full = 1;
			break;
		default:
			usage();
		}
	}
	if (!port || !n || !ports || port + ports > 65536 || optind != argc ||
	    (full && ports != 1))
		usage();

	if (full)
		fill_accept_queue(port);
	/* IPPROTO_RAW: send only, so nothing queues up on this socket. */
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0)
		die_errno("raw socket");
	memset(&s, 0, sizeof(s));
	s.family = AF_INET;
	parse_ip(AF_INET, "127.0.0.1", &s.saddr);
	parse_ip(AF_INET, "127.0.0.1", &s.daddr);
	s.sport = SOURCE_PORT;
	s.seq = 1000000;
	s.flags = TCPI_TH_SYN;
	s.syn_options = 1;

	for (i = 0; i < warm; i++)
		send_syn(fd, &s, port + i % ports);
	t0 = bench_now_ns();
	for (i = 0; i < n; i++)
		send_syn(fd, &s, port + i % ports);
	t1 = bench_now_ns();
	bench_report(n, t1 - t0, warm);
	return 0;
}
