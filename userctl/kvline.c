// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "dups.h"
#include "err.h"
#include "fields.h"
#include "kvline.h"
#include "xalloc.h"

int ctl_kvline_parse(struct ctl_kvline *kl, char *line, const char *path,
		     unsigned long lineno)
{
	struct ctl_fields f = { 0 };
	const char *dup;
	size_t i;
	int ret = -1;

	kl->n = 0;
	ctl_fields_split(&f, line);
	if (!f.n) {
		ctl_err_at(path, lineno, "empty line");
		goto out;
	}
	kl->kv = ctl_xgrow(kl->kv, &kl->cap, f.n, sizeof(*kl->kv), 16);
	for (i = 0; i < f.n; i++) {
		char *eq = strchr(f.v[i], '=');

		if (!eq) {
			ctl_err_at(path, lineno, "'%s' is not key=value",
				   f.v[i]);
			goto out;
		}
		if (eq == f.v[i]) {
			ctl_err_at(path, lineno, "'%s' has an empty key",
				   f.v[i]);
			goto out;
		}
		*eq = '\0';
		kl->kv[i].key = f.v[i];
		kl->kv[i].val = eq + 1;
	}
	kl->n = f.n;
	/* the keys are the split fields, now cut at their '=' */
	dup = ctl_find_duplicate(f.v, f.n);
	if (dup) {
		ctl_err_at(path, lineno, "key '%s' appears twice", dup);
		kl->n = 0;
		goto out;
	}
	ret = 0;
out:
	ctl_fields_free(&f);
	return ret;
}

const char *ctl_kvline_get(const struct ctl_kvline *kl, const char *key)
{
	size_t i;

	for (i = 0; i < kl->n; i++)
		if (!strcmp(kl->kv[i].key, key))
			return kl->kv[i].val;
	return NULL;
}

void ctl_kvline_free(struct ctl_kvline *kl)
{
	free(kl->kv);
	memset(kl, 0, sizeof(*kl));
}
