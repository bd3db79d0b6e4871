/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The summary file: its known keys, checked (the ones every format-1
 * module has must be there; numeric ones must be numbers), and shown as
 * a JSON object. Keys a later format adds pass as strings.
 */
#ifndef CTL_SUMMARY_H
#define CTL_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>

#include "json.h"
#include "kvfile.h"

struct ctl_summary {
	struct ctl_kvfile kf;
	/* per entry, in file order */
	uint64_t *num;		/* its value, if is_num */
	bool *is_num;		/* a known numeric key */
	bool *grouped;		/* a count, shown grouped to people */
};

/*
 * Reads and checks @path. Returns 0, or -1 after naming what is wrong.
 */
int ctl_summary_load(struct ctl_summary *s, const char *path);

/* A numeric key's value; false if it is missing or not known numeric. */
bool ctl_summary_u64(const struct ctl_summary *s, const char *key,
		     uint64_t *v);

/* A key's text, or NULL. */
const char *ctl_summary_text(const struct ctl_summary *s, const char *key);

/* {KEY:VALUE,...}: known numeric keys as numbers, others as strings. */
void ctl_summary_json(struct ctl_json *j, const struct ctl_summary *s);

void ctl_summary_free(struct ctl_summary *s);

#endif
