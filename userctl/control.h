/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Commands to the module through /proc/tcpinsight/control: checked here
 * first, the way the module checks them, so that a typo is a usage error
 * with a clear message rather than a refusal to look up in dmesg; then
 * written, one command per write().
 */
#ifndef CTL_CONTROL_H
#define CTL_CONTROL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The module's limits (control-spec). */
#define CTL_FILTER_PORTS_MAX	64
#define CTL_EVENTS_SIZE_MIN	16
#define CTL_EVENTS_SIZE_MAX	1048576
#define CTL_EVENTS_RATE_MAX	1000000

/*
 * Writes @cmd (one line, no newline) to the control file in a single
 * write(). Returns the exit status, after saying what went wrong:
 * CTL_EXIT_DENIED (EPERM, EACCES: needs CAP_NET_ADMIN), CTL_EXIT_REFUSED
 * (EINVAL: the module refused it), CTL_EXIT_NOT_LOADED, CTL_EXIT_RUNTIME.
 */
int ctl_control_send(const char *cmd);

/*
 * A decimal number within [@min, @max]: digits only, no sign, no
 * leading '+', no trailing junk, no overflow. @what names it in the
 * usage error. Returns 0, or -1 after reporting.
 */
int ctl_control_number(const char *cmd, const char *what, const char *s,
		       uint64_t min, uint64_t max, uint64_t *v);

/*
 * The ports of "filter port": one or more arguments, each a port or a
 * comma-separated list of them; 1..65535, at most 64, no duplicates.
 * Writes the list, comma-separated, to @out. Returns 0 or -1 after
 * reporting.
 */
int ctl_control_ports(char **args, int n, char *out, size_t len);

#endif
