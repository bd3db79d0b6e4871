// SPDX-License-Identifier: GPL-2.0
/*
 * tcpinsightctl ports: drops per network namespace, local port and
 * reason, and the tcp table's counters per port, largest first.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"
#include "err.h"
#include "json.h"
#include "num.h"
#include "outtable.h"
#include "procdir.h"
#include "snap.h"
#include "xalloc.h"

void ctl_help_ports(void)
{
	printf("Usage: " CTL_NAME " ports [--json]\n"
	       "\n"
	       "TCP drops per network namespace, local port and reason, largest\n"
	       "count first; then the tcp table: resets, closes with unread data,\n"
	       "retransmissions and connect() failures per namespace and port\n"
	       "(for connect_eaddrnotavail the port is the destination's).\n"
	       "\n"
	       "Options:\n"
	       "  --json      {\"ports\":[{\"netns\":N,\"port\":N,\"reason\":S,\"count\":N},\n"
	       "              ...],\"tcp\":[{\"netns\":N,\"port\":N,\"counter\":S,\n"
	       "              \"reason\":S,\"count\":N},...]}, in the same order;\n"
	       "              \"tcp\" is null for a module without that table\n"
	       "  -h, --help  show this help\n"
	       "\n%s", ctl_exit_help);
}

static int ctl_u64_desc(uint64_t a, uint64_t b)
{
	return a > b ? -1 : a < b;
}

/* Largest first, then by key: the rows were sorted by key. */
static int ctl_port_trouble_cmp(const void *a, const void *b)
{
	const struct ctl_port_row *x = a, *y = b;
	int ret = ctl_u64_desc(x->count, y->count);

	if (!ret)
		ret = -ctl_u64_desc(x->netns, y->netns);
	if (!ret)
		ret = -ctl_u64_desc(x->port, y->port);
	if (!ret)
		ret = strcmp(x->reason, y->reason);
	return ret;
}

static int ctl_tcp_trouble_cmp(const void *a, const void *b)
{
	const struct ctl_tcp_row *x = a, *y = b;
	int ret = ctl_u64_desc(x->count, y->count);

	if (!ret)
		ret = -ctl_u64_desc(x->netns, y->netns);
	if (!ret)
		ret = -ctl_u64_desc(x->port, y->port);
	if (!ret)
		ret = strcmp(x->counter, y->counter);
	if (!ret)
		ret = strcmp(x->reason, y->reason);
	return ret;
}

static void ctl_ports_json(const struct ctl_snap *s, bool has_tcp)
{
	struct ctl_json j;
	size_t i;

	ctl_json_init(&j, stdout);
	ctl_json_object_begin(&j);
	ctl_json_key(&j, "ports");
	ctl_json_array_begin(&j);
	for (i = 0; i < s->nports; i++) {
		ctl_json_object_begin(&j);
		ctl_json_key(&j, "netns");
		ctl_json_u64(&j, s->ports[i].netns);
		ctl_json_key(&j, "port");
		ctl_json_u64(&j, s->ports[i].port);
		ctl_json_key(&j, "reason");
		ctl_json_string(&j, s->ports[i].reason);
		ctl_json_key(&j, "count");
		ctl_json_u64(&j, s->ports[i].count);
		ctl_json_object_end(&j);
	}
	ctl_json_array_end(&j);
	ctl_json_key(&j, "tcp");
	if (!has_tcp) {
		ctl_json_null(&j);
	} else {
		ctl_json_array_begin(&j);
		for (i = 0; i < s->ntcp; i++) {
			ctl_json_object_begin(&j);
			ctl_json_key(&j, "netns");
			ctl_json_u64(&j, s->tcp[i].netns);
			ctl_json_key(&j, "port");
			ctl_json_u64(&j, s->tcp[i].port);
			ctl_json_key(&j, "counter");
			ctl_json_string(&j, s->tcp[i].counter);
			ctl_json_key(&j, "reason");
			ctl_json_string(&j, s->tcp[i].reason);
			ctl_json_key(&j, "count");
			ctl_json_u64(&j, s->tcp[i].count);
			ctl_json_object_end(&j);
		}
		ctl_json_array_end(&j);
	}
	ctl_json_object_end(&j);
	ctl_json_end(&j);
}

static void ctl_ports_text(const struct ctl_snap *s, bool has_tcp)
{
	static const struct ctl_outcol pcols[] = {
		{ "NETNS", CTL_LEFT, 0 },
		{ "PORT", CTL_RIGHT, 2 },
		{ "REASON", CTL_LEFT, 2 },
		{ "COUNT", CTL_RIGHT, 2 },
	};
	static const struct ctl_outcol tcols[] = {
		{ "NETNS", CTL_LEFT, 0 },
		{ "PORT", CTL_RIGHT, 2 },
		{ "COUNTER", CTL_LEFT, 2 },
		{ "REASON", CTL_LEFT, 2 },
		{ "COUNT", CTL_RIGHT, 2 },
	};
	char netns[24], port[8], num[CTL_NUM_GROUPED_LEN];
	struct ctl_outtable ot;
	const char *cells[5];
	size_t i;

	ctl_outtable_init(&ot, pcols, ARRAY_SIZE(pcols));
	for (i = 0; i < s->nports; i++) {
		snprintf(netns, sizeof(netns), "%" PRIu64, s->ports[i].netns);
		snprintf(port, sizeof(port), "%" PRIu64, s->ports[i].port);
		cells[0] = netns;
		cells[1] = port;
		cells[2] = s->ports[i].reason;
		cells[3] = ctl_group_u64(s->ports[i].count, num);
		ctl_outtable_add(&ot, cells);
	}
	ctl_outtable_print(&ot, stdout);
	ctl_outtable_free(&ot);
	if (!has_tcp)
		return;
	putchar('\n');
	ctl_outtable_init(&ot, tcols, ARRAY_SIZE(tcols));
	for (i = 0; i < s->ntcp; i++) {
		snprintf(netns, sizeof(netns), "%" PRIu64, s->tcp[i].netns);
		snprintf(port, sizeof(port), "%" PRIu64, s->tcp[i].port);
		cells[0] = netns;
		cells[1] = port;
		cells[2] = s->tcp[i].counter;
		cells[3] = s->tcp[i].reason;
		cells[4] = ctl_group_u64(s->tcp[i].count, num);
		ctl_outtable_add(&ot, cells);
	}
	ctl_outtable_print(&ot, stdout);
	ctl_outtable_free(&ot);
}

int ctl_cmd_ports(int argc, char **argv)
{
	unsigned int what = CTL_SNAP_PORTS;
	struct ctl_snap s;
	bool json, has_tcp;
	char *tcp;
	int ret;

	ret = ctl_parse_json_only(argc, argv, ctl_help_ports, &json);
	if (ret != CTL_PARSE_CONTINUE)
		return ret;
	/* a module from before the tcp table still has its ports */
	tcp = ctl_procdir_path("tcp");
	has_tcp = !access(tcp, F_OK);
	free(tcp);
	if (has_tcp)
		what |= CTL_SNAP_TCP;
	ret = ctl_snap_load(&s, what);
	if (ret)
		goto out;
	qsort(s.ports, s.nports, sizeof(*s.ports), ctl_port_trouble_cmp);
	qsort(s.tcp, s.ntcp, sizeof(*s.tcp), ctl_tcp_trouble_cmp);
	if (json)
		ctl_ports_json(&s, has_tcp);
	else
		ctl_ports_text(&s, has_tcp);
	ret = ctl_finish_output();
out:
	ctl_snap_free(&s);
	return ret;
}
