/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A file of "key value" lines, no header (the summary format). The value
 * is the rest of the line after the key and its blanks, trailing blanks
 * dropped; it must not be empty.
 */
#ifndef CTL_KVFILE_H
#define CTL_KVFILE_H

#include <stddef.h>

struct ctl_kvfile_entry {
	unsigned long lineno;
	char *key;
	char *val;		/* points into key's allocation */
};

struct ctl_kvfile {
	const char *path;
	struct ctl_kvfile_entry *e;	/* in file order */
	size_t n;
	size_t cap;
};

/*
 * Reads @path (kept by reference). Returns 0, or -1 after naming the file
 * and line that are wrong (no value, a key given twice).
 */
int ctl_kvfile_load(struct ctl_kvfile *kf, const char *path);

/* The entry for @key, or NULL. */
const struct ctl_kvfile_entry *ctl_kvfile_get(const struct ctl_kvfile *kf,
					      const char *key);

void ctl_kvfile_free(struct ctl_kvfile *kf);

#endif
