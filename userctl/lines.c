// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "err.h"
#include "lines.h"

int ctl_lines_open(struct ctl_lines *lr, const char *path)
{
	memset(lr, 0, sizeof(*lr));
	lr->path = path;
	lr->f = fopen(path, "re");
	if (!lr->f) {
		ctl_err_at(path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int ctl_lines_next(struct ctl_lines *lr, char **line)
{
	ssize_t len;

	errno = 0;
	len = getline(&lr->buf, &lr->cap, lr->f);
	if (len < 0) {
		if (ferror(lr->f)) {
			ctl_err_at(lr->path, lr->lineno + 1, "read error: %s",
				   strerror(errno ? errno : EIO));
			return -1;
		}
		return 0;
	}
	lr->lineno++;
	if (len && lr->buf[len - 1] == '\n')
		lr->buf[--len] = '\0';
	/* a NUL would silently cut the line short for every string function */
	if (strlen(lr->buf) != (size_t)len) {
		ctl_err_at(lr->path, lr->lineno, "line contains a NUL byte");
		return -1;
	}
	*line = lr->buf;
	return 1;
}

void ctl_lines_close(struct ctl_lines *lr)
{
	if (lr->f)
		fclose(lr->f);
	free(lr->buf);
	memset(lr, 0, sizeof(*lr));
}
