// SPDX-License-Identifier: GPL-2.0
/* tcpinsightctl events: the most recent drops, one per line. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "ctl.h"
#include "err.h"
#include "json.h"
#include "kvline.h"
#include "lines.h"
#include "num.h"
#include "outtable.h"
#include "procdir.h"
#include "tail.h"
#include "xalloc.h"

/* Every key of format 1; a line that lacks one is malformed. */
static const char *const ctl_event_keys[] = {
	"ts", "cpu", "netns", "reason", "family", "saddr", "sport",
	"daddr", "dport", "state", "flags", "seq", "ack", "len", "loc", "id",
};

/* Keys whose values are numbers: checked, and JSON numbers. */
static const char *const ctl_event_numeric[] = {
	"ts", "cpu", "netns", "family", "sport", "dport", "seq", "ack",
	"len", "id",
};

enum { CTL_OPT_COUNT = CTL_OPT_FIRST_OWN };

void ctl_help_events(void)
{
	printf("Usage: " CTL_NAME " events [-n N] [--json]\n"
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
	       "  -h, --help  show this help\n"
	       "\n%s", ctl_exit_help);
}

static bool ctl_event_is_numeric(const char *key)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ctl_event_numeric); i++)
		if (!strcmp(key, ctl_event_numeric[i]))
			return true;
	return false;
}

/* @line is cut up in the process. */
static int ctl_event_check(struct ctl_kvline *kl, char *line,
			   const char *path, unsigned long lineno)
{
	uint64_t v;
	size_t i;

	if (ctl_kvline_parse(kl, line, path, lineno))
		return -1;
	for (i = 0; i < ARRAY_SIZE(ctl_event_keys); i++)
		if (!ctl_kvline_get(kl, ctl_event_keys[i])) {
			ctl_err_at(path, lineno, "no key '%s'",
				   ctl_event_keys[i]);
			return -1;
		}
	for (i = 0; i < kl->n; i++)
		if (ctl_event_is_numeric(kl->kv[i].key) &&
		    !ctl_parse_u64(kl->kv[i].val, &v)) {
			ctl_err_at(path, lineno,
				   "%s: '%s' is not an unsigned decimal integer",
				   kl->kv[i].key, kl->kv[i].val);
			return -1;
		}
	return 0;
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
	uint64_t v;
	size_t i, k;

	ctl_json_init(&j, stdout);
	ctl_json_array_begin(&j);
	for (i = 0; i < tail->n; i++) {
		/* checked when read, so this parse cannot fail */
		if (ctl_kvline_parse(&kl, ctl_tail_get(tail, i), "", 0))
			continue;
		ctl_json_object_begin(&j);
		for (k = 0; k < kl.n; k++) {
			ctl_json_key(&j, kl.kv[k].key);
			if (ctl_event_is_numeric(kl.kv[k].key) &&
			    ctl_parse_u64(kl.kv[k].val, &v))
				ctl_json_u64(&j, v);
			else
				ctl_json_string(&j, kl.kv[k].val);
		}
		ctl_json_object_end(&j);
	}
	ctl_json_array_end(&j);
	ctl_json_end(&j);
	ctl_kvline_free(&kl);
}

static const char *ctl_family_name(const char *family)
{
	if (!strcmp(family, "4"))
		return "IPv4";
	if (!strcmp(family, "6"))
		return "IPv6";
	return family;
}

/* The cells of one event as people read them; src and dst are allocated. */
struct ctl_event_row {
	char when[48];
	char len[CTL_NUM_GROUPED_LEN];
	char *src;
	char *dst;
	const char *cells[10];
};

static void ctl_event_row(struct ctl_event_row *r, const struct ctl_kvline *kl)
{
	uint64_t ts = 0, n = 0;

	/* checked when read, so these parse */
	ctl_parse_u64(ctl_kvline_get(kl, "ts"), &ts);
	ctl_parse_u64(ctl_kvline_get(kl, "len"), &n);
	snprintf(r->when, sizeof(r->when), "%" PRIu64 ".%06" PRIu64,
		 ts / 1000000000, ts % 1000000000 / 1000);
	r->src = ctl_endpoint(ctl_kvline_get(kl, "saddr"),
			      ctl_kvline_get(kl, "sport"));
	r->dst = ctl_endpoint(ctl_kvline_get(kl, "daddr"),
			      ctl_kvline_get(kl, "dport"));
	r->cells[0] = r->when;
	r->cells[1] = ctl_kvline_get(kl, "reason");
	r->cells[2] = ctl_family_name(ctl_kvline_get(kl, "family"));
	r->cells[3] = r->src;
	r->cells[4] = ">";
	r->cells[5] = r->dst;
	r->cells[6] = ctl_kvline_get(kl, "flags");
	r->cells[7] = ctl_kvline_get(kl, "state");
	r->cells[8] = ctl_group_u64(n, r->len);
	r->cells[9] = ctl_kvline_get(kl, "loc");
}

/*
 * Two passes over the held lines, one to measure the columns and one to
 * print, so a full ring of a million events is not copied a second time.
 */
static void ctl_events_text(struct ctl_tail *tail)
{
	static const struct ctl_outcol cols[] = {
		{ "TIME", CTL_RIGHT, 0 },
		{ "REASON", CTL_LEFT, 2 },
		{ "FAMILY", CTL_LEFT, 2 },
		{ "SOURCE", CTL_RIGHT, 2 },
		{ "", CTL_LEFT, 1 },
		{ "DESTINATION", CTL_LEFT, 1 },
		{ "FLAGS", CTL_LEFT, 2 },
		{ "STATE", CTL_LEFT, 2 },
		{ "LEN", CTL_RIGHT, 2 },
		{ "LOC", CTL_LEFT, 2 },
	};
	struct ctl_kvline kl = { 0 };
	struct ctl_event_row r;
	struct ctl_outtable ot;
	size_t i;
	int pass;

	ctl_outtable_init(&ot, cols, ARRAY_SIZE(cols));
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
				free(r.src);
				free(r.dst);
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
	*max = v > SIZE_MAX ? SIZE_MAX : (size_t)v;
	return 0;
}

int ctl_cmd_events(int argc, char **argv)
{
	static const struct ctl_opt opts[] = {
		{ CTL_OPT_COUNT, 'n', NULL, true },
		{ CTL_OPT_JSON, 0, "json", false },
		{ CTL_OPT_HELP, 'h', "help", false },
		{ 0 },
	};
	struct ctl_tail tail;
	struct ctl_args a;
	size_t max = SIZE_MAX;
	const char *value;
	bool json = false;
	char *path;
	int id, ret;

	ctl_args_init(&a, argc, argv);
	while ((id = ctl_args_next(&a, opts, &value)) != CTL_ARG_END) {
		switch (id) {
		case CTL_OPT_COUNT:
			if (ctl_parse_count(value, &max))
				return CTL_EXIT_USAGE;
			break;
		case CTL_OPT_JSON:
			json = true;
			break;
		case CTL_OPT_HELP:
			ctl_help_events();
			return CTL_EXIT_OK;
		case CTL_ARG_POSITIONAL:
			ctl_usage_err("events: unexpected argument '%s'", value);
			return CTL_EXIT_USAGE;
		default:
			return CTL_EXIT_USAGE;
		}
	}
	ret = ctl_procdir_check();
	if (ret)
		return ret;
	path = ctl_procdir_path("events");
	if (ctl_events_load(&tail, path, max)) {
		ret = CTL_EXIT_RUNTIME;
		goto out;
	}
	if (json)
		ctl_events_json(&tail);
	else
		ctl_events_text(&tail);
	ret = ctl_finish_output();
out:
	ctl_tail_free(&tail);
	free(path);
	return ret;
}
