/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the benchmark workloads share: guest time and one result line.
 * Under QEMU's -icount shift=0 the guest's clock advances one nanosecond
 * per instruction, so nanoseconds per operation are instructions per
 * operation, repeatable whatever else the host is doing.
 */
#ifndef TCPI_BENCH_H
#define TCPI_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#include "progs.h"

static inline uint64_t bench_now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		die_errno("clock_gettime");
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* "ops N ns T warmup W": what tests/bench/ reads. */
static inline void bench_report(unsigned long ops, uint64_t ns, unsigned long warmup)
{
	printf("ops %lu ns %llu warmup %lu\n", ops, (unsigned long long)ns, warmup);
	fflush(stdout);
}

/* Room for @n descriptors beyond the usual few (root may raise the limit). */
static inline void bench_want_files(unsigned long n)
{
	struct rlimit rl = { .rlim_cur = n + 64, .rlim_max = n + 64 };

	if (setrlimit(RLIMIT_NOFILE, &rl))
		die_errno("RLIMIT_NOFILE %lu", n + 64);
}

#endif
