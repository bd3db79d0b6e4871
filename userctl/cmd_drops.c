// SPDX-License-Identifier: GPL-2.0
/* tcpinsightctl drops: drops per reason, largest first, and their total. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "err.h"
#include "json.h"
#include "num.h"
#include "outtable.h"
#include "procdir.h"
#include "table.h"
#include "xalloc.h"

struct ctl_drop {
	const char *reason;
	uint64_t count;
	unsigned long lineno;
};

void ctl_help_drops(void)
{
	printf("Usage: " CTL_NAME " drops [--json]\n"
	       "\n"
	       "TCP segments dropped since tcpinsight was loaded, per drop reason\n"
	       "(the kernel's own names), largest count first, then by name,\n"
	       "and their total.\n"
	       "\n"
	       "Options:\n"
	       "  --json      {\"drops\":[{\"reason\":R,\"count\":N},...],\"total\":N}\n"
	       "  -h, --help  show this help\n"
	       "\n%s", ctl_exit_help);
}

static int ctl_drop_cmp(const void *a, const void *b)
{
	const struct ctl_drop *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->reason, y->reason);
}

/* Reads and checks every row, so that nothing is printed from a bad file. */
static int ctl_drops_collect(const struct ctl_table *t, struct ctl_drop *d,
			     uint64_t *total)
{
	static const char *const cols[] = { "reason", "count" };
	size_t idx[2], i;

	if (ctl_table_require(t, cols, idx, 2) ||
	    ctl_table_unique(t, idx[0]))
		return -1;
	*total = 0;
	for (i = 0; i < t->nrows; i++) {
		d[i].reason = ctl_table_cell(t, i, idx[0]);
		d[i].lineno = t->row[i].lineno;
		if (ctl_table_u64(t, i, idx[1], &d[i].count))
			return -1;
		if (d[i].count > UINT64_MAX - *total) {
			ctl_err_at(t->path, d[i].lineno,
				   "the counts add up to more than 64 bits");
			return -1;
		}
		*total += d[i].count;
	}
	qsort(d, t->nrows, sizeof(*d), ctl_drop_cmp);
	return 0;
}

static void ctl_drops_json(const struct ctl_drop *d, size_t n, uint64_t total)
{
	struct ctl_json j;
	size_t i;

	ctl_json_init(&j, stdout);
	ctl_json_object_begin(&j);
	ctl_json_key(&j, "drops");
	ctl_json_array_begin(&j);
	for (i = 0; i < n; i++) {
		ctl_json_object_begin(&j);
		ctl_json_key(&j, "reason");
		ctl_json_string(&j, d[i].reason);
		ctl_json_key(&j, "count");
		ctl_json_u64(&j, d[i].count);
		ctl_json_object_end(&j);
	}
	ctl_json_array_end(&j);
	ctl_json_key(&j, "total");
	ctl_json_u64(&j, total);
	ctl_json_object_end(&j);
	ctl_json_end(&j);
}

static void ctl_drops_text(const struct ctl_drop *d, size_t n, uint64_t total)
{
	static const struct ctl_outcol cols[] = {
		{ "REASON", CTL_LEFT, 0 },
		{ "COUNT", CTL_RIGHT, 2 },
	};
	char num[CTL_NUM_GROUPED_LEN];
	struct ctl_outtable ot;
	const char *cells[2];
	size_t i;

	ctl_outtable_init(&ot, cols, 2);
	for (i = 0; i < n; i++) {
		cells[0] = d[i].reason;
		cells[1] = ctl_group_u64(d[i].count, num);
		ctl_outtable_add(&ot, cells);
	}
	/* lower case, so it cannot be mistaken for a kernel reason name */
	cells[0] = "total";
	cells[1] = ctl_group_u64(total, num);
	ctl_outtable_add(&ot, cells);
	ctl_outtable_print(&ot, stdout);
	ctl_outtable_free(&ot);
}

int ctl_cmd_drops(int argc, char **argv)
{
	struct ctl_table t;
	struct ctl_drop *d;
	uint64_t total;
	char *path;
	bool json;
	int ret;

	ret = ctl_parse_json_only(argc, argv, ctl_help_drops, &json);
	if (ret != CTL_PARSE_CONTINUE)
		return ret;
	ret = ctl_procdir_check();
	if (ret)
		return ret;
	path = ctl_procdir_path("drops");
	if (ctl_table_load(&t, path)) {
		free(path);
		return CTL_EXIT_RUNTIME;
	}
	d = ctl_xreallocarray(NULL, t.nrows, sizeof(*d));
	if (ctl_drops_collect(&t, d, &total)) {
		ret = CTL_EXIT_RUNTIME;
		goto out;
	}
	if (json)
		ctl_drops_json(d, t.nrows, total);
	else
		ctl_drops_text(d, t.nrows, total);
	ret = ctl_finish_output();
out:
	free(d);
	ctl_table_free(&t);
	free(path);
	return ret;
}
