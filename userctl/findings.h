/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What explain found: for each problem, how big it is, where, what it
 * means in plain words, what to look at, and what to change (sysctls
 * with their values now, or the application). Shown to people as
 * numbered, wrapped paragraphs, or as JSON.
 */
#ifndef CTL_FINDINGS_H
#define CTL_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

struct ctl_strv {
	char **v;
	size_t n;
	size_t cap;
};

struct ctl_finding {
	const char *kind;	/* a stable name: accept_queue_overflow, ... */
	uint64_t count;		/* how much trouble; the largest come first */
	bool has_netns;
	uint64_t netns;
	bool has_port;
	uint64_t port;
	char *title;
	struct ctl_strv text;		/* what happened and why */
	struct ctl_strv look;		/* where to look */
	struct ctl_strv consider;	/* what to change */
	struct ctl_strv sysctl;		/* names it cites ... */
	struct ctl_strv sysctl_val;	/* ... and their values ("" if absent) */
};

struct ctl_findings {
	struct ctl_finding *f;
	size_t n;
	size_t cap;
};

struct ctl_finding *ctl_finding_add(struct ctl_findings *fs,
				    const char *kind, uint64_t count);
void ctl_finding_where(struct ctl_finding *f, uint64_t netns, bool has_port,
		       uint64_t port);
void ctl_finding_title(struct ctl_finding *f, const char *fmt, ...)
	CTL_PRINTF(2, 3);
void ctl_finding_text(struct ctl_finding *f, const char *fmt, ...)
	CTL_PRINTF(2, 3);
void ctl_finding_look(struct ctl_finding *f, const char *fmt, ...)
	CTL_PRINTF(2, 3);
void ctl_finding_consider(struct ctl_finding *f, const char *fmt, ...)
	CTL_PRINTF(2, 3);

/*
 * Reads sysctl @name, records it in @f, and returns its value for the
 * text ("absent" if this kernel has none); valid while @f lives.
 */
const char *ctl_finding_sysctl(struct ctl_finding *f, const char *name);

/* Largest count first, then by kind, netns, port. */
void ctl_findings_sort(struct ctl_findings *fs);
void ctl_findings_print(const struct ctl_findings *fs);
void ctl_findings_json(const struct ctl_findings *fs);
void ctl_findings_free(struct ctl_findings *fs);

#endif
