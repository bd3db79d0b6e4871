/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What gets recorded: every record, or only those of some local ports,
 * of one network namespace, or both. With no filter set the hot path pays
 * one patched-out jump; with one, an RCU read of a port bitmap.
 */
#ifndef TCPI_FILTER_H
#define TCPI_FILTER_H

#include <linux/jump_label.h>
#include <linux/types.h>

#define TCPI_FILTER_PORTS_MAX	64

/* A port list as the control file and filter_ports= give it. */
struct tcpi_port_list {
	u16 port[TCPI_FILTER_PORTS_MAX];
	unsigned int nr;
};

/* A record whose local port is not known: no port filter lets it through. */
#define TCPI_FILTER_NO_PORT	(-1)

DECLARE_STATIC_KEY_FALSE(tcpi_filter_active);

bool tcpi_filter_match(u32 netns, int port);

/**
 * tcpi_filter_pass() - whether a record of @netns and local @port is kept
 * @netns: network namespace inode
 * @port: local port, or TCPI_FILTER_NO_PORT
 *
 * Return: true with no filter set, else whether the record matches it.
 */
static inline bool tcpi_filter_pass(u32 netns, int port)
{
	if (!static_branch_unlikely(&tcpi_filter_active))
		return true;
	return tcpi_filter_match(netns, port);
}

void tcpi_filter_skipped(u64 n);
u64 tcpi_filter_skipped_total(void);
void tcpi_filter_zero_cpu(unsigned int cpu);

int tcpi_filter_set_ports(const struct tcpi_port_list *ports);
int tcpi_filter_set_netns(u32 netns);
void tcpi_filter_off(void);
void tcpi_filter_exit(void);

struct seq_file;
void tcpi_filter_show(struct seq_file *m);

#endif
