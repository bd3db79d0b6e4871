// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stddef.h>

#include "json.h"
#include "utf8.h"

void ctl_json_init(struct ctl_json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->first[0] = true;
	j->after_key = false;
}

/* The separator a new item needs: none after a key, else a comma. */
static void ctl_json_item(struct ctl_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->first[j->depth])
		fputc(',', j->f);
	j->first[j->depth] = false;
}

static void ctl_json_open(struct ctl_json *j, char c)
{
	ctl_json_item(j);
	fputc(c, j->f);
	/* deeper nesting is a programming error; keep the output balanced */
	if (j->depth + 1 < CTL_JSON_MAX_DEPTH)
		j->depth++;
	j->first[j->depth] = true;
}

static void ctl_json_close(struct ctl_json *j, char c)
{
	fputc(c, j->f);
	if (j->depth)
		j->depth--;
}

void ctl_json_object_begin(struct ctl_json *j)
{
	ctl_json_open(j, '{');
}

void ctl_json_object_end(struct ctl_json *j)
{
	ctl_json_close(j, '}');
}

void ctl_json_array_begin(struct ctl_json *j)
{
	ctl_json_open(j, '[');
}

void ctl_json_array_end(struct ctl_json *j)
{
	ctl_json_close(j, ']');
}

void ctl_json_key(struct ctl_json *j, const char *key)
{
	ctl_json_item(j);
	ctl_json_write_string(j->f, key);
	fputc(':', j->f);
	j->after_key = true;
}

void ctl_json_string(struct ctl_json *j, const char *s)
{
	ctl_json_item(j);
	ctl_json_write_string(j->f, s);
}

void ctl_json_u64(struct ctl_json *j, uint64_t v)
{
	ctl_json_item(j);
	fprintf(j->f, "%" PRIu64, v);
}

void ctl_json_null(struct ctl_json *j)
{
	ctl_json_item(j);
	fputs("null", j->f);
}

void ctl_json_bool(struct ctl_json *j, bool v)
{
	ctl_json_item(j);
	fputs(v ? "true" : "false", j->f);
}

void ctl_json_number(struct ctl_json *j, const char *literal)
{
	ctl_json_item(j);
	fputs(literal, j->f);
}

void ctl_json_end(struct ctl_json *j)
{
	fputc('\n', j->f);
}

void ctl_json_write_string(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	fputc('"', f);
	while (*s) {
		unsigned char c = *s;
		size_t len;

		switch (c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				fprintf(f, "\\u%04x", c);
			} else if (c < 0x80) {
				fputc(c, f);
			} else {
				len = ctl_utf8_len(s);
				if (!len) {
					fputs("\\ufffd", f);
					break;
				}
				fwrite(s, 1, len, f);
				s += len;
				continue;
			}
		}
		s++;
	}
	fputc('"', f);
}
