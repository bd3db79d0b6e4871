/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Line-by-line reading of a text file of any line length, counting lines
 * so that every complaint can say where.
 */
#ifndef CTL_LINES_H
#define CTL_LINES_H

#include <stdio.h>

struct ctl_lines {
	FILE *f;
	const char *path;
	char *buf;
	size_t cap;
	unsigned long lineno;
};

/* Returns 0, or -1 after saying why the file cannot be opened. */
int ctl_lines_open(struct ctl_lines *lr, const char *path);

/*
 * The next line, without its newline, in *@line (valid until the next
 * call; the caller may modify it). Returns 1 for a line, 0 at the end,
 * -1 after reporting a read error or a NUL byte in the line.
 */
int ctl_lines_next(struct ctl_lines *lr, char **line);

void ctl_lines_close(struct ctl_lines *lr);

#endif
