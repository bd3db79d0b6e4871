// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-dropmon: the kernel's drop monitor (net/core/drop_monitor.c, the
 * NET_DM generic netlink family), switched on and off the way dropwatch
 * does, in summary mode: per CPU, a count per drop location, sent to
 * listeners a second after the first drop.
 *
 *   tcpi-dropmon start        summary mode, software drops (fails if on)
 *   tcpi-dropmon stop         (succeeds if it was off)
 *   tcpi-dropmon watch MS     add up the drops in the alerts that arrive
 *                             within MS milliseconds; print "drops N"
 */
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/net_dropmon.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench.h"

#define BUF_SIZE	16384

struct req {
	struct nlmsghdr nlh;
	struct genlmsghdr genl;
	char attrs[64];
};

static void usage(void)
{
	die("usage: tcpi-dropmon start|stop|watch MS");
}

static void put_attr(struct req *r, uint16_t type, const void *data, uint16_t len)
{
	struct nlattr *nla = (struct nlattr *)((char *)r + NLMSG_ALIGN(r->nlh.nlmsg_len));

	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((char *)nla + NLA_HDRLEN, data, len);
	r->nlh.nlmsg_len = NLMSG_ALIGN(r->nlh.nlmsg_len) + NLA_ALIGN(nla->nla_len);
}

static void init_req(struct req *r, uint16_t family, uint8_t cmd, uint8_t version)
{
	memset(r, 0, sizeof(*r));
	r->nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r->nlh.nlmsg_type = family;
	r->nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	r->genl.cmd = cmd;
	r->genl.version = version;
}

/*
 * Send @r, and return a copy of the first reply that is not an ACK (in
 * @reply_buf), or NULL when the kernel only acknowledged. An error reply
 * other than -@tolerated is fatal.
 */
static struct nlmsghdr *transact(int fd, struct req *r, char *reply_buf, int tolerated,
				 const char *what)
{
	static char buf[BUF_SIZE];
	struct nlmsghdr *reply = NULL;
	int done = 0;

	if (send(fd, r, r->nlh.nlmsg_len, 0) < 0)
		die_errno("%s: send", what);
	while (!done) {
		ssize_t n = recv(fd, buf, BUF_SIZE, 0);
		struct nlmsghdr *h;

		if (n < 0)
			die_errno("%s: recv", what);
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);

				if (e->error && -e->error != tolerated) {
					errno = -e->error;
					die_errno("%s", what);
				}
				done = 1;
			} else if (!reply && h->nlmsg_len <= BUF_SIZE) {
				reply = memcpy(reply_buf, h, h->nlmsg_len);
			}
		}
	}
	return reply;
}

/* The attributes of a generic netlink message, or of a nested attribute. */
#define for_each_attr(a, start, len)					\
	for ((a) = (struct nlattr *)(start);				\
	     (char *)(a) + NLA_HDRLEN <= (char *)(start) + (len) &&	\
	     (a)->nla_len >= NLA_HDRLEN &&				\
	     (char *)(a) + (a)->nla_len <= (char *)(start) + (len);	\
	     (a) = (struct nlattr *)((char *)(a) + NLA_ALIGN((a)->nla_len)))

/* NET_DM's family id, and the id of its "events" multicast group. */
static uint16_t resolve(int fd, uint32_t *group)
{
	static char buf[BUF_SIZE];
	struct nlmsghdr *h;
	struct nlattr *a, *g, *ga;
	uint16_t family = 0;
	struct req r;

	init_req(&r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1);
	put_attr(&r, CTRL_ATTR_FAMILY_NAME, "NET_DM", sizeof("NET_DM"));
	h = transact(fd, &r, buf, 0, "the NET_DM family (is drop_monitor loaded?)");
	if (!h)
		die("no reply for the NET_DM family");
	*group = 0;
	for_each_attr(a, (char *)NLMSG_DATA(h) + GENL_HDRLEN,
		      h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN)) {
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			memcpy(&family, (char *)a + NLA_HDRLEN, sizeof(family));
		if ((a->nla_type & NLA_TYPE_MASK) != CTRL_ATTR_MCAST_GROUPS)
			continue;
		for_each_attr(g, (char *)a + NLA_HDRLEN, a->nla_len - NLA_HDRLEN) {
			uint32_t id = 0;
			int events = 0;

			for_each_attr(ga, (char *)g + NLA_HDRLEN, g->nla_len - NLA_HDRLEN) {
				if (ga->nla_type == CTRL_ATTR_MCAST_GRP_ID)
					memcpy(&id, (char *)ga + NLA_HDRLEN, sizeof(id));
				if (ga->nla_type == CTRL_ATTR_MCAST_GRP_NAME &&
				    !strcmp((char *)ga + NLA_HDRLEN, "events"))
					events = 1;
			}
			if (events)
				*group = id;
		}
	}
	if (!family)
		die("the NET_DM reply has no family id");
	return family;
}

/* Drops in the summary alerts that arrive within @ms milliseconds. */
static unsigned long long watch(int fd, uint32_t group, unsigned long ms)
{
	static char buf[BUF_SIZE];
	uint64_t end = bench_now_ns() + ms * 1000000ull;
	unsigned long long drops = 0;

	if (!group)
		die("NET_DM has no events group");
	if (setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof(group)))
		die_errno("join the NET_DM events group");
	for (;;) {
		uint64_t now = bench_now_ns();
		struct pollfd p = { .fd = fd, .events = POLLIN };
		struct nlmsghdr *h;
		ssize_t n;

		if (now >= end)
			return drops;
		if (poll(&p, 1, (int)((end - now) / 1000000) + 1) <= 0)
			continue;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0)
			die_errno("recv alert");
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			const struct genlmsghdr *gh = NLMSG_DATA(h);
			struct nlattr *a;

			if (h->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN) ||
			    gh->cmd != NET_DM_CMD_ALERT)
				continue;
			/* one attribute: struct net_dm_alert_msg */
			for_each_attr(a, (char *)gh + GENL_HDRLEN,
				      h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN)) {
				const struct net_dm_alert_msg *msg =
					(const void *)((char *)a + NLA_HDRLEN);
				uint32_t i, entries;

				if (a->nla_len < NLA_HDRLEN + sizeof(*msg))
					continue;
				entries = msg->entries;
				if (NLA_HDRLEN + sizeof(*msg) + (size_t)entries *
				    sizeof(msg->points[0]) > a->nla_len)
					die("a NET_DM alert longer than its attribute");
				for (i = 0; i < entries; i++)
					drops += msg->points[i].count;
			}
		}
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	static char buf[BUF_SIZE];
	uint8_t mode = NET_DM_ALERT_MODE_SUMMARY;
	uint32_t group;
	uint16_t family;
	struct req r;
	int fd;

	prog_name = "tcpi-dropmon";
	if (argc < 2)
		usage();
	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)))
		die_errno("generic netlink socket");
	family = resolve(fd, &group);

	if (!strcmp(argv[1], "start") && argc == 2) {
		init_req(&r, family, NET_DM_CMD_CONFIG, 2);
		put_attr(&r, NET_DM_ATTR_ALERT_MODE, &mode, sizeof(mode));
		transact(fd, &r, buf, 0, "NET_DM summary mode");
		init_req(&r, family, NET_DM_CMD_START, 2);
		put_attr(&r, NET_DM_ATTR_SW_DROPS, NULL, 0);
		transact(fd, &r, buf, 0, "NET_DM start");
	} else if (!strcmp(argv[1], "stop") && argc == 2) {
		init_req(&r, family, NET_DM_CMD_STOP, 2);
		put_attr(&r, NET_DM_ATTR_SW_DROPS, NULL, 0);
		/* EAGAIN: it was not running */
		transact(fd, &r, buf, EAGAIN, "NET_DM stop");
	} else if (!strcmp(argv[1], "watch") && argc == 3) {
		unsigned long ms = parse_ulong("MS", argv[2], 3600000);

		printf("drops %llu\n", watch(fd, group, ms));
	} else {
		usage();
	}
	return 0;
}
