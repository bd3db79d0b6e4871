// SPDX-License-Identifier: GPL-2.0
/* tcpinsightctl status: the summary and the state of every probe. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "err.h"
#include "json.h"
#include "kvfile.h"
#include "num.h"
#include "outtable.h"
#include "procdir.h"
#include "table.h"
#include "xalloc.h"

/*
 * The summary keys of format 1. Numeric ones are checked and become JSON
 * numbers; counts are grouped for people, identifiers (format) are not.
 * Keys a later format adds are shown as they are, as strings.
 */
static const struct {
	const char *key;
	bool numeric;
	bool grouped;
} ctl_summary_keys[] = {
	{ "version", false, false },
	{ "format", true, false },
	{ "kernel", false, false },
	{ "drops_total", true, true },
	{ "events_logged", true, true },
	{ "events_lost", true, true },
	{ "events_size", true, true },
	{ "ports_used", true, true },
	{ "ports_max", true, true },
	{ "ports_overflow", true, true },
	{ "listeners", true, true },
	{ "listeners_max", true, true },
	{ "listeners_overflow", true, true },
	{ "listen_unclassified", true, true },
	{ "counters_used", true, true },
	{ "counters_overflow", true, true },
	{ "events_on", true, false },
	{ "events_rate", true, true },
	{ "filter_ports", false, false },
	{ "filter_netns", false, false },
	{ "filtered", true, true },
};

#define CTL_NKEYS ARRAY_SIZE(ctl_summary_keys)

static const char *const ctl_probe_cols[] = {
	"name", "state", "hits", "missed", "type",
};

enum { P_NAME, P_STATE, P_HITS, P_MISSED, P_TYPE, P_NCOLS };

struct ctl_status {
	struct ctl_kvfile summary;
	char *summary_path;
	struct ctl_table probes;
	char *probes_path;
	size_t pcol[P_NCOLS];
	/* per summary entry: its value as a number, if its key is numeric */
	uint64_t *num;
	bool *is_num;
	bool *grouped;
	/* per probe: hits and missed */
	uint64_t (*counts)[2];
};

void ctl_help_status(void)
{
	printf("Usage: " CTL_NAME " status [--json]\n"
	       "\n"
	       "The module's summary (version, kernel, totals, ring and table\n"
	       "use) and, per probe, whether it is on, how often it ran and how\n"
	       "often it was missed.\n"
	       "\n"
	       "Options:\n"
	       "  --json      {\"summary\":{KEY:VALUE,...},\"probes\":[{\"name\":...,\n"
	       "              \"state\":...,\"hits\":N,\"missed\":N,\"type\":...},...]}\n"
	       "  -h, --help  show this help\n"
	       "\n%s", ctl_exit_help);
}

static int ctl_status_check_summary(struct ctl_status *st)
{
	const struct ctl_kvfile *kf = &st->summary;
	size_t i, k;

	for (k = 0; k < CTL_NKEYS; k++)
		if (!ctl_kvfile_get(kf, ctl_summary_keys[k].key)) {
			ctl_err_at(kf->path, 0, "no '%s' line",
				   ctl_summary_keys[k].key);
			return -1;
		}
	st->num = ctl_xcalloc(kf->n, sizeof(*st->num));
	st->is_num = ctl_xcalloc(kf->n, sizeof(*st->is_num));
	st->grouped = ctl_xcalloc(kf->n, sizeof(*st->grouped));
	for (i = 0; i < kf->n; i++) {
		const struct ctl_kvfile_entry *e = &kf->e[i];

		for (k = 0; k < CTL_NKEYS; k++)
			if (!strcmp(e->key, ctl_summary_keys[k].key))
				break;
		if (k == CTL_NKEYS || !ctl_summary_keys[k].numeric)
			continue;
		if (!ctl_parse_u64(e->val, &st->num[i])) {
			ctl_err_at(kf->path, e->lineno,
				   "%s: '%s' is not an unsigned decimal integer",
				   e->key, e->val);
			return -1;
		}
		st->is_num[i] = true;
		st->grouped[i] = ctl_summary_keys[k].grouped;
	}
	return 0;
}

static int ctl_status_check_probes(struct ctl_status *st)
{
	const struct ctl_table *t = &st->probes;
	size_t i;

	if (ctl_table_require(t, ctl_probe_cols, st->pcol, P_NCOLS))
		return -1;
	st->counts = ctl_xcalloc(t->nrows, sizeof(*st->counts));
	for (i = 0; i < t->nrows; i++)
		if (ctl_table_u64(t, i, st->pcol[P_HITS], &st->counts[i][0]) ||
		    ctl_table_u64(t, i, st->pcol[P_MISSED], &st->counts[i][1]))
			return -1;
	return 0;
}

static void ctl_status_json(const struct ctl_status *st)
{
	const struct ctl_table *t = &st->probes;
	struct ctl_json j;
	size_t i;

	ctl_json_init(&j, stdout);
	ctl_json_object_begin(&j);
	ctl_json_key(&j, "summary");
	ctl_json_object_begin(&j);
	for (i = 0; i < st->summary.n; i++) {
		ctl_json_key(&j, st->summary.e[i].key);
		if (st->is_num[i])
			ctl_json_u64(&j, st->num[i]);
		else
			ctl_json_string(&j, st->summary.e[i].val);
	}
	ctl_json_object_end(&j);
	ctl_json_key(&j, "probes");
	ctl_json_array_begin(&j);
	for (i = 0; i < t->nrows; i++) {
		ctl_json_object_begin(&j);
		ctl_json_key(&j, "name");
		ctl_json_string(&j, ctl_table_cell(t, i, st->pcol[P_NAME]));
		ctl_json_key(&j, "state");
		ctl_json_string(&j, ctl_table_cell(t, i, st->pcol[P_STATE]));
		ctl_json_key(&j, "hits");
		ctl_json_u64(&j, st->counts[i][0]);
		ctl_json_key(&j, "missed");
		ctl_json_u64(&j, st->counts[i][1]);
		ctl_json_key(&j, "type");
		ctl_json_string(&j, ctl_table_cell(t, i, st->pcol[P_TYPE]));
		ctl_json_object_end(&j);
	}
	ctl_json_array_end(&j);
	ctl_json_object_end(&j);
	ctl_json_end(&j);
}

static void ctl_status_text(const struct ctl_status *st)
{
	static const struct ctl_outcol kv_cols[] = {
		{ NULL, CTL_LEFT, 0 },
		{ NULL, CTL_LEFT, 2 },
	};
	static const struct ctl_outcol probe_cols[] = {
		{ "PROBE", CTL_LEFT, 0 },
		{ "STATE", CTL_LEFT, 2 },
		{ "HITS", CTL_RIGHT, 2 },
		{ "MISSED", CTL_RIGHT, 2 },
		{ "TYPE", CTL_LEFT, 2 },
	};
	const struct ctl_table *t = &st->probes;
	char hits[CTL_NUM_GROUPED_LEN], missed[CTL_NUM_GROUPED_LEN];
	struct ctl_outtable ot;
	const char *cells[5];
	size_t i;

	ctl_outtable_init(&ot, kv_cols, 2);
	for (i = 0; i < st->summary.n; i++) {
		cells[0] = st->summary.e[i].key;
		cells[1] = st->grouped[i] ? ctl_group_u64(st->num[i], hits) :
					    st->summary.e[i].val;
		ctl_outtable_add(&ot, cells);
	}
	ctl_outtable_print(&ot, stdout);
	ctl_outtable_free(&ot);

	putchar('\n');
	ctl_outtable_init(&ot, probe_cols, 5);
	for (i = 0; i < t->nrows; i++) {
		cells[0] = ctl_table_cell(t, i, st->pcol[P_NAME]);
		cells[1] = ctl_table_cell(t, i, st->pcol[P_STATE]);
		cells[2] = ctl_group_u64(st->counts[i][0], hits);
		cells[3] = ctl_group_u64(st->counts[i][1], missed);
		cells[4] = ctl_table_cell(t, i, st->pcol[P_TYPE]);
		ctl_outtable_add(&ot, cells);
	}
	ctl_outtable_print(&ot, stdout);
	ctl_outtable_free(&ot);
}

static void ctl_status_free(struct ctl_status *st)
{
	ctl_kvfile_free(&st->summary);
	ctl_table_free(&st->probes);
	free(st->summary_path);
	free(st->probes_path);
	free(st->num);
	free(st->is_num);
	free(st->grouped);
	free(st->counts);
}

int ctl_cmd_status(int argc, char **argv)
{
	struct ctl_status st = { 0 };
	bool json;
	int ret;

	ret = ctl_parse_json_only(argc, argv, ctl_help_status, &json);
	if (ret != CTL_PARSE_CONTINUE)
		return ret;
	ret = ctl_procdir_check();
	if (ret)
		return ret;
	st.summary_path = ctl_procdir_path("summary");
	st.probes_path = ctl_procdir_path("probes");
	/* everything is read and checked before the first byte of output */
	if (ctl_kvfile_load(&st.summary, st.summary_path) ||
	    ctl_status_check_summary(&st) ||
	    ctl_table_load(&st.probes, st.probes_path) ||
	    ctl_status_check_probes(&st)) {
		ret = CTL_EXIT_RUNTIME;
		goto out;
	}
	if (json)
		ctl_status_json(&st);
	else
		ctl_status_text(&st);
	ret = ctl_finish_output();
out:
	ctl_status_free(&st);
	return ret;
}
