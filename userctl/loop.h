/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pace of the commands that run until stopped (events -f, watch):
 * waiting an interval, and noticing the three ways they end cleanly,
 * SIGINT, SIGTERM, and the reader of stdout going away.
 */
#ifndef CTL_LOOP_H
#define CTL_LOOP_H

#include <stdint.h>

enum ctl_loop_state {
	CTL_LOOP_GO_ON,
	CTL_LOOP_STOP,		/* a signal, or nobody reads stdout any more */
	CTL_LOOP_ERROR,		/* stdout failed otherwise; reported */
};

/*
 * Catches SIGINT and SIGTERM (they set a flag instead of killing) and
 * ignores SIGPIPE, so that a closed pipe is a write error (EPIPE) the
 * loop sees and ends on, not a death with half a line written.
 */
void ctl_loop_init(void);

/* Waits @ns nanoseconds, or less if it is time to stop. */
enum ctl_loop_state ctl_loop_wait(uint64_t ns);

/* Flushes stdout: EPIPE means stop, another error is reported. */
enum ctl_loop_state ctl_loop_flush(void);

/* CLOCK_MONOTONIC, in nanoseconds. */
uint64_t ctl_loop_now(void);

#endif
