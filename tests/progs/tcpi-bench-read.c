// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-bench-read: read a file from start to end, over and over, the way
 * a monitoring agent reads /proc/tcpinsight, and say how long it took.
 *
 *   tcpi-bench-read [-n PASSES] [-b BUFSIZE] [-t SECONDS] FILE
 *
 * Prints "ops PASSES ns T bytes B max_read_ns M": B is the size of one
 * pass, M the longest single read() call, which is how long the reader
 * held its CPU in the kernel at a stretch. -t reads for that many seconds
 * (of guest time) instead of a number of passes.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench.h"

static void usage(void)
{
	die("usage: tcpi-bench-read [-n PASSES] [-b BUFSIZE] [-t SECONDS] FILE");
}

int main(int argc, char **argv)
{
	unsigned long passes = 1, bufsize = 4096, seconds = 0, done;
	uint64_t t0, t1, worst = 0, end = 0, bytes = 0;
	char *buf;
	int opt;

	prog_name = "tcpi-bench-read";
	while ((opt = getopt(argc, argv, "n:b:t:")) != -1) {
		switch (opt) {
		case 'n':
			passes = parse_ulong("-n", optarg, 100000000);
			break;
		case 'b':
			bufsize = parse_ulong("-b", optarg, 1 << 24);
			break;
		case 't':
			seconds = parse_ulong("-t", optarg, 3600);
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1 || !passes || !bufsize)
		usage();
	buf = malloc(bufsize);
	if (!buf)
		die("out of memory");

	t0 = bench_now_ns();
	if (seconds)
		end = t0 + seconds * 1000000000ull;
	for (done = 0; seconds ? bench_now_ns() < end : done < passes; done++) {
		int fd = open(argv[optind], O_RDONLY);
		uint64_t pass_bytes = 0;

		if (fd < 0)
			die_errno("open %s", argv[optind]);
		for (;;) {
			uint64_t s = bench_now_ns(), d;
			ssize_t n = read(fd, buf, bufsize);

			d = bench_now_ns() - s;
			if (d > worst)
				worst = d;
			if (n < 0)
				die_errno("read %s", argv[optind]);
			if (!n)
				break;
			pass_bytes += (uint64_t)n;
		}
		close(fd);
		bytes = pass_bytes;
	}
	t1 = bench_now_ns();
	printf("ops %lu ns %llu bytes %llu max_read_ns %llu\n", done,
	       (unsigned long long)(t1 - t0), (unsigned long long)bytes,
	       (unsigned long long)worst);
	return 0;
}
