// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-abort: N times, a client sends data the server never reads, and
 * the server closes: the kernel discards the data and resets the
 * connection (TCPAbortOnClose). The client must see the reset.
 *
 *   tcpi-abort [-6] -a ADDR -p PORT -n N [-b BYTES]
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "progs.h"

static void wait_for(int fd, short events, const char *what)
{
	struct pollfd p = { .fd = fd, .events = events };

	if (poll(&p, 1, 5000) != 1)
		die("no %s within 5 s", what);
}

int main(int argc, char **argv)
{
	unsigned long port = 0, n = 1, bytes = 100, i, resets = 0;
	int family = AF_INET, opt, one = 1, lfd;
	const char *host = NULL;
	char buf[65536];
	struct tcpi_addr a;

	prog_name = "tcpi-abort";
	while ((opt = getopt(argc, argv, "6a:p:n:b:")) != -1) {
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
		case 'n':
			n = parse_ulong("-n", optarg, 100000);
			break;
		case 'b':
			bytes = parse_ulong("-b", optarg, sizeof(buf));
			break;
		default:
			die("usage: tcpi-abort [-6] -a ADDR -p PORT -n N [-b BYTES]");
		}
	}
	if (!host || !port || !bytes || optind != argc)
		die("usage: tcpi-abort [-6] -a ADDR -p PORT -n N [-b BYTES]");
	memset(buf, 'x', sizeof(buf));
	parse_addr(&a, family, host, port);
	lfd = socket(family, SOCK_STREAM, 0);
	if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(lfd, (struct sockaddr *)&a.ss, a.len) || listen(lfd, 16))
		die_errno("listen on port %lu", port);

	for (i = 0; i < n; i++) {
		int c = socket(family, SOCK_STREAM, 0), s;
		ssize_t r;

		if (c < 0 || connect(c, (struct sockaddr *)&a.ss, a.len))
			die_errno("connect");
		s = accept(lfd, NULL, NULL);
		if (s < 0)
			die_errno("accept");
		if (write(c, buf, bytes) != (ssize_t)bytes)
			die_errno("write");
		/* The data has arrived, unread, when the server closes. */
		wait_for(s, POLLIN, "data at the server");
		close(s);
		wait_for(c, POLLIN | POLLERR, "reset at the client");
		r = read(c, buf, sizeof(buf));
		if (r < 0 && errno == ECONNRESET)
			resets++;
		close(c);
	}
	printf("aborted %lu, client saw %lu resets\n", n, resets);
	return resets == n ? 0 : 1;
}
