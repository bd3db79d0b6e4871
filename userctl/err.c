// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>

#include "ctl.h"
#include "err.h"

void ctl_err(const char *fmt, ...)
{
	va_list ap;

	fputs(CTL_NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void ctl_err_at(const char *path, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	if (line)
		fprintf(stderr, CTL_NAME ": %s:%lu: ", path, line);
	else
		fprintf(stderr, CTL_NAME ": %s: ", path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void ctl_usage_err(const char *fmt, ...)
{
	va_list ap;

	fputs(CTL_NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry '" CTL_NAME " --help'.\n", stderr);
}
