/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Drop counts per (netns, local port, reason): a fixed-size open-addressing
 * table whose keys are shared and written once, and whose counts are per
 * CPU, so the drop path takes no lock, allocates nothing and shares no
 * written cache line with other CPUs after a key's first drop.
 */
#ifndef TCPI_PORTTAB_H
#define TCPI_PORTTAB_H

#include <linux/sizes.h>
#include <linux/types.h>
#include <asm/local64.h>

/* A key that finds no free slot within this many probes overflows. */
#define TCPI_PORTTAB_PROBES	64
#define TCPI_PORTTAB_MIN	256
#define TCPI_PORTTAB_MAX	SZ_1M

struct tcpi_porttab {
	unsigned int size;		/* a power of two */
	unsigned int nr_cpus;
	atomic_t used;
	u64 *keys;			/* 0: free */
	local64_t *counts;		/* [nr_cpus][size] */
};

struct tcpi_port_key {
	u32 netns;
	u16 port;
	u16 reason;
};

static inline u64 tcpi_port_key_pack(u32 netns, u16 port, u16 reason)
{
	/* reason + 1 keeps every real key non-zero */
	return (u64)netns << 32 | (u64)port << 16 | (u16)(reason + 1);
}

static inline struct tcpi_port_key tcpi_port_key_unpack(u64 key)
{
	struct tcpi_port_key k = {
		.netns = key >> 32,
		.port = (key >> 16) & 0xffff,
		.reason = (u16)((key & 0xffff) - 1),
	};

	return k;
}

int tcpi_porttab_bytes(unsigned int size, unsigned int nr_cpus, size_t *bytes);
struct tcpi_porttab *tcpi_porttab_alloc(unsigned int size, unsigned int nr_cpus);
void tcpi_porttab_free(struct tcpi_porttab *t);
int tcpi_porttab_slot(struct tcpi_porttab *t, u64 key);
bool tcpi_porttab_add_n(struct tcpi_porttab *t, u64 key, unsigned int cpu,
			u64 n);
u64 tcpi_porttab_key(const struct tcpi_porttab *t, unsigned int slot);
u64 tcpi_porttab_count(const struct tcpi_porttab *t, unsigned int slot);
unsigned int tcpi_porttab_used(const struct tcpi_porttab *t);
void tcpi_porttab_zero_cpu(struct tcpi_porttab *t, unsigned int cpu);

/* Count one drop for @key on @cpu; false if the key does not fit. */
static inline bool tcpi_porttab_add(struct tcpi_porttab *t, u64 key,
				    unsigned int cpu)
{
	return tcpi_porttab_add_n(t, key, cpu, 1);
}

#endif
