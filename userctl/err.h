/* SPDX-License-Identifier: GPL-2.0 */
/* Messages on stderr, always prefixed with the program's name. */
#ifndef CTL_ERR_H
#define CTL_ERR_H

#define CTL_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* "tcpinsightctl: MSG" */
void ctl_err(const char *fmt, ...) CTL_PRINTF(1, 2);

/*
 * "tcpinsightctl: PATH:LINE: MSG", or "tcpinsightctl: PATH: MSG" when
 * @line is 0 (the problem is the file as a whole).
 */
void ctl_err_at(const char *path, unsigned long line, const char *fmt, ...)
	CTL_PRINTF(3, 4);

/* A usage error: the message and a pointer to --help. */
void ctl_usage_err(const char *fmt, ...) CTL_PRINTF(1, 2);

#endif
