/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The commands of /proc/tcpinsight/control, and the module parameters
 * that take the same values. Parsing never changes anything; a write is
 * applied only once every line of it has parsed.
 */
#ifndef TCPI_CONTROL_H
#define TCPI_CONTROL_H

#include <linux/types.h>

#include "filter.h"

int tcpi_control_run(const char *buf, size_t len);

/* For the module parameters: -EINVAL with *why set, or 0. */
int tcpi_control_parse_ports(const char *s, struct tcpi_port_list *ports,
			     const char **why);
int tcpi_control_parse_netns(const char *s, u32 *netns, const char **why);
int tcpi_control_parse_probes(const char *s, unsigned long *mask,
			      const char **why);

#endif
