/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Prometheus text exposition format (version 0.0.4), as node_exporter's
 * textfile collector reads it: a HELP and a TYPE line per metric family,
 * then its samples; label values and help text escaped.
 */
#ifndef CTL_PROM_H
#define CTL_PROM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ctl_prom_label {
	const char *name;
	const char *value;
};

/* "# HELP NAME HELP" and "# TYPE NAME TYPE". */
void ctl_prom_family(FILE *f, const char *name, const char *type,
		     const char *help);

/* "NAME{L="V",...} VALUE"; @value is a number already written out. */
void ctl_prom_sample(FILE *f, const char *name,
		     const struct ctl_prom_label *labels, size_t n,
		     const char *value);

void ctl_prom_sample_u64(FILE *f, const char *name,
			 const struct ctl_prom_label *labels, size_t n,
			 uint64_t value);

#endif
