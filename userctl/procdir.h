/* SPDX-License-Identifier: GPL-2.0 */
/* Where tcpinsight's files are, and whether they are there at all. */
#ifndef CTL_PROCDIR_H
#define CTL_PROCDIR_H

#define CTL_PROC_DEFAULT	"/proc/tcpinsight"
#define CTL_PROC_ENV		"TCPINSIGHT_PROC"

/*
 * Checks that the directory exists. Returns CTL_EXIT_OK, or the exit
 * status after reporting: CTL_EXIT_NOT_LOADED (in exactly one line) when
 * it does not exist, CTL_EXIT_RUNTIME when it cannot be used.
 */
int ctl_procdir_check(void);

/* "DIR/NAME", allocated; DIR is $TCPINSIGHT_PROC or /proc/tcpinsight. */
char *ctl_procdir_path(const char *name);

#endif
