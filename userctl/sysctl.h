/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What explain reads of the kernel besides tcpinsight: sysctls from
 * ROOT/sys and the tool's own network namespace from ROOT/self/ns/net,
 * ROOT being /proc or $TCPINSIGHT_PROC_ROOT (a fixture in the tests).
 */
#ifndef CTL_SYSCTL_H
#define CTL_SYSCTL_H

#include <stdbool.h>
#include <stdint.h>

#define CTL_PROC_ROOT_DEFAULT	"/proc"
#define CTL_PROC_ROOT_ENV	"TCPINSIGHT_PROC_ROOT"

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

/*
 * The inode of the network namespace the tool runs in (the one whose
 * sysctls it reads), from the link "net:[INODE]"; false if unknown.
 */
bool ctl_own_netns(uint64_t *inode);

#endif
