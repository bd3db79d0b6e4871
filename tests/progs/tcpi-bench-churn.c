// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-bench-churn: connect, accept and close against one loopback
 * listener, over and over: the SYN path, where the listen-queue hooks sit.
 *
 *   tcpi-bench-churn -p PORT -n N [-w WARMUP] [-L LISTENERS]
 *
 * -L opens that many listeners in all (the one connected to, and idle ones
 * on the ports above PORT), to see whether the cost per connection depends
 * on how many sockets listen. The client closes first; run with
 * net.ipv4.tcp_max_tw_buckets=0 so that no TIME_WAIT socket outlives its
 * connection and every connection finds the same tables. Prints
 * "ops N ns T warmup WARMUP" for N connections after WARMUP untimed ones.
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench.h"

static void usage(void)
{
	die("usage: tcpi-bench-churn -p PORT -n N [-w WARMUP] [-L LISTENERS]");
}

static int listen_on(unsigned long port)
{
	struct tcpi_addr a;
	int fd, one = 1;

	parse_addr(&a, AF_INET, "127.0.0.1", port);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		die_errno("socket");
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)))
		die_errno("SO_REUSEADDR");
	if (bind(fd, (struct sockaddr *)&a.ss, a.len) || listen(fd, 128))
		die_errno("listen on port %lu", port);
	return fd;
}

static void one_connection(int lfd, const struct tcpi_addr *a)
{
	int cfd = socket(AF_INET, SOCK_STREAM, 0), sfd;

	if (cfd < 0)
		die_errno("socket");
	if (connect(cfd, (const struct sockaddr *)&a->ss, a->len))
		die_errno("connect");
	sfd = accept(lfd, NULL, NULL);
	if (sfd < 0)
		die_errno("accept");
	close(cfd);
	close(sfd);
}

int main(int argc, char **argv)
{
	unsigned long port = 0, n = 0, warm = 200, listeners = 1, i;
	struct tcpi_addr a;
	uint64_t t0, t1;
	int opt, lfd;

	prog_name = "tcpi-bench-churn";
	while ((opt = getopt(argc, argv, "p:n:w:L:")) != -1) {
		switch (opt) {
		case 'p':
			port = parse_ulong("-p", optarg, 65535);
			break;
		case 'n':
			n = parse_ulong("-n", optarg, 100000000);
			break;
		case 'w':
			warm = parse_ulong("-w", optarg, 100000000);
			break;
		case 'L':
			listeners = parse_ulong("-L", optarg, 60000);
			break;
		default:
			usage();
		}
	}
	if (!port || !n || !listeners || port + listeners > 65536 || optind != argc)
		usage();

	bench_want_files(listeners + 4);
	lfd = listen_on(port);
	for (i = 1; i < listeners; i++)
		listen_on(port + i);
	parse_addr(&a, AF_INET, "127.0.0.1", port);

	for (i = 0; i < warm; i++)
		one_connection(lfd, &a);
	t0 = bench_now_ns();
	for (i = 0; i < n; i++)
		one_connection(lfd, &a);
	t1 = bench_now_ns();
	bench_report(n, t1 - t0, warm);
	return 0;
}
