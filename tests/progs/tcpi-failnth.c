// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-failnth: open() and read() a file whole with the kernel's fault
 * injection armed to fail the Nth allocation that makes
 * (/proc/thread-self/fail-nth: every failslab and fail_page_alloc site
 * counts, whatever the probabilities), so a loop over N walks every
 * allocation of a read, one failure at a time.
 *
 *   tcpi-failnth -n N FILE
 *
 * Prints "rc=0" or "rc=-1 errno=NAME", then "injected=1" when the Nth
 * allocation was reached (and failed) or "injected=0 sites=K" when the
 * read made only K allocations; with rc=0 the contents follow a "--"
 * line. Exit status 0 whenever it could tell; 2 on usage errors. The
 * buffer is allocated and touched before arming, so only the kernel's
 * allocations for the open and the reads are counted. Files up to 1 MiB.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "failnth.h"
#include "progs.h"

#define USAGE "usage: tcpi-failnth -n N FILE"
#define MAX_READ (1024 * 1024)

static const char *errno_name(int err)
{
	static char other[16];

	switch (err) {
	case ENOMEM: return "ENOMEM";
	case EINVAL: return "EINVAL";
	case ENODEV: return "ENODEV";
	case ENOSPC: return "ENOSPC";
	case EEXIST: return "EEXIST";
	case EBUSY: return "EBUSY";
	case EFAULT: return "EFAULT";
	case ENOENT: return "ENOENT";
	}
	snprintf(other, sizeof(other), "%d", err);
	return other;
}

int main(int argc, char **argv)
{
	const char *file;
	unsigned long n = 0, left;
	size_t out_len = 0;
	char *out;
	int opt, rc, err = 0, fd;
	ssize_t r;

	prog_name = "tcpi-failnth";
	while ((opt = getopt(argc, argv, "n:")) != -1) {
		switch (opt) {
		case 'n':
			n = parse_ulong("-n", optarg, 1000000000);
			break;
		default:
			die(USAGE);
		}
	}
	if (!n || optind != argc - 1)
		die(USAGE);
	file = argv[optind];
	out = malloc(MAX_READ);
	if (!out)
		die("out of memory");
	/* Touched now: a page fault in read() would be an allocation too. */
	memset(out, 0, MAX_READ);
	failnth_open();

	failnth_arm(n);
	fd = open(file, O_RDONLY);
	rc = fd < 0 ? -1 : 0;
	err = errno;
	while (fd >= 0 && out_len < MAX_READ) {
		r = read(fd, out + out_len, MAX_READ - out_len);
		if (r < 0) {
			rc = -1;
			err = errno;
			break;
		}
		if (r == 0)
			break;
		out_len += r;
	}
	if (fd >= 0)
		close(fd);
	left = failnth_left();
	failnth_arm(0);

	if (rc == 0)
		printf("rc=0\n");
	else
		printf("rc=-1 errno=%s\n", errno_name(err));
	if (left == 0)
		printf("injected=1\n");
	else
		printf("injected=0 sites=%lu\n", n - left);
	if (rc == 0) {
		printf("--\n");
		fwrite(out, 1, out_len, stdout);
	}
	return 0;
}
