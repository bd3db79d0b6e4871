/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One line of "key=value" pairs separated by blanks (the events format).
 * A value runs to the next blank and may itself contain '='; it may be
 * empty, a key may not.
 */
#ifndef CTL_KVLINE_H
#define CTL_KVLINE_H

#include <stddef.h>

struct ctl_kv {
	char *key;
	char *val;
};

struct ctl_kvline {
	struct ctl_kv *kv;	/* in the order of the line */
	size_t n;
	size_t cap;
};

/*
 * Parses @line in place (the pairs point into it). Returns 0, or -1 after
 * naming @path:@lineno and what is wrong (a field with no '=', an empty
 * key, a key given twice).
 */
int ctl_kvline_parse(struct ctl_kvline *kl, char *line, const char *path,
		     unsigned long lineno);

/* The value of @key, or NULL. */
const char *ctl_kvline_get(const struct ctl_kvline *kl, const char *key);

void ctl_kvline_free(struct ctl_kvline *kl);

#endif
