/* SPDX-License-Identifier: GPL-2.0 */
/* export: every table in one go, for monitoring systems. */
#ifndef CTL_EXPORT_H
#define CTL_EXPORT_H

#include "snap.h"

/* Prometheus text exposition of @s, on stdout. */
void ctl_export_prom(const struct ctl_snap *s);

/*
 * The JSON document of @s and the events file at @events_path, on
 * stdout. Returns 0, or -1 (before printing anything) after naming a
 * malformed events line.
 */
int ctl_export_json(const struct ctl_snap *s, const char *events_path);

#endif
