// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-flood: as many bare SYNs to one closed port as fast as this machine
 * can, written to a TUN device: each write is received synchronously and
 * dropped by the kernel as a segment that found no socket, one drop per
 * write, with no connect() and no socket state to set up (several times
 * faster than connect() under an emulated CPU).
 *
 *   tcpi-flood -i IFACE -s SRC -d DST -p PORT -n N [-P PORTS] [-F] [-v EVERY]
 *
 * SYN k comes from SRC, source port 1024 + k % 64512, sequence number k,
 * and goes to port PORT + k % PORTS (PORTS 1 by default). With -F the
 * process has the kernel's fault injection fail its allocations
 * (/proc/self/make-it-fail, once the TUN device is open): a write the
 * kernel refuses with ENOMEM or ENOBUFS is counted and tried again. The
 * kernel then receives each SYN in its NET_RX softirq (IFF_NAPI), not
 * within the write: there the injection would fail the receive path's
 * own allocations too (an input route, say), and a SYN the write took
 * would be lost before TCP saw it. So with -F a SYN is received soon
 * after its write returns, not before.
 * With -v, "sent K in MS ms" goes to stderr every EVERY SYNs, so that a
 * flood cut short by its time limit still tells how fast it went.
 * Prints "sent N in MS ms, F refused" when done. Only IPv4: an IPv6 RST that finds no
 * route is built and then freed as dropped, an IPv4 one is never built, so
 * a source without a route back keeps one drop per SYN.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "progs.h"
#include "tun.h"

#define USAGE "usage: tcpi-flood -i IFACE -s SRC -d DST -p PORT -n N [-P PORTS] [-F] [-v EVERY]"

static unsigned long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Whether failslab and fail_page_alloc may fail this task's allocations.
 * The file stays open: opening it again would be an allocation that may
 * fail.
 */
static void make_it_fail(int on)
{
	static int fd = -1;

	if (fd < 0)
		fd = open("/proc/self/make-it-fail", O_WRONLY);
	if (fd < 0 || pwrite(fd, on ? "1" : "0", 1, 0) != 1)
		die_errno("/proc/self/make-it-fail");
}

int main(int argc, char **argv)
{
	unsigned long port = 0, n = 0, ports = 1, refused = 0, every = 0, k;
	const char *ifname = NULL, *src = NULL, *dst = NULL;
	unsigned char buf[256];
	unsigned long long start;
	struct tcpi_seg s;
	int opt, fd, failing = 0;
	size_t len;
	ssize_t w;

	prog_name = "tcpi-flood";
	while ((opt = getopt(argc, argv, "i:s:d:p:n:P:Fv:")) != -1) {
		switch (opt) {
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
			n = parse_ulong("-n", optarg, 100000000);
			break;
		case 'P':
			ports = parse_ulong("-P", optarg, 65535);
			break;
		case 'F':
			failing = 1;
			break;
		case 'v':
			every = parse_ulong("-v", optarg, 100000000);
			break;
		default:
			die(USAGE);
		}
	}
	if (!ifname || !src || !dst || !port || !n || !ports ||
	    port + ports - 1 > 65535 || optind != argc)
		die(USAGE);
	fd = tun_open_flags(ifname, failing ? IFF_NAPI : 0);
	if (failing)
		make_it_fail(1);

	memset(&s, 0, sizeof(s));
	s.family = AF_INET;
	parse_ip(AF_INET, src, &s.saddr);
	parse_ip(AF_INET, dst, &s.daddr);
	s.flags = TCPI_TH_SYN;
	start = now_ms();
	for (k = 0; k < n; k++) {
		s.sport = 1024 + k % 64512;
		s.dport = port + k % ports;
		s.seq = k;
		len = tun_build(&s, buf, sizeof(buf));
		for (;;) {
			w = write(fd, buf, len);
			if (w >= 0)
				break;
			if (errno == EINTR)
				continue;
			if (!failing || (errno != ENOMEM && errno != ENOBUFS))
				break;
			refused++;
		}
		if (w < 0)
			die_errno("write SYN %lu to %s", k, ifname);
		/* A short write would be a segment the kernel never saw. */
		if (w != (ssize_t)len)
			die("SYN %lu: wrote %zd of %zu bytes", k, w, len);
		/* Not while failing: printing allocates too. */
		if (every && !failing && (k + 1) % every == 0)
			fprintf(stderr, "sent %lu in %llu ms\n", k + 1, now_ms() - start);
	}
	/* Printing allocates (the kernel's side of the write) too. */
	if (failing)
		make_it_fail(0);
	printf("sent %lu in %llu ms, %lu refused\n", n, now_ms() - start, refused);
	return 0;
}
