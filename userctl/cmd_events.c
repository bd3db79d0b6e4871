// SPDX-License-Identifier: GPL-2.0
/*
 * tcpinsightctl events: the most recent drops, one per line; -f follows
 * new ones; "events on|off|size N|rate N" controls the log.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "control.h"
#include "ctl.h"
#include "err.h"
#include "event.h"
#include "follow.h"
#include "json.h"
#include "kvline.h"
#include "lines.h"
#include "num.h"
#include "outtable.h"
#include "procdir.h"
#include "tail.h"
#include "xalloc.h"

enum {
	CTL_OPT_COUNT = CTL_OPT_FIRST_OWN,
	CTL_OPT_FOLLOW,
	CTL_OPT_INTERVAL,
};

void ctl_help_events(void)
{
	printf("Usage: " CTL_NAME " events [-n N] [--json]\n"
	       "       " CTL_NAME " events -f [-n N] [-i SECONDS] [--json]\n"
	       "       " CTL_NAME " events on|off|size N|rate N\n"
	       "\n"
	       "The most recent TCP drops tcpinsight logged, oldest first: time\n"
	       "(seconds since boot, CLOCK_MONOTONIC), reason, address family,\n"
	       "source > destination, TCP flags, socket state, payload length\n"
	       "and where in the kernel the segment was dropped.\n"
	       "\n"
	       "Options:\n"
	       "  -n N        only the last N events (N > 0; default: all held)\n"
	       "  --json      an array of objects, one per event, with every key\n"
	       "              of the line; ts cpu netns family sport dport seq ack\n"
	       "              len id are numbers, everything else strings\n"
	       "  -f, --follow\n"
	       "              then keep reading, like tail -f: each new event once,\n"
	       "              in order. Events overwritten in the ring before they\n"
	       "              were read are counted, never skipped silently: a line\n"
	       "              '--- N events lost (ids A-B ...)', or with --json one\n"
	       "              object per line, events as above and\n"
	       "              {\"lost\":N,\"after_id\":A,\"next_id\":B} for a gap,\n"
	       "              {\"restarted\":true} when the module was reloaded or\n"
	       "              its events reset (ids start again). Without -n, the\n"
	       "              ids before the first one held count as lost, so\n"
	       "              printed + lost = every event since load. Ends with\n"
	       "              status 0 on SIGINT, SIGTERM, or when stdout's reader\n"
	       "              goes away\n"
	       "  -i, --interval SECONDS\n"
	       "              how often -f reads the file (default 1; decimals\n"
	       "              allowed, 0.001 to 86400)\n"
	       "  -h, --help  show this help\n"
	       "\n"
	       "Control (writes " CTL_PROC_DEFAULT "/control, needs CAP_NET_ADMIN):\n"
	       "  on, off     log events, or only count drops\n"
	       "  size N      ring slots (%d to %d); the ring starts empty\n"
	       "  rate N      at most N events a second (0: no limit, at most\n"
	       "              %d); the excess counts in events_lost\n"
	       "\n%s", CTL_EVENTS_SIZE_MIN, CTL_EVENTS_SIZE_MAX,
	       CTL_EVENTS_RATE_MAX, ctl_exit_help);
}

/*
 * Keeps the last @max lines, each checked as it is read: a malformed line
 * anywhere in the file is an error, not only in the part shown.
 */
static int ctl_events_load(struct ctl_tail *tail, const char *path,
			   size_t max)
{
	struct ctl_kvline kl = { 0 };
	struct ctl_lines lr;
	char *line, *copy;
	int ret;

	ctl_tail_init(tail, max);
	if (ctl_lines_open(&lr, path))
		return -1;
	while ((ret = ctl_lines_next(&lr, &line)) > 0) {
		copy = ctl_xstrdup(line);
		ret = ctl_event_check(&kl, line, path, lr.lineno);
		if (ret) {
			free(copy);
			break;
		}
		ctl_tail_push(tail, copy);
	}
	ctl_kvline_free(&kl);
	ctl_lines_close(&lr);
	return ret < 0 ? -1 : 0;
}

/* Parses the held lines in place: the last use of @tail. */
static void ctl_events_json(struct ctl_tail *tail)
{
	struct ctl_kvline kl = { 0 };
	struct ctl_json j;
	size_t i;

	ctl_json_init(&j, stdout);
	ctl_json_array_begin(&j);
	for (i = 0; i < tail->n; i++) {
		/* checked when read, so this parse cannot fail */
		if (ctl_kvline_parse(&kl, ctl_tail_get(tail, i), "", 0))
			continue;
		ctl_event_json(&j, &kl);
	}
	ctl_json_array_end(&j);
	ctl_json_end(&j);
	ctl_kvline_free(&kl);
}

/*
 * Two passes over the held lines, one to measure the columns and one to
 * print, so a full ring of a million events is not copied a second time.
 */
static void ctl_events_text(struct ctl_tail *tail)
{
	struct ctl_kvline kl = { 0 };
	struct ctl_event_row r;
	struct ctl_outtable ot;
	size_t i;
	int pass;

	ctl_outtable_init(&ot, ctl_event_cols, CTL_EVENT_NCOLS);
	for (pass = 0; pass < 2; pass++) {
		if (pass)
			ctl_outtable_print_header(&ot, stdout);
		for (i = 0; i < tail->n; i++) {
			char *line = ctl_xstrdup(ctl_tail_get(tail, i));

			/* checked when read, so this parse cannot fail */
			if (!ctl_kvline_parse(&kl, line, "", 0)) {
				ctl_event_row(&r, &kl);
				if (pass)
					ctl_outtable_print_row(&ot, stdout,
							       r.cells);
				else
					ctl_outtable_measure(&ot, r.cells);
				ctl_event_row_free(&r);
			}
			free(line);
		}
	}
	ctl_outtable_free(&ot);
	ctl_kvline_free(&kl);
}

/* -n: a positive decimal integer and nothing else. */
static int ctl_parse_count(const char *s, size_t *max)
{
	uint64_t v;

	if (!ctl_parse_u64(s, &v) || !v) {
		ctl_usage_err("events: -n takes a positive decimal integer, not '%s'",
			      s);
		return -1;
	}
	*max = v >= SIZE_MAX ? SIZE_MAX - 1 : (size_t)v;
	return 0;
}

/* "events on|off|size N|rate N": a command to the module. */
static int ctl_events_control(char **pos, int npos)
{
	char cmd[64];
	uint64_t v;

	if ((!strcmp(pos[0], "on") || !strcmp(pos[0], "off")) && npos == 1) {
		snprintf(cmd, sizeof(cmd), "events %s", pos[0]);
		return ctl_control_send(cmd);
	}
	if (!strcmp(pos[0], "size") && npos == 2) {
		if (ctl_control_number("events size", "the ring size", pos[1],
				       CTL_EVENTS_SIZE_MIN,
				       CTL_EVENTS_SIZE_MAX, &v))
			return CTL_EXIT_USAGE;
		snprintf(cmd, sizeof(cmd), "events size %" PRIu64, v);
		return ctl_control_send(cmd);
	}
	if (!strcmp(pos[0], "rate") && npos == 2) {
		if (ctl_control_number("events rate", "the rate", pos[1], 0,
				       CTL_EVENTS_RATE_MAX, &v))
			return CTL_EXIT_USAGE;
		snprintf(cmd, sizeof(cmd), "events rate %" PRIu64, v);
		return ctl_control_send(cmd);
	}
	ctl_usage_err("events: expected on, off, size N or rate N, not '%s%s'",
		      pos[0], npos > 1 ? " ..." : "");
	return CTL_EXIT_USAGE;
}

int ctl_cmd_events(int argc, char **argv)
{
	static const struct ctl_opt opts[] = {
		{ CTL_OPT_COUNT, 'n', NULL, true },
		{ CTL_OPT_FOLLOW, 'f', "follow", false },
		{ CTL_OPT_INTERVAL, 'i', "interval", true },
		{ CTL_OPT_JSON, 0, "json", false },
		{ CTL_OPT_HELP, 'h', "help", false },
		{ 0 },
	};
	struct ctl_follow_opts fo = {
		.last = SIZE_MAX,
		.interval_ns = 1000000000u,
	};
	char *pos[argc > 0 ? argc : 1];
	bool follow = false, interval_given = false, options = false;
	struct ctl_tail tail;
	struct ctl_args a;
	const char *value;
	int id, ret, npos = 0;
	char *path;

	ctl_args_init(&a, argc, argv);
	while ((id = ctl_args_next(&a, opts, &value)) != CTL_ARG_END) {
		if (id != CTL_ARG_POSITIONAL && id != CTL_OPT_HELP)
			options = true;
		switch (id) {
		case CTL_OPT_COUNT:
			if (ctl_parse_count(value, &fo.last))
				return CTL_EXIT_USAGE;
			break;
		case CTL_OPT_FOLLOW:
			follow = true;
			break;
		case CTL_OPT_INTERVAL:
			if (!ctl_parse_interval(value, &fo.interval_ns)) {
				ctl_usage_err("events: -i takes seconds (0.001 to 86400), not '%s'",
					      value);
				return CTL_EXIT_USAGE;
			}
			interval_given = true;
			break;
		case CTL_OPT_JSON:
			fo.json = true;
			break;
		case CTL_OPT_HELP:
			ctl_help_events();
			return CTL_EXIT_OK;
		case CTL_ARG_POSITIONAL:
			pos[npos++] = (char *)value;
			break;
		default:
			return CTL_EXIT_USAGE;
		}
	}
	if (npos) {
		if (options) {
			ctl_usage_err("events %s: takes no options", pos[0]);
			return CTL_EXIT_USAGE;
		}
		return ctl_events_control(pos, npos);
	}
	if (interval_given && !follow) {
		ctl_usage_err("events: -i goes with -f");
		return CTL_EXIT_USAGE;
	}
	ret = ctl_procdir_check();
	if (ret)
		return ret;
	path = ctl_procdir_path("events");
	if (follow) {
		ret = ctl_follow(path, &fo);
		free(path);
		return ret;
	}
	if (ctl_events_load(&tail, path, fo.last)) {
		ret = CTL_EXIT_RUNTIME;
		goto out;
	}
	if (fo.json)
		ctl_events_json(&tail);
	else
		ctl_events_text(&tail);
	ret = ctl_finish_output();
out:
	ctl_tail_free(&tail);
	free(path);
	return ret;
}
