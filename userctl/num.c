// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "num.h"

bool ctl_parse_u64(const char *s, uint64_t *v)
{
	return ctl_parse_u64_len(s, strlen(s), v);
}

bool ctl_parse_u64_len(const char *s, size_t len, uint64_t *v)
{
	const char *end = s + len;
	uint64_t n = 0;

	if (!len)
		return false;
	for (; s < end; s++) {
		unsigned int d;

		/* isdigit() depends on the locale; the format does not */
		if (*s < '0' || *s > '9')
			return false;
		d = (unsigned int)(*s - '0');
		if (n > (UINT64_MAX - d) / 10)
			return false;
		n = n * 10 + d;
	}
	*v = n;
	return true;
}

const char *ctl_group_u64(uint64_t v, char buf[CTL_NUM_GROUPED_LEN])
{
	char *p = buf + CTL_NUM_GROUPED_LEN - 1;
	unsigned int digits = 0;

	*p = '\0';
	do {
		if (digits && digits % 3 == 0)
			*--p = ',';
		*--p = (char)('0' + v % 10);
		v /= 10;
		digits++;
	} while (v);
	return p;
}

bool ctl_parse_interval(const char *s, uint64_t *ns)
{
	const char *dot = strchr(s, '.');
	size_t ilen = dot ? (size_t)(dot - s) : strlen(s);
	uint64_t sec, frac = 0;
	size_t i, flen = 0;

	if (!ctl_parse_u64_len(s, ilen, &sec) || sec > 86400)
		return false;
	if (dot) {
		flen = strlen(dot + 1);
		if (!flen || flen > 9 ||
		    !ctl_parse_u64_len(dot + 1, flen, &frac))
			return false;
		for (i = flen; i < 9; i++)
			frac *= 10;
	}
	sec = sec * 1000000000u + frac;
	if (sec < 1000000u || sec > 86400u * 1000000000u)
		return false;
	*ns = sec;
	return true;
}
