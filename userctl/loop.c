// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "loop.h"

static volatile sig_atomic_t ctl_stop_signal;

static void ctl_on_signal(int sig)
{
	ctl_stop_signal = sig;
}

void ctl_loop_init(void)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ctl_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/*
	 * Held blocked except inside ppoll(): a signal that comes between
	 * the check of the flag and the wait would otherwise be slept through.
	 */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, NULL);
}

uint64_t ctl_loop_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/*
 * Nobody reads stdout any more: what is still buffered can go nowhere,
 * and the final flush of main() must not report it as an error.
 */
static enum ctl_loop_state ctl_loop_reader_gone(void)
{
	if (!freopen("/dev/null", "w", stdout))
		clearerr(stdout);
	return CTL_LOOP_STOP;
}

enum ctl_loop_state ctl_loop_wait(uint64_t ns)
{
	uint64_t end = ctl_loop_now() + ns;
	sigset_t none;

	sigemptyset(&none);
	for (;;) {
		/* no events asked for: only POLLERR, a pipe with no reader */
		struct pollfd out = { .fd = STDOUT_FILENO, .events = 0 };
		uint64_t now = ctl_loop_now(), left;
		struct timespec ts;
		int ret;

		if (ctl_stop_signal)
			return CTL_LOOP_STOP;
		if (now >= end)
			return CTL_LOOP_GO_ON;
		left = end - now;
		ts.tv_sec = (time_t)(left / 1000000000u);
		ts.tv_nsec = (long)(left % 1000000000u);
		ret = ppoll(&out, 1, &ts, &none);
		if (ret > 0 && (out.revents & (POLLERR | POLLHUP | POLLNVAL)))
			return ctl_loop_reader_gone();
		if (ret < 0 && errno != EINTR) {
			ctl_err("waiting: %s", strerror(errno));
			return CTL_LOOP_ERROR;
		}
	}
}

enum ctl_loop_state ctl_loop_flush(void)
{
	if (!fflush(stdout) && !ferror(stdout))
		return ctl_stop_signal ? CTL_LOOP_STOP : CTL_LOOP_GO_ON;
	if (errno == EPIPE)
		return ctl_loop_reader_gone();
	ctl_err("writing to stdout: %s", strerror(errno ? errno : EIO));
	return CTL_LOOP_ERROR;
}
