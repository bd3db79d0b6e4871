// SPDX-License-Identifier: GPL-2.0
/* Names of the counters in /proc/tcpinsight/tcp: part of the format. */
#include <linux/kernel.h>

#include "counters.h"

static const char * const tcpi_counter_names[TCPI_CNT_MAX] = {
	[TCPI_CNT_RST_SENT] = "rst_sent",
	[TCPI_CNT_RST_RECEIVED] = "rst_received",
	[TCPI_CNT_ABORT_ON_CLOSE] = "abort_on_close",
	[TCPI_CNT_RETRANSMITS] = "retransmits",
	[TCPI_CNT_RETRANS_HOST_QUEUED] = "retrans_host_queued",
	[TCPI_CNT_CONNECT_EADDRNOTAVAIL] = "connect_eaddrnotavail",
	[TCPI_CNT_PRUNE_CALLED] = "prune_called",
	[TCPI_CNT_RCV_PRUNED] = "rcv_pruned",
	[TCPI_CNT_OFO_PRUNED] = "ofo_pruned",
	[TCPI_CNT_RCV_COLLAPSED] = "rcv_collapsed",
	[TCPI_CNT_SNDBUF_FULL] = "sndbuf_full",
	[TCPI_CNT_SNDBUF_WAIT] = "sndbuf_wait",
	[TCPI_CNT_SNDBUF_WAIT_US] = "sndbuf_wait_us",
};

const char *tcpi_counter_name(unsigned int counter)
{
	return counter < TCPI_CNT_MAX ? tcpi_counter_names[counter] : "unknown";
}

const char *tcpi_counter_reason_name(unsigned int counter, unsigned int reason)
{
	if (reason == TCPI_CNT_NO_REASON)
		return "-";
	if (counter == TCPI_CNT_RST_SENT && reason < TCPI_RST_REASONS &&
	    tcpi_rst_reason_name(reason))
		return tcpi_rst_reason_name(reason);
	return "UNKNOWN";
}
