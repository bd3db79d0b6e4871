// SPDX-License-Identifier: GPL-2.0
/*
 * export --format json: one document with every table, its shape fixed
 * by "schema" (documented in Documentation/tcpinsightctl.md and the man
 * page): a key is never renamed or removed within a schema, only
 * appended.
 */
#include <stdio.h>
#include <stdlib.h>

#include "event.h"
#include "export.h"
#include "json.h"
#include "kvline.h"
#include "lines.h"
#include "tail.h"
#include "xalloc.h"

#define CTL_EXPORT_SCHEMA	1

/* Every line read and checked before anything is printed. */
static int ctl_export_events_load(struct ctl_tail *t, const char *path)
{
	struct ctl_kvline kl = { 0 };
	struct ctl_lines lr;
	char *line, *copy;
	int ret;

	ctl_tail_init(t, SIZE_MAX);
	if (ctl_lines_open(&lr, path))
		return -1;
	while ((ret = ctl_lines_next(&lr, &line)) > 0) {
		copy = ctl_xstrdup(line);
		ret = ctl_event_check(&kl, line, path, lr.lineno);
		if (ret) {
			free(copy);
			break;
		}
		ctl_tail_push(t, copy);
	}
	ctl_kvline_free(&kl);
	ctl_lines_close(&lr);
	return ret < 0 ? -1 : 0;
}

static void ctl_export_json_probes(struct ctl_json *j, const struct ctl_snap *s)
{
	size_t i;

	ctl_json_key(j, "probes");
	ctl_json_array_begin(j);
	for (i = 0; i < s->nprobes; i++) {
		ctl_json_object_begin(j);
		ctl_json_key(j, "name");
		ctl_json_string(j, s->probes[i].name);
		ctl_json_key(j, "state");
		ctl_json_string(j, s->probes[i].state);
		ctl_json_key(j, "hits");
		ctl_json_u64(j, s->probes[i].hits);
		ctl_json_key(j, "missed");
		ctl_json_u64(j, s->probes[i].missed);
		ctl_json_key(j, "type");
		ctl_json_string(j, s->probes[i].type);
		ctl_json_object_end(j);
	}
	ctl_json_array_end(j);
}

static void ctl_export_json_drops(struct ctl_json *j, const struct ctl_snap *s)
{
	size_t i;

	ctl_json_key(j, "drops");
	ctl_json_array_begin(j);
	for (i = 0; i < s->ndrops; i++) {
		ctl_json_object_begin(j);
		ctl_json_key(j, "reason");
		ctl_json_string(j, s->drops[i].reason);
		ctl_json_key(j, "count");
		ctl_json_u64(j, s->drops[i].count);
		ctl_json_object_end(j);
	}
	ctl_json_array_end(j);
	ctl_json_key(j, "drops_total");
	ctl_json_u64(j, s->drops_total);
	ctl_json_key(j, "ports");
	ctl_json_array_begin(j);
	for (i = 0; i < s->nports; i++) {
		ctl_json_object_begin(j);
		ctl_json_key(j, "netns");
		ctl_json_u64(j, s->ports[i].netns);
		ctl_json_key(j, "port");
		ctl_json_u64(j, s->ports[i].port);
		ctl_json_key(j, "reason");
		ctl_json_string(j, s->ports[i].reason);
		ctl_json_key(j, "count");
		ctl_json_u64(j, s->ports[i].count);
		ctl_json_object_end(j);
	}
	ctl_json_array_end(j);
}

static void ctl_export_json_tcp(struct ctl_json *j, const struct ctl_snap *s)
{
	size_t i;

	ctl_json_key(j, "tcp");
	if (!(s->what & CTL_SNAP_TCP)) {
		ctl_json_null(j);
		return;
	}
	ctl_json_array_begin(j);
	for (i = 0; i < s->ntcp; i++) {
		ctl_json_object_begin(j);
		ctl_json_key(j, "netns");
		ctl_json_u64(j, s->tcp[i].netns);
		ctl_json_key(j, "port");
		ctl_json_u64(j, s->tcp[i].port);
		ctl_json_key(j, "counter");
		ctl_json_string(j, s->tcp[i].counter);
		ctl_json_key(j, "reason");
		ctl_json_string(j, s->tcp[i].reason);
		ctl_json_key(j, "count");
		ctl_json_u64(j, s->tcp[i].count);
		ctl_json_object_end(j);
	}
	ctl_json_array_end(j);
}

int ctl_export_json(const struct ctl_snap *s, const char *events_path)
{
	struct ctl_kvline kl = { 0 };
	struct ctl_json j;
	struct ctl_tail ev;
	size_t i;

	if (ctl_export_events_load(&ev, events_path)) {
		ctl_tail_free(&ev);
		return -1;
	}
	ctl_json_init(&j, stdout);
	ctl_json_object_begin(&j);
	ctl_json_key(&j, "schema");
	ctl_json_u64(&j, CTL_EXPORT_SCHEMA);
	ctl_json_key(&j, "summary");
	ctl_summary_json(&j, &s->summary);
	ctl_export_json_probes(&j, s);
	ctl_export_json_drops(&j, s);
	ctl_export_json_tcp(&j, s);
	ctl_json_key(&j, "listeners");
	ctl_json_array_begin(&j);
	for (i = 0; i < s->nlisteners; i++)
		ctl_listener_json(&j, &s->listeners[i]);
	ctl_json_array_end(&j);
	ctl_json_key(&j, "events");
	ctl_json_array_begin(&j);
	for (i = 0; i < ev.n; i++) {
		/* checked when read, so this parse cannot fail */
		if (!ctl_kvline_parse(&kl, ctl_tail_get(&ev, i), "", 0))
			ctl_event_json(&j, &kl);
	}
	ctl_json_array_end(&j);
	ctl_json_object_end(&j);
	ctl_json_end(&j);
	ctl_kvline_free(&kl);
	ctl_tail_free(&ev);
	return 0;
}
