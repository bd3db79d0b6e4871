/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every table of /proc/tcpinsight read and checked at once, as numbers:
 * what export, explain and watch work from. Rows point into the tables
 * they were read from, which the snapshot keeps.
 */
#ifndef CTL_SNAP_H
#define CTL_SNAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "summary.h"
#include "listener.h"
#include "table.h"

struct ctl_drop_row {
	const char *reason;
	uint64_t count;
};

struct ctl_port_row {
	uint64_t netns;
	uint64_t port;
	const char *reason;
	uint64_t count;
	unsigned long lineno;
};

struct ctl_tcp_row {
	uint64_t netns;
	uint64_t port;
	const char *counter;
	const char *reason;
	uint64_t count;
	unsigned long lineno;
};

struct ctl_probe_row {
	const char *name;
	const char *state;
	const char *type;
	uint64_t hits;
	uint64_t missed;
};

/* Which files to read. */
enum {
	CTL_SNAP_SUMMARY = 1 << 0,
	CTL_SNAP_PROBES = 1 << 1,
	CTL_SNAP_DROPS = 1 << 2,
	CTL_SNAP_PORTS = 1 << 3,
	CTL_SNAP_TCP = 1 << 4,
	CTL_SNAP_LISTENERS = 1 << 5,
	CTL_SNAP_ALL = (1 << 6) - 1,
};

struct ctl_snap {
	unsigned int what;
	char *path[6];
	struct ctl_summary summary;
	struct ctl_table t_probes, t_drops, t_ports, t_tcp, t_listeners;
	struct ctl_probe_row *probes;
	size_t nprobes;
	/* drops largest first, then by name; ports and tcp by key */
	struct ctl_drop_row *drops;
	size_t ndrops;
	uint64_t drops_total;
	struct ctl_port_row *ports;
	size_t nports;
	struct ctl_tcp_row *tcp;
	size_t ntcp;
	struct ctl_listener *listeners;	/* trouble first */
	size_t nlisteners;
};

/*
 * Reads the files @what names. Returns CTL_EXIT_OK, or the exit status
 * after reporting (not loaded, or a file missing or malformed).
 */
int ctl_snap_load(struct ctl_snap *s, unsigned int what);

void ctl_snap_free(struct ctl_snap *s);

/* The count of @reason in drops, 0 if none. */
uint64_t ctl_snap_drops(const struct ctl_snap *s, const char *reason);

#endif
