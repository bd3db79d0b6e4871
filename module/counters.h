/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per (netns, local port) counts of what is not a dropped segment but
 * explains trouble: resets, retransmissions, failed connects. Kept in a
 * table of the same kind as the drops per port, keyed by counter and an
 * optional reason, and shown in /proc/tcpinsight/tcp.
 */
#ifndef TCPI_COUNTERS_H
#define TCPI_COUNTERS_H

#include <linux/types.h>

enum tcpi_counter {
	TCPI_CNT_RST_SENT,		/* reason: why the kernel sent it */
	TCPI_CNT_RST_RECEIVED,
	TCPI_CNT_ABORT_ON_CLOSE,
	TCPI_CNT_RETRANSMITS,		/* segments, as RetransSegs counts */
	TCPI_CNT_RETRANS_HOST_QUEUED,
	TCPI_CNT_CONNECT_EADDRNOTAVAIL,	/* keyed by the destination port */
	TCPI_CNT_PRUNE_CALLED,		/* PruneCalled */
	TCPI_CNT_RCV_PRUNED,		/* RcvPruned */
	TCPI_CNT_OFO_PRUNED,		/* OfoPruned */
	TCPI_CNT_RCV_COLLAPSED,		/* TCPRcvCollapsed */
	TCPI_CNT_SNDBUF_FULL,
	TCPI_CNT_SNDBUF_WAIT,
	TCPI_CNT_SNDBUF_WAIT_US,
	TCPI_CNT_MAX,
};

/* No reason: printed as "-". */
#define TCPI_CNT_NO_REASON	0xff

static inline u16 tcpi_counter_key(enum tcpi_counter c, u8 reason)
{
	return (u16)c << 8 | reason;
}

const char *tcpi_counter_name(unsigned int counter);
const char *tcpi_counter_reason_name(unsigned int counter, unsigned int reason);

#endif
