// SPDX-License-Identifier: GPL-2.0
/*
 * The per-port table. Insertion claims a key slot with cmpxchg, so two CPUs
 * (or a softirq interrupting a task on one CPU) inserting the same key end
 * up in the same slot; keys are never removed, so a slot's key, once set,
 * never changes and readers need no synchronisation beyond READ_ONCE.
 */
#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>

#include "porttab.h"

/**
 * tcpi_porttab_bytes() - memory a table of @size slots takes
 * @size: slots, a power of two in [TCPI_PORTTAB_MIN, TCPI_PORTTAB_MAX]
 * @nr_cpus: CPUs that count into it
 * @bytes: result
 *
 * Return: 0, or -EINVAL for a size out of range.
 */
int tcpi_porttab_bytes(unsigned int size, unsigned int nr_cpus, size_t *bytes)
{
	if (size < TCPI_PORTTAB_MIN || size > TCPI_PORTTAB_MAX ||
	    !is_power_of_2(size) || !nr_cpus)
		return -EINVAL;
	*bytes = sizeof(struct tcpi_porttab) +
		 (size_t)size * sizeof(u64) * (1 + (size_t)nr_cpus);
	return 0;
}

struct tcpi_porttab *tcpi_porttab_alloc(unsigned int size, unsigned int nr_cpus)
{
	struct tcpi_porttab *t;
	size_t bytes;

	if (tcpi_porttab_bytes(size, nr_cpus, &bytes))
		return NULL;
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return NULL;
	t->size = size;
	t->nr_cpus = nr_cpus;
	t->keys = kvcalloc(size, sizeof(*t->keys), GFP_KERNEL);
	t->counts = kvcalloc(array_size(size, nr_cpus), sizeof(*t->counts),
			     GFP_KERNEL);
	if (!t->keys || !t->counts) {
		tcpi_porttab_free(t);
		return NULL;
	}
	return t;
}

void tcpi_porttab_free(struct tcpi_porttab *t)
{
	if (!t)
		return;
	kvfree(t->keys);
	kvfree(t->counts);
	kfree(t);
}

/**
 * tcpi_porttab_slot() - find or claim the slot of @key
 * @t: the table
 * @key: a non-zero key from tcpi_port_key_pack()
 *
 * Return: the slot, or -ENOSPC when no slot within TCPI_PORTTAB_PROBES of
 * the key's home is free or holds it.
 */
int tcpi_porttab_slot(struct tcpi_porttab *t, u64 key)
{
	unsigned int mask = t->size - 1;
	unsigned int slot = hash_64(key, ilog2(t->size));
	unsigned int i;

	for (i = 0; i < TCPI_PORTTAB_PROBES && i < t->size; i++) {
		u64 *k = &t->keys[slot];
		u64 seen = READ_ONCE(*k);

		if (!seen) {
			seen = cmpxchg64(k, 0, key);
			if (!seen) {
				atomic_inc(&t->used);
				return slot;
			}
		}
		if (seen == key)
			return slot;
		slot = (slot + 1) & mask;
	}
	return -ENOSPC;
}

/**
 * tcpi_porttab_add_n() - add @n to @key's count on @cpu
 * @t: the table
 * @key: the key
 * @cpu: the current CPU
 * @n: how much (a time in microseconds can be large)
 *
 * Return: false if the key does not fit (the caller counts the overflow).
 */
bool tcpi_porttab_add_n(struct tcpi_porttab *t, u64 key, unsigned int cpu,
			u64 n)
{
	int slot;

	/* Refused before a slot is claimed: no key without a count. */
	if (cpu >= t->nr_cpus)
		return false;
	slot = tcpi_porttab_slot(t, key);
	if (slot < 0)
		return false;
	/* local64: an interrupting softirq on this CPU cannot lose a count */
	local64_add(n, &t->counts[(size_t)cpu * t->size + slot]);
	return true;
}

u64 tcpi_porttab_key(const struct tcpi_porttab *t, unsigned int slot)
{
	return READ_ONCE(t->keys[slot]);
}

u64 tcpi_porttab_count(const struct tcpi_porttab *t, unsigned int slot)
{
	u64 sum = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < t->nr_cpus; cpu++)
		sum += local64_read(&t->counts[(size_t)cpu * t->size + slot]);
	return sum;
}

unsigned int tcpi_porttab_used(const struct tcpi_porttab *t)
{
	return atomic_read(&t->used);
}

/**
 * tcpi_porttab_zero_cpu() - forget the counts of @cpu
 * @t: the table
 * @cpu: a CPU; the caller runs on it (or it is offline), so no count of
 *	its can be half-way through an increment
 *
 * Keys stay: a key's slot may be in use by a writer on another CPU, so it
 * is never taken back. A key without counts is not shown.
 */
void tcpi_porttab_zero_cpu(struct tcpi_porttab *t, unsigned int cpu)
{
	unsigned int slot;

	if (cpu >= t->nr_cpus)
		return;
	for (slot = 0; slot < t->size; slot++)
		local64_set(&t->counts[(size_t)cpu * t->size + slot], 0);
}
