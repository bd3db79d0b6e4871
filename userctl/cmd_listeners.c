// SPDX-License-Identifier: GPL-2.0
/*
 * tcpinsightctl listeners: every listening socket's accept and SYN queue,
 * the ones turning connections away first.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "err.h"
#include "hist.h"
#include "listener.h"
#include "json.h"
#include "num.h"
#include "outtable.h"
#include "procdir.h"
#include "table.h"
#include "xalloc.h"

void ctl_help_listeners(void)
{
	printf("Usage: " CTL_NAME " listeners [--json]\n"
	       "\n"
	       "Every listening TCP socket tcpinsight tracks, in every network\n"
	       "namespace, the ones in trouble first: most connections turned\n"
	       "away (OVERFLOWS + SYN-DROPS), then the fullest accept queue,\n"
	       "then by NETNS and port.\n"
	       "\n"
	       "  ACCEPT     connections waiting for accept() / the accept queue's\n"
	       "             limit (ss -lnt Recv-Q / Send-Q)\n"
	       "  FULL%%      100 * waiting / limit, rounded up: above 100 the queue\n"
	       "             is full and the next connection is turned away;\n"
	       "             - when the limit is 0\n"
	       "  PEAK       the most connections that waited at once\n"
	       "  SYNQ       half-open requests / the length at which SYNs are\n"
	       "             dropped or answered with cookies (0: every SYN gets one)\n"
	       "  SYNPEAK    the longest the SYN queue has been\n"
	       "  OVERFLOWS  connections turned away: the accept queue was full\n"
	       "  SYN-DROPS  SYNs dropped, for any reason\n"
	       "  COOKIES    SYN cookies sent\n"
	       "  SYNS       SYNs received\n"
	       "\n"
	       "Options:\n"
	       "  --json      {\"listeners\":[{\"netns\":N,\"family\":N,\"addr\":S,\n"
	       "              \"port\":N,\"accept_cur\":N,...,\"syns\":N,\"accept_hist\":\n"
	       "              [{\"low\":N,\"count\":N},...],\"accept_full_pct\":N|null},\n"
	       "              ...]}: every column of the file, in its order, then\n"
	       "              FULL%%; listeners in the order above\n"
	       "  -h, --help  show this help\n"
	       "\n%s", ctl_exit_help);
}

static void ctl_listeners_json(const struct ctl_listener *l, size_t n)
{
	struct ctl_json j;
	size_t i;

	ctl_json_init(&j, stdout);
	ctl_json_object_begin(&j);
	ctl_json_key(&j, "listeners");
	ctl_json_array_begin(&j);
	for (i = 0; i < n; i++)
		ctl_listener_json(&j, &l[i]);
	ctl_json_array_end(&j);
	ctl_json_object_end(&j);
	ctl_json_end(&j);
}

/* The cells of one listener as people read them; listen is allocated. */
struct ctl_listener_row {
	char netns[CTL_NUM_GROUPED_LEN];
	char port[CTL_NUM_GROUPED_LEN];
	char *listen;
	char accept[2 * CTL_NUM_GROUPED_LEN];
	char pct[CTL_NUM_GROUPED_LEN];
	char peak[CTL_NUM_GROUPED_LEN];
	char synq[2 * CTL_NUM_GROUPED_LEN];
	char num[5][CTL_NUM_GROUPED_LEN];
	const char *cells[11];
};

/* "cur/max", both grouped. */
static void ctl_fraction(char *buf, size_t len, uint64_t cur, uint64_t max)
{
	char a[CTL_NUM_GROUPED_LEN], b[CTL_NUM_GROUPED_LEN];

	snprintf(buf, len, "%s/%s", ctl_group_u64(cur, a),
		 ctl_group_u64(max, b));
}

static void ctl_listener_row(struct ctl_listener_row *r,
			     const struct ctl_listener *l)
{
	static const int counts[5] = {
		L_SYN_PEAK, L_OVERFLOWS, L_SYN_DROPS, L_COOKIES, L_SYNS,
	};
	int k;

	/* identifiers, not quantities: not grouped */
	snprintf(r->netns, sizeof(r->netns), "%" PRIu64, l->v[L_NETNS]);
	snprintf(r->port, sizeof(r->port), "%" PRIu64, l->v[L_PORT]);
	r->listen = ctl_endpoint(l->addr_text, r->port);
	ctl_fraction(r->accept, sizeof(r->accept), l->v[L_ACCEPT_CUR],
		     l->v[L_ACCEPT_MAX]);
	ctl_fraction(r->synq, sizeof(r->synq), l->v[L_SYN_CUR],
		     l->v[L_SYN_MAX]);
	r->cells[0] = r->netns;
	r->cells[1] = r->listen;
	r->cells[2] = r->accept;
	r->cells[3] = l->has_pct ? ctl_group_u64(l->pct, r->pct) : "-";
	r->cells[4] = ctl_group_u64(l->v[L_ACCEPT_PEAK], r->peak);
	r->cells[5] = r->synq;
	for (k = 0; k < 5; k++)
		r->cells[6 + k] = ctl_group_u64(l->v[counts[k]], r->num[k]);
}

/* Measured in one pass and printed in a second, like events. */
static void ctl_listeners_text(const struct ctl_listener *l, size_t n)
{
	static const struct ctl_outcol cols[] = {
		{ "NETNS", CTL_LEFT, 0 },
		{ "LISTEN", CTL_LEFT, 2 },
		{ "ACCEPT", CTL_RIGHT, 2 },
		{ "FULL%", CTL_RIGHT, 2 },
		{ "PEAK", CTL_RIGHT, 2 },
		{ "SYNQ", CTL_RIGHT, 2 },
		{ "SYNPEAK", CTL_RIGHT, 2 },
		{ "OVERFLOWS", CTL_RIGHT, 2 },
		{ "SYN-DROPS", CTL_RIGHT, 2 },
		{ "COOKIES", CTL_RIGHT, 2 },
		{ "SYNS", CTL_RIGHT, 2 },
	};
	struct ctl_listener_row r;
	struct ctl_outtable ot;
	size_t i;
	int pass;

	ctl_outtable_init(&ot, cols, ARRAY_SIZE(cols));
	for (pass = 0; pass < 2; pass++) {
		if (pass)
			ctl_outtable_print_header(&ot, stdout);
		for (i = 0; i < n; i++) {
			ctl_listener_row(&r, &l[i]);
			if (pass)
				ctl_outtable_print_row(&ot, stdout, r.cells);
			else
				ctl_outtable_measure(&ot, r.cells);
			free(r.listen);
		}
	}
	ctl_outtable_free(&ot);
}

int ctl_cmd_listeners(int argc, char **argv)
{
	struct ctl_listener *l;
	struct ctl_table t;
	char *path;
	bool json;
	int ret;

	ret = ctl_parse_json_only(argc, argv, ctl_help_listeners, &json);
	if (ret != CTL_PARSE_CONTINUE)
		return ret;
	ret = ctl_procdir_check();
	if (ret)
		return ret;
	path = ctl_procdir_path("listeners");
	if (ctl_table_load(&t, path)) {
		free(path);
		return CTL_EXIT_RUNTIME;
	}
	l = ctl_xreallocarray(NULL, t.nrows, sizeof(*l));
	if (ctl_listeners_collect(&t, l)) {
		ret = CTL_EXIT_RUNTIME;
		goto out;
	}
	if (json)
		ctl_listeners_json(l, t.nrows);
	else
		ctl_listeners_text(l, t.nrows);
	ret = ctl_finish_output();
out:
	free(l);
	ctl_table_free(&t);
	free(path);
	return ret;
}
