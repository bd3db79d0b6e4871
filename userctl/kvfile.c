// SPDX-License-Identifier: GPL-2.0
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "dups.h"
#include "err.h"
#include "fields.h"
#include "kvfile.h"
#include "lines.h"
#include "xalloc.h"

static int ctl_kvfile_add(struct ctl_kvfile *kf, const char *line,
			  unsigned long lineno)
{
	struct ctl_kvfile_entry *e;
	char *key, *val, *end;

	while (ctl_is_blank(*line))
		line++;
	if (!*line) {
		ctl_err_at(kf->path, lineno, "empty line");
		return -1;
	}
	key = ctl_xstrdup(line);
	for (val = key; *val && !ctl_is_blank(*val); val++)
		;
	end = val + strlen(val);
	while (end > val && ctl_is_blank(end[-1]))
		*--end = '\0';
	if (*val)
		*val++ = '\0';
	while (ctl_is_blank(*val))
		val++;
	if (!*val) {
		ctl_err_at(kf->path, lineno, "key '%s' has no value", key);
		free(key);
		return -1;
	}
	kf->e = ctl_xgrow(kf->e, &kf->cap, kf->n + 1, sizeof(*kf->e), 16);
	e = &kf->e[kf->n++];
	e->lineno = lineno;
	e->key = key;
	e->val = val;
	return 0;
}

/* Checked once at the end, so a long file costs n log n, not n squared. */
static int ctl_kvfile_check_unique(const struct ctl_kvfile *kf)
{
	const char *dup;
	char **keys;
	size_t i;
	bool seen = false;

	keys = ctl_xreallocarray(NULL, kf->n, sizeof(*keys));
	for (i = 0; i < kf->n; i++)
		keys[i] = kf->e[i].key;
	dup = ctl_find_duplicate(keys, kf->n);
	free(keys);
	if (!dup)
		return 0;
	for (i = 0; i < kf->n; i++) {
		if (strcmp(kf->e[i].key, dup))
			continue;
		if (seen) {
			ctl_err_at(kf->path, kf->e[i].lineno,
				   "key '%s' appears twice", dup);
			break;
		}
		seen = true;
	}
	return -1;
}

int ctl_kvfile_load(struct ctl_kvfile *kf, const char *path)
{
	struct ctl_lines lr;
	char *line;
	int ret;

	memset(kf, 0, sizeof(*kf));
	kf->path = path;
	if (ctl_lines_open(&lr, path))
		return -1;
	while ((ret = ctl_lines_next(&lr, &line)) > 0) {
		ret = ctl_kvfile_add(kf, line, lr.lineno);
		if (ret)
			break;
	}
	ctl_lines_close(&lr);
	if (!ret)
		ret = ctl_kvfile_check_unique(kf);
	if (ret < 0) {
		ctl_kvfile_free(kf);
		return -1;
	}
	return 0;
}

const struct ctl_kvfile_entry *ctl_kvfile_get(const struct ctl_kvfile *kf,
					      const char *key)
{
	size_t i;

	for (i = 0; i < kf->n; i++)
		if (!strcmp(kf->e[i].key, key))
			return &kf->e[i];
	return NULL;
}

void ctl_kvfile_free(struct ctl_kvfile *kf)
{
	size_t i;

	for (i = 0; i < kf->n; i++)
		free(kf->e[i].key);
	free(kf->e);
	memset(kf, 0, sizeof(*kf));
}
