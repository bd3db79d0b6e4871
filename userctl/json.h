/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A streaming JSON writer (RFC 8259) that places the commas and colons
 * itself. Strings are escaped; bytes that are not valid UTF-8 become
 * U+FFFD, so the document stays valid whatever a file contains.
 */
#ifndef CTL_JSON_H
#define CTL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define CTL_JSON_MAX_DEPTH	16

struct ctl_json {
	FILE *f;
	unsigned int depth;
	/* per level: nothing written yet, so no comma before the next item */
	bool first[CTL_JSON_MAX_DEPTH];
	/* a key was just written: the next value follows its colon */
	bool after_key;
};

void ctl_json_init(struct ctl_json *j, FILE *f);
void ctl_json_object_begin(struct ctl_json *j);
void ctl_json_object_end(struct ctl_json *j);
void ctl_json_array_begin(struct ctl_json *j);
void ctl_json_array_end(struct ctl_json *j);
/* A member's name, inside an object; its value comes next. */
void ctl_json_key(struct ctl_json *j, const char *key);
void ctl_json_string(struct ctl_json *j, const char *s);
void ctl_json_u64(struct ctl_json *j, uint64_t v);
void ctl_json_null(struct ctl_json *j);
void ctl_json_bool(struct ctl_json *j, bool v);
/* A number already written out as JSON (e.g. "12.5"), copied as it is. */
void ctl_json_number(struct ctl_json *j, const char *literal);
/* Ends the document with a newline. */
void ctl_json_end(struct ctl_json *j);

/* Writes @s as a JSON string literal, quotes included. */
void ctl_json_write_string(FILE *f, const char *s);

#endif
