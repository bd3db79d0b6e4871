// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>

#include "prom.h"
#include "utf8.h"

/*
 * Help text escapes backslash and newline; label values also '"'. Both
 * must be UTF-8: a byte that is not becomes U+FFFD.
 */
static void ctl_prom_escaped(FILE *f, const char *str, int quote)
{
	const unsigned char *s = (const unsigned char *)str;

	while (*s) {
		size_t len;

		if (*s == '\\') {
			fputs("\\\\", f);
		} else if (*s == '\n') {
			fputs("\\n", f);
		} else if (quote && *s == '"') {
			fputs("\\\"", f);
		} else if (*s < 0x80) {
			fputc(*s, f);
		} else {
			len = ctl_utf8_len(s);
			if (!len) {
				fputs("\xef\xbf\xbd", f);
			} else {
				fwrite(s, 1, len, f);
				s += len;
				continue;
			}
		}
		s++;
	}
}

void ctl_prom_family(FILE *f, const char *name, const char *type,
		     const char *help)
{
	fprintf(f, "# HELP %s ", name);
	ctl_prom_escaped(f, help, 0);
	fprintf(f, "\n# TYPE %s %s\n", name, type);
}

void ctl_prom_sample(FILE *f, const char *name,
		     const struct ctl_prom_label *labels, size_t n,
		     const char *value)
{
	size_t i;

	fputs(name, f);
	for (i = 0; i < n; i++) {
		fprintf(f, "%s%s=\"", i ? "," : "{", labels[i].name);
		ctl_prom_escaped(f, labels[i].value, 1);
		fputc('"', f);
	}
	if (n)
		fputc('}', f);
	fprintf(f, " %s\n", value);
}

void ctl_prom_sample_u64(FILE *f, const char *name,
			 const struct ctl_prom_label *labels, size_t n,
			 uint64_t value)
{
	char v[24];

	snprintf(v, sizeof(v), "%" PRIu64, value);
	ctl_prom_sample(f, name, labels, n, v);
}
