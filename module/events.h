/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The event log: which events reach the ring (on or off, at most so many
 * a second) and the ring itself, which the control file can replace at
 * runtime (a new size, or emptied). The hot path finds the ring under
 * RCU; a replaced ring is freed only after a grace period.
 */
#ifndef TCPI_EVENTS_H
#define TCPI_EVENTS_H

#include <linux/compiler.h>
#include <linux/types.h>

#include "event.h"
#include "ring.h"

#define TCPI_EVENTS_RATE_MAX	1000000

struct tcpi_events_state {
	bool on;
	u32 rate;			/* events a second, 0: no limit */
};

extern struct tcpi_events_state tcpi_events_cfg;

/* Whether an event is worth building: logging is on. */
static inline bool tcpi_events_wanted(void)
{
	return READ_ONCE(tcpi_events_cfg.on);
}

int tcpi_events_init(u32 size, bool on, u32 rate);
void tcpi_events_exit(void);
void tcpi_event_log(const struct tcpi_event *ev);

void tcpi_events_set_on(bool on);
void tcpi_events_set_rate(u32 rate);
int tcpi_events_resize(u32 size);
int tcpi_events_empty(void);
void tcpi_events_zero_cpu(unsigned int cpu);

/* What a reader of the ring needs, taken under rcu_read_lock(). */
struct tcpi_ring *tcpi_events_ring(unsigned long *generation);
u64 tcpi_events_refused(void);

#endif
