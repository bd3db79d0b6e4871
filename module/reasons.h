/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Drop-reason names. Kernel reasons keep their own number as index, so the
 * hot path maps a reason with one comparison; names tcpinsight derives
 * itself follow them. Nothing here knows a reason number: the names come
 * from the running kernel.
 */
#ifndef TCPI_REASONS_H
#define TCPI_REASONS_H

#include <linux/types.h>

/* Room for the kernel's core reasons (126 on 7.2) plus derived ones. */
#define TCPI_REASON_SLOTS	512
#define TCPI_REASON_SUBSYS_MAX	16
#define TCPI_REASON_NAME_LEN	40

/* A raw reason no kernel uses: "this kernel gave no reason". */
#define TCPI_RAW_REASON_NONE	0xffffffffu
/* A kernel reason's subsystem is in its upper bits (6.5 and later). */
#define TCPI_RAW_REASON_SUBSYS_SHIFT	16

struct tcpi_reasons {
	const char *name[TCPI_REASON_SLOTS];
	/* kernel reason r (< nr_kernel) is counted at index r */
	unsigned int nr_kernel;
	/* slots in use: kernel reasons, then derived names */
	unsigned int nr;
	/* where a reason goes when the kernel gave none (before 5.17) */
	u16 not_specified;
	/* a kernel reason of subsystem s > 0 is counted at subsys[s] */
	u16 subsys[TCPI_REASON_SUBSYS_MAX];
	/* a kernel reason beyond every table (a newer kernel than ours) */
	u16 unknown;
	char subsys_names[TCPI_REASON_SUBSYS_MAX][TCPI_REASON_NAME_LEN];
};

int tcpi_reasons_init(struct tcpi_reasons *r, const char * const *kernel_names,
		      unsigned int nr_kernel);
int tcpi_reasons_intern(struct tcpi_reasons *r, const char *name);
u16 tcpi_reason_index(const struct tcpi_reasons *r, u32 raw);
const char *tcpi_reason_name(const struct tcpi_reasons *r, unsigned int idx);
bool tcpi_reason_is_native(const struct tcpi_reasons *r, unsigned int idx);

#endif
