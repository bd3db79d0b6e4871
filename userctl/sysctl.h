/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's sysctls, read from /proc/sys (or the directory in
 * $TCPINSIGHT_SYSCTL, for tests): the values explain names.
 */
#ifndef CTL_SYSCTL_H
#define CTL_SYSCTL_H

#include <stdbool.h>
#include <stdint.h>

#define CTL_SYSCTL_DEFAULT	"/proc/sys"
#define CTL_SYSCTL_ENV		"TCPINSIGHT_SYSCTL"

/*
 * The value of @name ("net.core.somaxconn"), its blanks squeezed to one
 * space, allocated; NULL if this kernel has no such sysctl or it cannot
 * be read.
 */
char *ctl_sysctl_get(const char *name);

/* A one-number sysctl; false if it is absent or not a number. */
bool ctl_sysctl_u64(const char *name, uint64_t *v);

/* The @i-th (from 0) of the numbers of a sysctl like tcp_rmem. */
bool ctl_sysctl_nth(const char *name, unsigned int i, uint64_t *v);

#endif
