// SPDX-License-Identifier: GPL-2.0
/* Arming and reading /proc/thread-self/fail-nth (failnth.h). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "failnth.h"
#include "progs.h"

static int failnth_fd = -1;

void failnth_open(void)
{
	failnth_fd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (failnth_fd < 0)
		die_errno("/proc/thread-self/fail-nth (a kernel without CONFIG_FAULT_INJECTION?)");
}

void failnth_arm(unsigned long n)
{
	char s[32];
	int len = snprintf(s, sizeof(s), "%lu", n);

	if (pwrite(failnth_fd, s, len, 0) != len)
		die_errno("arm fail-nth with %lu", n);
}

unsigned long failnth_left(void)
{
	char s[32];
	ssize_t len = pread(failnth_fd, s, sizeof(s) - 1, 0);

	if (len <= 0)
		die_errno("read fail-nth");
	s[len] = 0;
	return strtoul(s, NULL, 10);
}
