// SPDX-License-Identifier: GPL-2.0
/*
 * tcpinsightctl watch: what changed in each interval, per second, like
 * top or nstat: drops per reason, per netns and port, the tcp counters,
 * and per listener. On a terminal each interval redraws the screen;
 * otherwise each is one block after the last, flushed as it ends.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "ctl.h"
#include "err.h"
#include "loop.h"
#include "num.h"
#include "procdir.h"
#include "snap.h"
#include "watch.h"

enum {
	CTL_OPT_COUNT = CTL_OPT_FIRST_OWN,
	CTL_OPT_INTERVAL,
};

void ctl_help_watch(void)
{
	printf("Usage: " CTL_NAME " watch [-i SECONDS] [-n COUNT] [--json]\n"
	       "\n"
	       "What changed in each interval, as counts and per second, like\n"
	       "top or nstat: drops per reason, per network namespace and port,\n"
	       "the tcp table's counters (resets, retransmissions, ...), and per\n"
	       "listener SYNs, overflows, SYN drops and cookies with its accept\n"
	       "queue now. Only what changed is shown, largest first. A counter\n"
	       "that went down (the module reloaded, a table reset) counts from 0.\n"
	       "\n"
	       "On a terminal the screen is redrawn every interval; otherwise\n"
	       "each interval is one block, starting with a line\n"
	       "'--- interval K: S s', flushed when it ends.\n"
	       "\n"
	       "Options:\n"
	       "  -i, --interval SECONDS\n"
	       "              the interval (default 2; decimals allowed, 0.001 to\n"
	       "              86400)\n"
	       "  -n, --count COUNT\n"
	       "              stop after COUNT intervals (default: until SIGINT,\n"
	       "              SIGTERM, or stdout's reader goes away; status 0)\n"
	       "  --json      one JSON object per line and interval:\n"
	       "              {\"interval\":K,\"seconds\":S,\"drops\":[{\"reason\":R,\n"
	       "              \"delta\":N,\"per_second\":X},...],\"ports\":[{\"netns\":N,\n"
	       "              \"port\":N,\"reason\":R,\"delta\":N,\"per_second\":X},...],\n"
	       "              \"tcp\":[{\"netns\":N,\"port\":N,\"counter\":C,\"reason\":R,\n"
	       "              \"delta\":N,\"per_second\":X},...]|null,\"listeners\":\n"
	       "              [{\"netns\":N,\"family\":N,\"addr\":A,\"port\":N,\n"
	       "              \"accept_cur\":N,\"accept_max\":N,\"syns\":N,\n"
	       "              \"overflows\":N,\"syn_drops\":N,\"cookies\":N},...]}\n"
	       "              (listener counts are deltas)\n"
	       "  -h, --help  show this help\n"
	       "\n%s", ctl_exit_help);
}

static int ctl_watch_sample(struct ctl_watch *w, struct ctl_snap *s)
{
	unsigned int what = CTL_SNAP_DROPS | CTL_SNAP_PORTS | CTL_SNAP_LISTENERS;

	if (w->has_tcp)
		what |= CTL_SNAP_TCP;
	return ctl_snap_load(s, what);
}

static int ctl_watch_run(struct ctl_watch *w)
{
	enum ctl_loop_state st;
	struct ctl_snap cur;
	uint64_t k, now;
	int ret;

	ret = ctl_watch_sample(w, &w->prev);
	if (ret)
		return ret;
	ctl_watch_sort(&w->prev);
	w->prev_ns = ctl_loop_now();
	for (k = 1; !w->count || k <= w->count; k++) {
		st = ctl_loop_wait(w->interval_ns);
		if (st != CTL_LOOP_GO_ON)
			return st == CTL_LOOP_ERROR ? CTL_EXIT_RUNTIME : CTL_EXIT_OK;
		ret = ctl_watch_sample(w, &cur);
		now = ctl_loop_now();
		if (ret) {
			ctl_snap_free(&cur);
			return ret;
		}
		if (w->json)
			ctl_watch_json(w, &cur, k, now - w->prev_ns);
		else
			ctl_watch_text(w, &cur, k, now - w->prev_ns);
		ctl_snap_free(&w->prev);
		ctl_watch_sort(&cur);
		w->prev = cur;
		w->prev_ns = now;
		st = ctl_loop_flush();
		if (st != CTL_LOOP_GO_ON)
			return st == CTL_LOOP_ERROR ? CTL_EXIT_RUNTIME : CTL_EXIT_OK;
	}
	return CTL_EXIT_OK;
}

int ctl_cmd_watch(int argc, char **argv)
{
	static const struct ctl_opt opts[] = {
		{ CTL_OPT_COUNT, 'n', "count", true },
		{ CTL_OPT_INTERVAL, 'i', "interval", true },
		{ CTL_OPT_JSON, 0, "json", false },
		{ CTL_OPT_HELP, 'h', "help", false },
		{ 0 },
	};
	struct ctl_watch w = { .interval_ns = 2000000000u };
	struct ctl_args a;
	const char *value;
	char *tcp;
	int id, ret;

	ctl_args_init(&a, argc, argv);
	while ((id = ctl_args_next(&a, opts, &value)) != CTL_ARG_END) {
		switch (id) {
		case CTL_OPT_COUNT:
			if (!ctl_parse_u64(value, &w.count) || !w.count) {
				ctl_usage_err("watch: -n takes a positive decimal integer, not '%s'",
					      value);
				return CTL_EXIT_USAGE;
			}
			break;
		case CTL_OPT_INTERVAL:
			if (!ctl_parse_interval(value, &w.interval_ns)) {
				ctl_usage_err("watch: -i takes seconds (0.001 to 86400), not '%s'",
					      value);
				return CTL_EXIT_USAGE;
			}
			break;
		case CTL_OPT_JSON:
			w.json = true;
			break;
		case CTL_OPT_HELP:
			ctl_help_watch();
			return CTL_EXIT_OK;
		case CTL_ARG_POSITIONAL:
			ctl_usage_err("watch: unexpected argument '%s'", value);
			return CTL_EXIT_USAGE;
		default:
			return CTL_EXIT_USAGE;
		}
	}
	ret = ctl_procdir_check();
	if (ret)
		return ret;
	tcp = ctl_procdir_path("tcp");
	w.has_tcp = !access(tcp, F_OK);
	free(tcp);
	w.tty = !w.json && isatty(STDOUT_FILENO);
	ctl_loop_init();
	ret = ctl_watch_run(&w);
	ctl_snap_free(&w.prev);
	free(w.ch);
	return ret;
}
