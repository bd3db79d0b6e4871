/* SPDX-License-Identifier: GPL-2.0 */
/* Text forms of what tcpinsight prints: one place, so /proc stays stable. */
#ifndef TCPI_FORMAT_H
#define TCPI_FORMAT_H

#include <linux/types.h>

#include "event.h"

/* "FSRP.UEW" at most, or "none", and the NUL */
#define TCPI_FLAGS_LEN		10
#define TCPI_LOC_LEN		128
#define TCPI_INFO_LEN		96
#define TCPI_EVENT_LINE_LEN	(320 + TCPI_LOC_LEN + TCPI_INFO_LEN)

int tcpi_format_tcp_flags(u8 tcpflags, char *buf, size_t len);
const char *tcpi_tcp_state_name(u8 state);
int tcpi_format_loc(const void *loc, char *buf, size_t len);
int tcpi_format_info(const struct tcpi_info *info, char *buf, size_t len);
int tcpi_format_event(char *buf, size_t len, const struct tcpi_event *ev,
		      const char *reason, u64 id);

#endif
