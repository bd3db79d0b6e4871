// SPDX-License-Identifier: GPL-2.0
/*
 * LD_PRELOAD shim for the control tests: every write() to a file named
 * "control" is logged to $TCPI_FAKE_LOG as "<length>:<bytes>" and a
 * newline, one record per call, so the tests see how the tool cut its
 * commands into writes; with $TCPI_FAKE_ERRNO set, the write fails with
 * that errno instead, the way the module answers (EPERM, EINVAL).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t len)
{
	static ssize_t (*real_write)(int, const void *, size_t);
	const char *log = getenv("TCPI_FAKE_LOG");
	const char *err = getenv("TCPI_FAKE_ERRNO");
	char link[64], path[4096];
	ssize_t n;
	FILE *f;

	if (!real_write)
		real_write = (ssize_t (*)(int, const void *, size_t))
			dlsym(RTLD_NEXT, "write");
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	if (n < 8)
		return real_write(fd, buf, len);
	path[n] = '\0';
	if (strcmp(path + n - 8, "/control"))
		return real_write(fd, buf, len);
	if (log) {
		f = fopen(log, "a");
		if (f) {
			fprintf(f, "%zu:", len);
			fwrite(buf, 1, len, f);
			fputc('\n', f);
			fclose(f);
		}
	}
	if (err && *err) {
		errno = atoi(err);
		return -1;
	}
	return real_write(fd, buf, len);
}
