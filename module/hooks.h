/* SPDX-License-Identifier: GPL-2.0 */
/* The functions the kernel calls into, one per probe. */
#ifndef TCPI_HOOKS_H
#define TCPI_HOOKS_H

#include <linux/kprobes.h>
#include <linux/skbuff.h>

void tcpi_on_kfree_skb(TCPI_KFREE_SKB_PROBE_ARGS);
int tcpi_on_tcp_v4_send_reset(struct kprobe *kp, struct pt_regs *regs);
int tcpi_on_tcp_v6_send_reset(struct kprobe *kp, struct pt_regs *regs);

#endif
