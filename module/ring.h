/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The event ring: the last `size` drop events. Writers never wait: each
 * claims an id with one atomic increment and fills the slot the id maps
 * to; readers copy a slot and keep it only if its generation did not move,
 * so they never see a half-written event and never hold up a writer.
 */
#ifndef TCPI_RING_H
#define TCPI_RING_H

#include <linux/atomic.h>
#include <linux/sizes.h>
#include <linux/types.h>

#include "event.h"

#define TCPI_RING_MIN	16
#define TCPI_RING_MAX	SZ_1M

struct tcpi_ring_slot {
	/* id << 1 of the event it holds; bit 0 set while being written */
	u64 gen;
	struct tcpi_event ev;
};

struct tcpi_ring {
	u32 size;
	atomic64_t head;		/* ids handed out: the last event's id */
	struct tcpi_ring_slot slot[];
};

int tcpi_ring_bytes(u32 size, size_t *bytes);
struct tcpi_ring *tcpi_ring_alloc(u32 size);
void tcpi_ring_free(struct tcpi_ring *ring);
u64 tcpi_ring_push(struct tcpi_ring *ring, const struct tcpi_event *ev);
u64 tcpi_ring_head(const struct tcpi_ring *ring);
u64 tcpi_ring_first(const struct tcpi_ring *ring, u64 head);
bool tcpi_ring_read(const struct tcpi_ring *ring, u64 id, struct tcpi_event *ev);
u64 tcpi_ring_held(const struct tcpi_ring *ring, u64 head);
void tcpi_ring_carry(struct tcpi_ring *to, const struct tcpi_ring *from);

#endif
