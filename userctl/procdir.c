// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ctl.h"
#include "err.h"
#include "procdir.h"
#include "xalloc.h"

/* An empty variable counts as unset, as "VAR= cmd" usually means. */
static const char *ctl_procdir(void)
{
	const char *dir = getenv(CTL_PROC_ENV);

	return dir && *dir ? dir : CTL_PROC_DEFAULT;
}

int ctl_procdir_check(void)
{
	const char *dir = ctl_procdir();
	struct stat st;

	if (stat(dir, &st)) {
		if (errno == ENOENT) {
			ctl_err("tcpinsight is not loaded (no %s)", dir);
			return CTL_EXIT_NOT_LOADED;
		}
		ctl_err_at(dir, 0, "%s", strerror(errno));
		return CTL_EXIT_RUNTIME;
	}
	if (!S_ISDIR(st.st_mode)) {
		ctl_err_at(dir, 0, "not a directory");
		return CTL_EXIT_RUNTIME;
	}
	return CTL_EXIT_OK;
}

char *ctl_procdir_path(const char *name)
{
	const char *dir = ctl_procdir();
	size_t dlen = strlen(dir), nlen = strlen(name);
	char *path;

	/* "dir/" and "dir" name the same place; print it once, cleanly */
	while (dlen > 1 && dir[dlen - 1] == '/')
		dlen--;
	path = ctl_xmalloc(dlen + 1 + nlen + 1);
	memcpy(path, dir, dlen);
	path[dlen] = '/';
	memcpy(path + dlen + 1, name, nlen + 1);
	return path;
}
