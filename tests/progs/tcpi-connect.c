// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-connect: N blocking connects to one address and port, each from its
 * own socket, optionally from known source ports, and check how they end.
 *
 *   tcpi-connect [-6] -a ADDR -p PORT [-n N] [-s SPORT_BASE]
 *                [-x refused|ok|addrnotavail|any] [-t SECONDS]
 *   tcpi-connect [-6] -a ADDR -p PORT [-n N] -k
 *
 * -s binds connect i to source port SPORT_BASE + i, so a test can find each
 * one in the events. -x says what every connect must end in (default any);
 * exit status 1 if one does not. Connections that succeed are closed.
 *
 * -k starts N connects without waiting for any and keeps every socket
 * open until killed, printing "started" once all SYNs are out: clients
 * of a listener that does not keep up.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "progs.h"

enum expect { EXPECT_ANY, EXPECT_REFUSED, EXPECT_OK, EXPECT_ADDRNOTAVAIL };

static void usage(void)
{
	die("usage: tcpi-connect [-6] -a ADDR -p PORT [-n N] [-s SPORT_BASE]\n"
	    "       [-x refused|ok|addrnotavail|any] [-t SECONDS] [-k]");
}

static int connect_one(const struct tcpi_addr *dst, int sport,
		       unsigned int timeout_s)
{
	struct timeval tv = { .tv_sec = timeout_s };
	int one = 1, fd, err = 0;

	fd = socket(dst->family, SOCK_STREAM, 0);
	if (fd < 0)
		die_errno("socket");
	if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)))
		die_errno("SO_SNDTIMEO");
	if (sport >= 0) {
		struct tcpi_addr src = { .family = dst->family };

		if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)))
			die_errno("SO_REUSEADDR");
		parse_addr(&src, dst->family,
			   dst->family == AF_INET ? "0.0.0.0" : "::", sport);
		if (bind(fd, (struct sockaddr *)&src.ss, src.len))
			die_errno("bind to source port %d", sport);
	}
	if (connect(fd, (const struct sockaddr *)&dst->ss, dst->len))
		err = errno;
	close(fd);
	return err;
}

static void __attribute__((noreturn))
connect_and_hold(const struct tcpi_addr *dst, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		int fd = socket(dst->family, SOCK_STREAM | SOCK_NONBLOCK, 0);

		if (fd < 0)
			die_errno("socket");
		if (connect(fd, (const struct sockaddr *)&dst->ss, dst->len) &&
		    errno != EINPROGRESS)
			die_errno("connect");
	}
	printf("started\n");
	fflush(stdout);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	unsigned long n = 1, port = 0, timeout_s = 5, i;
	unsigned long ok = 0, refused = 0, other = 0, noaddr = 0;
	enum expect expect = EXPECT_ANY;
	const char *host = NULL;
	int family = AF_INET, opt, last_other = 0;
	long sbase = -1;
	struct tcpi_addr dst;
	int hold = 0;

	prog_name = "tcpi-connect";
	while ((opt = getopt(argc, argv, "6a:p:n:s:x:t:k")) != -1) {
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
			n = parse_ulong("-n", optarg, 1000000);
			break;
		case 's':
			sbase = parse_ulong("-s", optarg, 65535);
			break;
		case 'k':
			hold = 1;
			break;
		case 't':
			timeout_s = parse_ulong("-t", optarg, 3600);
			break;
		case 'x':
			if (!strcmp(optarg, "refused"))
				expect = EXPECT_REFUSED;
			else if (!strcmp(optarg, "ok"))
				expect = EXPECT_OK;
			else if (!strcmp(optarg, "addrnotavail"))
				expect = EXPECT_ADDRNOTAVAIL;
			else if (!strcmp(optarg, "any"))
				expect = EXPECT_ANY;
			else
				usage();
			break;
		default:
			usage();
		}
	}
	if (!host || !port || optind != argc)
		usage();
	if (sbase >= 0 && sbase + n - 1 > 65535)
		die("-s %ld with -n %lu runs past port 65535", sbase, n);
	parse_addr(&dst, family, host, port);
	if (hold)
		connect_and_hold(&dst, n);

	for (i = 0; i < n; i++) {
		int err = connect_one(&dst, sbase >= 0 ? (int)(sbase + i) : -1,
				      timeout_s);

		if (!err) {
			ok++;
		} else if (err == ECONNREFUSED) {
			refused++;
		} else if (err == EADDRNOTAVAIL) {
			noaddr++;
		} else {
			other++;
			last_other = err;
		}
	}
	printf("connects %lu ok %lu refused %lu addrnotavail %lu other %lu\n",
	       n, ok, refused, noaddr, other);
	if (other)
		printf("last other error: %s\n", strerror(last_other));
	if ((expect == EXPECT_REFUSED && refused != n) ||
	    (expect == EXPECT_OK && ok != n) ||
	    (expect == EXPECT_ADDRNOTAVAIL && noaddr != n))
		return 1;
	return 0;
}
