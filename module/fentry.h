/* SPDX-License-Identifier: GPL-2.0 */
/* Function-entry hooks on tcpinsight's own ftrace_ops (fentry.c). */
#ifndef TCPI_FENTRY_H
#define TCPI_FENTRY_H

#include <linux/ptrace.h>
#include <linux/types.h>

/* more than there are entry hooks */
#define TCPI_FENTRY_MAX	16

struct tcpi_fentry_site {
	unsigned long ip;
	void (*on_entry)(struct pt_regs *regs);
};

void tcpi_fentry_anchor(void);
int tcpi_fentry_add(unsigned long ip, void (*on_entry)(struct pt_regs *regs));
int tcpi_fentry_start(void);
int tcpi_fentry_set(unsigned long *ips, unsigned int n, bool arm);
void tcpi_fentry_stop(void);

#endif
