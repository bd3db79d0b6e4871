// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-listen: a listener that never accepts, or many that come and go.
 *
 *   tcpi-listen [-6] [-a ADDR] -p PORT [-b BACKLOG] [-n LISTENERS]
 *   tcpi-listen [-6] [-a ADDR] -p PORT [-b BACKLOG] -c CYCLES [-n PORTS]
 *
 * The first form listens on PORT .. PORT+LISTENERS-1 and holds them until
 * killed, printing "listening" once all are up. On SIGUSR1 it accepts
 * every connection waiting on them, closes them, and prints "drained N":
 * an application that catches up. With -w BYTES it writes BYTES to each
 * instead, and keeps it open. With -r BYTES the listeners' SO_RCVBUF (which
 * the connections inherit) is BYTES. The second opens and
 * closes a listener CYCLES times, on PORT .. PORT+PORTS-1 in turn, then
 * exits: clients connecting meanwhile race the closes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "progs.h"

static unsigned long rcvbuf;

static int listen_on(int family, const char *host, unsigned int port, int backlog)
{
	struct tcpi_addr a;
	int one = 1, fd;

	parse_addr(&a, family, host, port);
	fd = socket(family, SOCK_STREAM, 0);
	if (fd < 0)
		die_errno("socket");
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)))
		die_errno("SO_REUSEADDR");
	if (rcvbuf && setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &(int){ (int)rcvbuf },
				 sizeof(int)))
		die_errno("SO_RCVBUF");
	if (bind(fd, (struct sockaddr *)&a.ss, a.len))
		die_errno("bind %s port %u", host, port);
	if (listen(fd, backlog))
		die_errno("listen");
	return fd;
}

static void __attribute__((noreturn)) usage(void)
{
	die("usage: tcpi-listen [-6] [-a ADDR] -p PORT [-b BACKLOG] [-n N]\n"
	    "       [-c CYCLES] [-w BYTES] [-r RCVBUF]");
}

/* What C allows a signal handler to set. */
static volatile sig_atomic_t drain_asked;

static void on_usr1(int sig)
{
	(void)sig;
	drain_asked = 1;
}

static unsigned long drain(const int *fds, unsigned long n, unsigned long bytes)
{
	static char data[65536];
	unsigned long i, accepted = 0;
	int c;

	for (i = 0; i < n; i++) {
		while ((c = accept4(fds[i], NULL, NULL, SOCK_NONBLOCK)) >= 0) {
			accepted++;
			if (!bytes) {
				close(c);
				continue;
			}
			if (write(c, data, bytes) != (ssize_t)bytes)
				die_errno("write");
		}
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			die_errno("accept");
	}
	return accepted;
}

int main(int argc, char **argv)
{
	static int fds[10000];
	unsigned long port = 0, backlog = 128, n = 1, cycles = 0, bytes = 0, i;
	int family = AF_INET, opt;
	const char *host = NULL;

	prog_name = "tcpi-listen";
	while ((opt = getopt(argc, argv, "6a:p:b:n:c:w:r:")) != -1) {
		switch (opt) {
		case '6':
			family = AF_INET6;
			break;
		case 'a':
			host = optarg;
			break;
		case 'p':
			port = parse_ulong("-p", optarg, 65535);
			break;
		case 'b':
			backlog = parse_ulong("-b", optarg, 1000000);
			break;
		case 'n':
			n = parse_ulong("-n", optarg, 10000);
			break;
		case 'c':
			cycles = parse_ulong("-c", optarg, 100000000);
			break;
		case 'w':
			bytes = parse_ulong("-w", optarg, 65536);
			break;
		case 'r':
			rcvbuf = parse_ulong("-r", optarg, 1 << 30);
			break;
		default:
			usage();
		}
	}
	if (!port || !n || port + n - 1 > 65535 || optind != argc)
		usage();
	if (!host)
		host = family == AF_INET ? "0.0.0.0" : "::";

	if (cycles) {
		for (i = 0; i < cycles; i++)
			close(listen_on(family, host, port + i % n, backlog));
		printf("%lu listeners opened and closed\n", cycles);
		return 0;
	}
	signal(SIGUSR1, on_usr1);
	for (i = 0; i < n; i++) {
		fds[i] = listen_on(family, host, port + i, backlog);
		if (fcntl(fds[i], F_SETFL, O_NONBLOCK))
			die_errno("O_NONBLOCK");
	}
	printf("listening\n");
	fflush(stdout);
	for (;;) {
		pause();
		if (drain_asked) {
			drain_asked = 0;
			printf("drained %lu\n", drain(fds, n, bytes));
			fflush(stdout);
		}
	}
}
