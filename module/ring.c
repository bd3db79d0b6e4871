// SPDX-License-Identifier: GPL-2.0
/*
 * Event ring. Ids count from 1. Event id lives in slot (id - 1) % size, and
 * the slot's gen says which id it holds, so a reader asking for an id that
 * has been overwritten, or is being written, gets nothing rather than the
 * wrong event.
 */
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/overflow.h>
#include <linux/vmalloc.h>

#include "ring.h"

#define TCPI_SLOT_BUSY	1ull

int tcpi_ring_bytes(u32 size, size_t *bytes)
{
	if (size < TCPI_RING_MIN || size > TCPI_RING_MAX)
		return -EINVAL;
	*bytes = struct_size((struct tcpi_ring *)NULL, slot, size);
	return 0;
}

struct tcpi_ring *tcpi_ring_alloc(u32 size)
{
	struct tcpi_ring *ring;
	size_t bytes;

	if (tcpi_ring_bytes(size, &bytes))
		return NULL;
	ring = vzalloc(bytes);
	if (!ring)
		return NULL;
	ring->size = size;
	atomic64_set(&ring->head, 0);
	return ring;
}

void tcpi_ring_free(struct tcpi_ring *ring)
{
	vfree(ring);
}

static struct tcpi_ring_slot *tcpi_ring_slot_of(const struct tcpi_ring *ring,
						u64 id)
{
	return (struct tcpi_ring_slot *)&ring->slot[(id - 1) % ring->size];
}

/**
 * tcpi_ring_push() - log one event
 * @ring: the ring
 * @ev: the event
 *
 * Safe from any context, on any number of CPUs at once, without locks.
 *
 * Return: the event's id, or 0 if its slot was still being written by an
 * event one lap older (the event is then lost, and tcpi_ring_held()
 * does not count it).
 */
u64 tcpi_ring_push(struct tcpi_ring *ring, const struct tcpi_event *ev)
{
	u64 id = atomic64_inc_return(&ring->head);
	struct tcpi_ring_slot *s = tcpi_ring_slot_of(ring, id);
	u64 old = READ_ONCE(s->gen);

	/* A newer lap already took the slot: this event is overwritten. */
	if ((old & TCPI_SLOT_BUSY) || (old >> 1) > id)
		return 0;
	/* Full barrier: readers see BUSY before any byte of the new event. */
	if (cmpxchg64(&s->gen, old, old | TCPI_SLOT_BUSY) != old)
		return 0;
	s->ev = *ev;
	/* Publish: a reader that sees this gen sees the whole event. */
	smp_store_release(&s->gen, id << 1);
	return id;
}

u64 tcpi_ring_head(const struct tcpi_ring *ring)
{
	return atomic64_read(&ring->head);
}

/**
 * tcpi_ring_first() - the oldest id the ring can still hold
 * @ring: the ring
 * @head: a value of tcpi_ring_head()
 *
 * Return: the first id of the window ending at @head (1 before a wrap).
 */
u64 tcpi_ring_first(const struct tcpi_ring *ring, u64 head)
{
	return head > ring->size ? head - ring->size + 1 : 1;
}

/**
 * tcpi_ring_read() - copy event @id, if the ring still holds it whole
 * @ring: the ring
 * @id: the event's id
 * @ev: where to copy it
 *
 * Return: true if @ev holds event @id.
 */
bool tcpi_ring_read(const struct tcpi_ring *ring, u64 id, struct tcpi_event *ev)
{
	const struct tcpi_ring_slot *s;
	u64 gen;

	if (!id)
		return false;
	s = tcpi_ring_slot_of(ring, id);
	/* Pairs with the release in tcpi_ring_push(). */
	gen = smp_load_acquire(&s->gen);
	if (gen != id << 1)
		return false;
	/* A writer may be overwriting the slot while it is copied... */
	*ev = data_race(s->ev);
	/* ...so the copy is good only if no writer claimed the slot meanwhile. */
	smp_rmb();
	return READ_ONCE(s->gen) == gen;
}

/**
 * tcpi_ring_held() - events of the window ending at @head the ring holds
 * @ring: the ring
 * @head: a value of tcpi_ring_head()
 *
 * Every id up to @head that is not held was lost, so the number lost is
 * exactly @head minus this, whatever raced.
 *
 * Return: the number of ids in the window whose event is readable.
 */
u64 tcpi_ring_held(const struct tcpi_ring *ring, u64 head)
{
	u64 id, held = 0;

	for (id = tcpi_ring_first(ring, head); id && id <= head; id++)
		if (READ_ONCE(tcpi_ring_slot_of(ring, id)->gen) == id << 1)
			held++;
	return held;
}

/**
 * tcpi_ring_carry() - start @to where @from ends
 * @to: a new ring no writer has seen yet
 * @from: a ring no writer pushes into any more
 *
 * @to hands out ids after @from's last and holds, with their ids, the
 * events of @from that fall in its own window: the newest ones if it is
 * smaller. Every id it does not hold counts as lost, as for any ring.
 */
void tcpi_ring_carry(struct tcpi_ring *to, const struct tcpi_ring *from)
{
	u64 head = tcpi_ring_head(from);
	struct tcpi_ring_slot *s;
	u64 id;

	atomic64_set(&to->head, head);
	for (id = tcpi_ring_first(to, head); id && id <= head; id++) {
		s = tcpi_ring_slot_of(to, id);
		/* no writer on either ring: plain copies are enough */
		if (tcpi_ring_read(from, id, &s->ev))
			s->gen = id << 1;
	}
}
