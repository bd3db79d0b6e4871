// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-bench-pingpong: request/response on one persistent loopback
 * connection, one byte each way: the path every healthy connection takes,
 * where nothing is dropped.
 *
 *   tcpi-bench-pingpong -p PORT -n N [-w WARMUP] [-s SPORT]
 *
 * Prints "ops N ns T warmup WARMUP": guest nanoseconds for N round trips
 * after WARMUP untimed ones. -s connects from that source port, so that
 * every run uses the same 4-tuple (and the same hash buckets) whatever
 * ephemeral ports earlier runs took.
 */
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

static void usage(void)
{
	die("usage: tcpi-bench-pingpong -p PORT -n N [-w WARMUP] [-s SPORT]");
}

static void round_trip(int fd)
{
	char c = 'x';

	if (write(fd, &c, 1) != 1)
		die_errno("write");
	if (read(fd, &c, 1) != 1)
		die_errno("read");
}

static void __attribute__((noreturn)) echo(int fd)
{
	char c;
	ssize_t n;

	while ((n = read(fd, &c, 1)) == 1) {
		if (write(fd, &c, 1) != 1)
			die_errno("echo write");
	}
	if (n < 0)
		die_errno("echo read");
	_exit(0);
}

int main(int argc, char **argv)
{
	unsigned long port = 0, n = 0, warm = 1000, sport = 0, i;
	uint64_t t0, t1;
	int opt, lfd, cfd, sfd, one = 1, status;
	struct tcpi_addr a;
	pid_t pid;

	prog_name = "tcpi-bench-pingpong";
	while ((opt = getopt(argc, argv, "p:n:w:s:")) != -1) {
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
		case 's':
			sport = parse_ulong("-s", optarg, 65535);
			break;
		default:
			usage();
		}
	}
	if (!port || !n || optind != argc)
		usage();

	parse_addr(&a, AF_INET, "127.0.0.1", port);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (lfd < 0)
		die_errno("socket");
	if (setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)))
		die_errno("SO_REUSEADDR");
	if (bind(lfd, (struct sockaddr *)&a.ss, a.len) || listen(lfd, 1))
		die_errno("listen on port %lu", port);
	cfd = socket(AF_INET, SOCK_STREAM, 0);
	if (cfd < 0)
		die_errno("socket");
	if (sport) {
		struct tcpi_addr src;

		parse_addr(&src, AF_INET, "127.0.0.1", sport);
		if (setsockopt(cfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
		    bind(cfd, (struct sockaddr *)&src.ss, src.len))
			die_errno("bind to source port %lu", sport);
	}
	if (connect(cfd, (struct sockaddr *)&a.ss, a.len))
		die_errno("connect");
	sfd = accept(lfd, NULL, NULL);
	if (sfd < 0)
		die_errno("accept");
	close(lfd);
	if (setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) ||
	    setsockopt(sfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)))
		die_errno("TCP_NODELAY");

	pid = fork();
	if (pid < 0)
		die_errno("fork");
	if (!pid) {
		close(cfd);
		echo(sfd);
	}
	close(sfd);

	for (i = 0; i < warm; i++)
		round_trip(cfd);
	t0 = bench_now_ns();
	for (i = 0; i < n; i++)
		round_trip(cfd);
	t1 = bench_now_ns();
	close(cfd);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		die("the echo side failed");
	bench_report(n, t1 - t0, warm);
	return 0;
}
