// SPDX-License-Identifier: GPL-2.0
/*
 * The reason-name table, built once at load from the kernel's own names.
 * Drop-reason numbers are not ABI (they move even inside a stable series),
 * so only names leave this file.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "reasons.h"

#define TCPI_KERNEL_PREFIX	"SKB_DROP_REASON_"

static const char *tcpi_strip_prefix(const char *name)
{
	size_t len = strlen(TCPI_KERNEL_PREFIX);

	if (!strncmp(name, TCPI_KERNEL_PREFIX, len))
		return name + len;
	return name;
}

/**
 * tcpi_reasons_init() - build the table from the kernel's core reason names
 * @r: table to fill
 * @kernel_names: the kernel's names indexed by reason; NULL entries are
 *	reasons the kernel never reports (such as NOT_DROPPED_YET)
 * @nr_kernel: entries in @kernel_names, 0 on kernels without drop reasons
 *
 * Return: 0, or -ENOSPC if the names and the derived reasons do not fit.
 */
int tcpi_reasons_init(struct tcpi_reasons *r, const char * const *kernel_names,
		      unsigned int nr_kernel)
{
	unsigned int i;
	int idx;

	memset(r, 0, sizeof(*r));
	if (!kernel_names)
		nr_kernel = 0;
	/* Keep room for the derived names below. */
	if (nr_kernel > TCPI_REASON_SLOTS - TCPI_REASON_SUBSYS_MAX - 32)
		return -ENOSPC;
	for (i = 0; i < nr_kernel; i++)
		r->name[i] = kernel_names[i] ? tcpi_strip_prefix(kernel_names[i]) : NULL;
	r->nr_kernel = nr_kernel;
	r->nr = nr_kernel;

	idx = tcpi_reasons_intern(r, "NOT_SPECIFIED");
	if (idx < 0)
		return idx;
	r->not_specified = idx;

	idx = tcpi_reasons_intern(r, "UNKNOWN_REASON");
	if (idx < 0)
		return idx;
	r->unknown = idx;

	/*
	 * Subsystem reasons (mac80211, openvswitch, ...) are registered by
	 * other modules and can come and go: count them per subsystem.
	 */
	r->subsys[0] = r->unknown;
	for (i = 1; i < TCPI_REASON_SUBSYS_MAX; i++) {
		snprintf(r->subsys_names[i], TCPI_REASON_NAME_LEN,
			 "SUBSYSTEM_%u", i);
		idx = tcpi_reasons_intern(r, r->subsys_names[i]);
		if (idx < 0)
			return idx;
		r->subsys[i] = idx;
	}
	return 0;
}

/**
 * tcpi_reasons_intern() - index of a reason name, adding it if new
 * @r: the table
 * @name: the name; must outlive the table
 *
 * A name the kernel has keeps the kernel's index, so a derived reason and
 * the native one count together on kernels that have both.
 *
 * Return: the index, or -ENOSPC.
 */
int tcpi_reasons_intern(struct tcpi_reasons *r, const char *name)
{
	unsigned int i;

	for (i = 0; i < r->nr; i++)
		if (r->name[i] && !strcmp(r->name[i], name))
			return i;
	if (r->nr >= TCPI_REASON_SLOTS)
		return -ENOSPC;
	r->name[r->nr] = name;
	return r->nr++;
}

/**
 * tcpi_reason_index() - counter index of a reason the kernel reported
 * @r: the table
 * @raw: the kernel's reason, or TCPI_RAW_REASON_NONE
 *
 * Return: an index below @r->nr; never fails, so nothing is lost.
 */
u16 tcpi_reason_index(const struct tcpi_reasons *r, u32 raw)
{
	u32 subsys;

	if (raw < r->nr_kernel)
		return r->name[raw] ? raw : r->unknown;
	if (raw == TCPI_RAW_REASON_NONE)
		return r->not_specified;
	subsys = raw >> TCPI_RAW_REASON_SUBSYS_SHIFT;
	if (subsys && subsys < TCPI_REASON_SUBSYS_MAX)
		return r->subsys[subsys];
	return r->unknown;
}

const char *tcpi_reason_name(const struct tcpi_reasons *r, unsigned int idx)
{
	if (idx >= r->nr || !r->name[idx])
		return "UNKNOWN_REASON";
	return r->name[idx];
}

bool tcpi_reason_is_native(const struct tcpi_reasons *r, unsigned int idx)
{
	return idx < r->nr_kernel;
}
