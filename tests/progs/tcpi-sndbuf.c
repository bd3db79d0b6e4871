// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-sndbuf: a sender that fills its send buffer towards a peer that
 * never reads, then keeps trying.
 *
 *   tcpi-sndbuf -p PORT -k BLOCKED_SENDS -t TIMEOUT_MS
 *
 * Listens on 127.0.0.1:PORT, connects to it and accepts, with small
 * buffers on both ends. Non-blocking sends fill the sender's buffer until
 * it stays full (poll reports no room for 300 ms); then BLOCKED_SENDS
 * blocking sends with SO_SNDTIMEO=TIMEOUT_MS each wait for room that never
 * comes and fail with EAGAIN. Every send that found the buffer full (a
 * short count or EAGAIN) waited for memory in the kernel exactly once.
 * Prints "full=N blocked=K waited_ms=MS" and holds both ends open until
 * killed, so the counts stay attributed to a live connection.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "progs.h"

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000;
}

static void set_int(int fd, int opt, int v, const char *name)
{
	if (setsockopt(fd, SOL_SOCKET, opt, &v, sizeof(v)))
		die_errno("%s", name);
}

int main(int argc, char **argv)
{
	static char data[65536];
	unsigned long port = 0, blocked = 0, timeout_ms = 0, full = 0, i;
	struct tcpi_addr a;
	struct timeval tv;
	long waited = 0;
	int lfd, cfd, sfd, opt;

	prog_name = "tcpi-sndbuf";
	while ((opt = getopt(argc, argv, "p:k:t:")) != -1) {
		switch (opt) {
		case 'p':
			port = parse_ulong("-p", optarg, 65535);
			break;
		case 'k':
			blocked = parse_ulong("-k", optarg, 1000);
			break;
		case 't':
			timeout_ms = parse_ulong("-t", optarg, 60000);
			break;
		default:
			die("usage: tcpi-sndbuf -p PORT -k BLOCKED_SENDS -t TIMEOUT_MS");
		}
	}
	if (!port || !timeout_ms || optind != argc)
		die("usage: tcpi-sndbuf -p PORT -k BLOCKED_SENDS -t TIMEOUT_MS");

	parse_addr(&a, AF_INET, "127.0.0.1", port);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (lfd < 0)
		die_errno("socket");
	set_int(lfd, SO_REUSEADDR, 1, "SO_REUSEADDR");
	set_int(lfd, SO_RCVBUF, 4096, "SO_RCVBUF");
	if (bind(lfd, (struct sockaddr *)&a.ss, a.len) || listen(lfd, 1))
		die_errno("listen on port %lu", port);
	cfd = socket(AF_INET, SOCK_STREAM, 0);
	if (cfd < 0)
		die_errno("socket");
	set_int(cfd, SO_SNDBUF, 4096, "SO_SNDBUF");
	if (connect(cfd, (struct sockaddr *)&a.ss, a.len))
		die_errno("connect");
	sfd = accept(lfd, NULL, NULL);
	if (sfd < 0)
		die_errno("accept");

	if (fcntl(cfd, F_SETFL, O_NONBLOCK))
		die_errno("O_NONBLOCK");
	for (;;) {
		struct pollfd pfd = { .fd = cfd, .events = POLLOUT };
		ssize_t n = send(cfd, data, sizeof(data), 0);

		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
			die_errno("send");
		if (n == (ssize_t)sizeof(data))
			continue;
		full++;
		if (poll(&pfd, 1, 300) < 0)
			die_errno("poll");
		if (!(pfd.revents & POLLOUT))
			break;
	}

	if (fcntl(cfd, F_SETFL, 0))
		die_errno("blocking");
	tv.tv_sec = timeout_ms / 1000;
	tv.tv_usec = (timeout_ms % 1000) * 1000;
	if (setsockopt(cfd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)))
		die_errno("SO_SNDTIMEO");
	for (i = 0; i < blocked; i++) {
		long start = now_ms();
		ssize_t n = send(cfd, data, sizeof(data), 0);

		if (n >= 0)
			die("blocking send %lu found room for %zd bytes: the buffer was not full",
			    i, n);
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			die_errno("blocking send");
		waited += now_ms() - start;
	}
	printf("full=%lu blocked=%lu waited_ms=%ld\n", full + blocked, blocked, waited);
	fflush(stdout);
	pause();
	return 0;
}
