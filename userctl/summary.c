// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "err.h"
#include "num.h"
#include "summary.h"
#include "xalloc.h"

/*
 * The summary keys. Counts are grouped for people, identifiers (format)
 * are not. Optional keys came with the runtime control: a module from
 * before it lacks them.
 */
static const struct {
	const char *key;
	bool numeric;
	bool grouped;
	bool optional;
} ctl_summary_keys[] = {
	{ "version", false, false, false },
	{ "format", true, false, false },
	{ "kernel", false, false, false },
	{ "drops_total", true, true, false },
	{ "events_logged", true, true, false },
	{ "events_lost", true, true, false },
	{ "events_size", true, true, false },
	{ "ports_used", true, true, false },
	{ "ports_max", true, true, false },
	{ "ports_overflow", true, true, false },
	{ "listeners", true, true, false },
	{ "listeners_max", true, true, false },
	{ "listeners_overflow", true, true, false },
	{ "listen_unclassified", true, true, false },
	{ "counters_used", true, true, false },
	{ "counters_overflow", true, true, false },
	{ "events_on", true, false, true },
	{ "events_rate", true, true, true },
	{ "filter_ports", false, false, true },
	{ "filter_netns", false, false, true },
	{ "filtered", true, true, true },
};

#define CTL_NKEYS ARRAY_SIZE(ctl_summary_keys)

static int ctl_summary_check(struct ctl_summary *s)
{
	const struct ctl_kvfile *kf = &s->kf;
	size_t i, k;

	for (k = 0; k < CTL_NKEYS; k++)
		if (!ctl_summary_keys[k].optional &&
		    !ctl_kvfile_get(kf, ctl_summary_keys[k].key)) {
			ctl_err_at(kf->path, 0, "no '%s' line",
				   ctl_summary_keys[k].key);
			return -1;
		}
	s->num = ctl_xcalloc(kf->n, sizeof(*s->num));
	s->is_num = ctl_xcalloc(kf->n, sizeof(*s->is_num));
	s->grouped = ctl_xcalloc(kf->n, sizeof(*s->grouped));
	for (i = 0; i < kf->n; i++) {
		const struct ctl_kvfile_entry *e = &kf->e[i];

		for (k = 0; k < CTL_NKEYS; k++)
			if (!strcmp(e->key, ctl_summary_keys[k].key))
				break;
		if (k == CTL_NKEYS || !ctl_summary_keys[k].numeric)
			continue;
		if (!ctl_parse_u64(e->val, &s->num[i])) {
			ctl_err_at(kf->path, e->lineno,
				   "%s: '%s' is not an unsigned decimal integer",
				   e->key, e->val);
			return -1;
		}
		s->is_num[i] = true;
		s->grouped[i] = ctl_summary_keys[k].grouped;
	}
	return 0;
}

int ctl_summary_load(struct ctl_summary *s, const char *path)
{
	memset(s, 0, sizeof(*s));
	if (ctl_kvfile_load(&s->kf, path))
		return -1;
	return ctl_summary_check(s);
}

bool ctl_summary_u64(const struct ctl_summary *s, const char *key,
		     uint64_t *v)
{
	size_t i;

	for (i = 0; i < s->kf.n; i++)
		if (s->is_num && s->is_num[i] && !strcmp(s->kf.e[i].key, key)) {
			*v = s->num[i];
			return true;
		}
	return false;
}

const char *ctl_summary_text(const struct ctl_summary *s, const char *key)
{
	const struct ctl_kvfile_entry *e = ctl_kvfile_get(&s->kf, key);

	return e ? e->val : NULL;
}

void ctl_summary_json(struct ctl_json *j, const struct ctl_summary *s)
{
	size_t i;

	ctl_json_object_begin(j);
	for (i = 0; i < s->kf.n; i++) {
		ctl_json_key(j, s->kf.e[i].key);
		if (s->is_num[i])
			ctl_json_u64(j, s->num[i]);
		else
			ctl_json_string(j, s->kf.e[i].val);
	}
	ctl_json_object_end(j);
}

void ctl_summary_free(struct ctl_summary *s)
{
	ctl_kvfile_free(&s->kf);
	free(s->num);
	free(s->is_num);
	free(s->grouped);
	memset(s, 0, sizeof(*s));
}
