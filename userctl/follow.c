// SPDX-License-Identifier: GPL-2.0
/*
 * How the follower knows what it has printed: ids are consecutive from 1
 * for one instance of the module, so the last id printed (and its line,
 * to tell it from the same id after a reload) is all it keeps.
 *
 * Each read of the file is one window of the ring, oldest first, ids
 * increasing. Against the last line printed, a window either carries on
 * (its ids go past the last one, and if it still holds the last one, that
 * line is unchanged), or it belongs to a new instance of the module: its
 * ids have not reached the last one, or the last id is missing from the
 * middle of the window or shows another event. A new instance starts
 * again from id 1.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"
#include "err.h"
#include "event.h"
#include "follow.h"
#include "json.h"
#include "kvline.h"
#include "lines.h"
#include "loop.h"
#include "num.h"
#include "outtable.h"
#include "xalloc.h"

struct ctl_window_event {
	uint64_t id;
	char *line;		/* as read, for printing and comparing */
};

struct ctl_window {
	struct ctl_window_event *ev;
	size_t n;
	size_t cap;
};

struct ctl_follower {
	const struct ctl_follow_opts *o;
	const char *path;
	bool started;		/* the first window has been read */
	bool gone;		/* the file went away: the module was unloaded */
	uint64_t last_id;	/* 0: nothing seen in this instance yet */
	char *last_line;
	struct ctl_outtable ot;	/* human mode: fixed widths */
	struct ctl_kvline kl;
};

static void ctl_window_clear(struct ctl_window *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->ev[i].line);
	w->n = 0;
}

/*
 * Reads and checks the whole file; ids must increase. Returns 0, 1 if
 * the file is not there (the module is being reloaded), or -1 after
 * reporting what is wrong.
 */
static int ctl_window_read(struct ctl_follower *f, struct ctl_window *w)
{
	struct ctl_lines lr;
	char *line, *copy;
	int ret;

	ctl_window_clear(w);
	if (f->started && access(f->path, F_OK) && errno == ENOENT)
		return 1;
	if (ctl_lines_open(&lr, f->path))
		return -1;
	while ((ret = ctl_lines_next(&lr, &line)) > 0) {
		uint64_t id;

		copy = ctl_xstrdup(line);
		if (ctl_event_check(&f->kl, line, f->path, lr.lineno)) {
			free(copy);
			ret = -1;
			break;
		}
		id = ctl_event_id(&f->kl);
		if (w->n && id <= w->ev[w->n - 1].id) {
			ctl_err_at(f->path, lr.lineno,
				   "id %" PRIu64 " does not follow id %" PRIu64,
				   id, w->ev[w->n - 1].id);
			free(copy);
			ret = -1;
			break;
		}
		w->ev = ctl_xgrow(w->ev, &w->cap, w->n + 1, sizeof(*w->ev), 64);
		w->ev[w->n].id = id;
		w->ev[w->n].line = copy;
		w->n++;
	}
	ctl_lines_close(&lr);
	return ret < 0 ? -1 : 0;
}

/* Whether @w comes from another instance of the module than the last line. */
static bool ctl_window_restarted(const struct ctl_follower *f,
				 const struct ctl_window *w)
{
	size_t i;

	if (!f->last_id || !w->n)
		return false;
	if (w->ev[w->n - 1].id < f->last_id)
		return true;
	if (w->ev[0].id > f->last_id)
		return false;
	for (i = 0; i < w->n; i++)
		if (w->ev[i].id == f->last_id)
			return strcmp(w->ev[i].line, f->last_line) != 0;
	return true;
}

static void ctl_follow_restart(struct ctl_follower *f)
{
	if (f->o->json) {
		fputs("{\"restarted\":true}\n", stdout);
	} else {
		fputs("--- tcpinsight was reloaded or its events reset: ids start again from 1\n",
		      stdout);
	}
	f->last_id = 0;
	free(f->last_line);
	f->last_line = NULL;
}

static void ctl_follow_lost(struct ctl_follower *f, uint64_t after,
			    uint64_t next)
{
	char n[CTL_NUM_GROUPED_LEN];

	if (f->o->json) {
		printf("{\"lost\":%" PRIu64 ",\"after_id\":%" PRIu64
		       ",\"next_id\":%" PRIu64 "}\n", next - after - 1, after,
		       next);
		return;
	}
	if (next - after - 1 == 1)
		printf("--- 1 event lost (id %" PRIu64 " was overwritten before it was read)\n",
		       after + 1);
	else
		printf("--- %s events lost (ids %" PRIu64 "-%" PRIu64 " were overwritten before they were read)\n",
		       ctl_group_u64(next - after - 1, n), after + 1, next - 1);
}

static void ctl_follow_print(struct ctl_follower *f, const char *line)
{
	char *copy = ctl_xstrdup(line);

	/* checked when read, so this parse cannot fail */
	if (!ctl_kvline_parse(&f->kl, copy, "", 0)) {
		if (f->o->json) {
			struct ctl_json j;

			ctl_json_init(&j, stdout);
			ctl_event_json(&j, &f->kl);
			ctl_json_end(&j);
		} else {
			struct ctl_event_row r;

			ctl_event_row(&r, &f->kl);
			ctl_outtable_print_row(&f->ot, stdout, r.cells);
			ctl_event_row_free(&r);
		}
	}
	free(copy);
}

/* Prints what @w holds past the last line, reporting every gap. */
static void ctl_follow_window(struct ctl_follower *f, struct ctl_window *w)
{
	size_t i, from = 0;

	if (f->gone || ctl_window_restarted(f, w))
		ctl_follow_restart(f);
	f->gone = false;
	if (!f->started) {
		f->started = true;
		/* -n N: the last N, the ones before not missed but skipped */
		if (f->o->last != SIZE_MAX && w->n) {
			from = w->n > f->o->last ? w->n - f->o->last : 0;
			f->last_id = from ? w->ev[from - 1].id : w->ev[0].id - 1;
		}
	}
	for (i = from; i < w->n; i++) {
		struct ctl_window_event *e = &w->ev[i];

		if (e->id <= f->last_id)
			continue;
		if (e->id > f->last_id + 1)
			ctl_follow_lost(f, f->last_id, e->id);
		ctl_follow_print(f, e->line);
		f->last_id = e->id;
		free(f->last_line);
		f->last_line = ctl_xstrdup(e->line);
	}
}

/* Column widths for a stream: wide enough for most, fixed from the start. */
static void ctl_follow_widths(struct ctl_follower *f)
{
	static const char *const typical[CTL_EVENT_NCOLS] = {
		"123456.123456", "TCP_SYN_QUEUE_LAST_QUARTER", "IPv6",
		"255.255.255.255:65535", ">", "255.255.255.255:65535", "S.",
		"NEW_SYN_RECV", "65,535", "",
	};

	ctl_outtable_init(&f->ot, ctl_event_cols, CTL_EVENT_NCOLS);
	ctl_outtable_measure(&f->ot, typical);
}

int ctl_follow(const char *path, const struct ctl_follow_opts *o)
{
	struct ctl_follower f = { .o = o, .path = path };
	struct ctl_window w = { 0 };
	enum ctl_loop_state st;
	int ret = CTL_EXIT_OK;

	ctl_loop_init();
	if (!o->json)
		ctl_follow_widths(&f);
	for (;;) {
		int got = ctl_window_read(&f, &w);

		if (got < 0) {
			ret = CTL_EXIT_RUNTIME;
			break;
		}
		if (got > 0 && !f.gone) {
			/* stderr: never mixed into what stdout carries */
			ctl_err("%s is gone: waiting for tcpinsight to be loaded again",
				path);
			f.gone = true;
		}
		/* the header once the file proved readable: no stray output */
		if (!got && !f.started && !o->json)
			ctl_outtable_print_header(&f.ot, stdout);
		if (!got)
			ctl_follow_window(&f, &w);
		st = ctl_loop_flush();
		if (st == CTL_LOOP_GO_ON)
			st = ctl_loop_wait(o->interval_ns);
		if (st != CTL_LOOP_GO_ON) {
			ret = st == CTL_LOOP_ERROR ? CTL_EXIT_RUNTIME : CTL_EXIT_OK;
			break;
		}
	}
	ctl_window_clear(&w);
	free(w.ev);
	free(f.last_line);
	ctl_kvline_free(&f.kl);
	if (!o->json)
		ctl_outtable_free(&f.ot);
	return ret;
}
