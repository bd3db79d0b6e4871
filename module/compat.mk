# SPDX-License-Identifier: GPL-2.0
#
# The build half of the compat layer: which kernel API the headers being
# built against have, decided by reading them (distribution kernels
# backport, so version numbers lie). Each finding becomes a TCPI_HDR_*
# flag that module/compat.h turns into one API. Included by every Kbuild
# file that compiles tcpinsight code: the module's and the KUnit tests'.

tcpi_hdr = $(srctree)/include
tcpi_has = $(if $(shell grep -s -E -e '$(1)' $(tcpi_hdr)/$(2)),-D$(3))

tcpi_compat_flags := \
	$(call tcpi_has,const struct sock \*rx_sk,trace/events/skb.h,TCPI_HDR_KFREE_SKB_RX_SK_CONST) \
	$(call tcpi_has,[^t] struct sock \*rx_sk,trace/events/skb.h,TCPI_HDR_KFREE_SKB_RX_SK) \
	$(call tcpi_has,enum skb_drop_reason,trace/events/skb.h,TCPI_HDR_KFREE_SKB_REASON) \
	$(call tcpi_has,drop_reasons_by_subsys,net/dropreason.h,TCPI_HDR_DROP_REASONS_BY_SUBSYS) \
	$(call tcpi_has,const char \* const drop_reasons\[\],net/dropreason.h,TCPI_HDR_DROP_REASONS_FLAT)

tcpi_compat_flags += \
	$(call tcpi_has,icsk_listen_portaddr_node,net/inet_connection_sock.h,TCPI_HDR_LHASH2_ICSK_NODE) \
	$(call tcpi_has,inet_csk_reqsk_queue_len\(sk\) >= ,net/inet_connection_sock.h,TCPI_HDR_SYNQ_FULL_AT_MAX)

tcpi_compat_flags += \
	$(call tcpi_has,LINUX_MIB_PAWS_TW_REJECTED,uapi/linux/snmp.h,TCPI_HDR_MIB_PAWS_TW_REJECTED)

tcpi_compat_flags += \
	$(if $(wildcard $(tcpi_hdr)/net/rstreason.h),-DTCPI_HDR_RST_REASON) \
	$(call tcpi_has,void tcp_send_active_reset.struct sock \*sk. enum sk_rst_reason,net/tcp.h,TCPI_HDR_ACTIVE_RESET_REASON_ARG1) \
	$(call tcpi_has,const struct sk_buff \*skb. int err,trace/events/tcp.h,TCPI_HDR_RETRANSMIT_ERR) \
	$(call tcpi_has,void \*pde_data.const struct inode,linux/proc_fs.h,TCPI_HDR_PDE_DATA) \
	$(call tcpi_has,struct ftrace_ops \*op. struct ftrace_regs \*fregs,linux/ftrace.h,TCPI_HDR_FTRACE_REGS) \
	$(call tcpi_has,struct __arch_ftrace_regs,linux/ftrace_regs.h,TCPI_HDR_FTRACE_REGS_ARCH) \
	$(call tcpi_has,int ftrace_set_filter_ips,linux/ftrace.h,TCPI_HDR_FTRACE_SET_FILTER_IPS) \
	$(call tcpi_has,srcu_fast_notrace.*tracepoint_srcu,linux/tracepoint.h,TCPI_HDR_TRACEPOINT_SRCU)
