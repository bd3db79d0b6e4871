// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "err.h"
#include "event.h"

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

const struct ctl_outcol ctl_event_cols[CTL_EVENT_NCOLS] = {
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

static bool ctl_event_is_numeric(const char *key)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ctl_event_numeric); i++)
		if (!strcmp(key, ctl_event_numeric[i]))
			return true;
	return false;
}

int ctl_event_check(struct ctl_kvline *kl, char *line, const char *path,
		    unsigned long lineno)
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

uint64_t ctl_event_id(const struct ctl_kvline *kl)
{
	uint64_t id = 0;

	ctl_parse_u64(ctl_kvline_get(kl, "id"), &id);
	return id;
}

void ctl_event_json(struct ctl_json *j, const struct ctl_kvline *kl)
{
	uint64_t v;
	size_t k;

	ctl_json_object_begin(j);
	for (k = 0; k < kl->n; k++) {
		ctl_json_key(j, kl->kv[k].key);
		if (ctl_event_is_numeric(kl->kv[k].key) &&
		    ctl_parse_u64(kl->kv[k].val, &v))
			ctl_json_u64(j, v);
		else
			ctl_json_string(j, kl->kv[k].val);
	}
	ctl_json_object_end(j);
}

static const char *ctl_family_name(const char *family)
{
	if (!strcmp(family, "4"))
		return "IPv4";
	if (!strcmp(family, "6"))
		return "IPv6";
	return family;
}

void ctl_event_row(struct ctl_event_row *r, const struct ctl_kvline *kl)
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

void ctl_event_row_free(struct ctl_event_row *r)
{
	free(r->src);
	free(r->dst);
	r->src = NULL;
	r->dst = NULL;
}
