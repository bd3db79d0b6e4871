// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "control.h"
#include "ctl.h"
#include "err.h"
#include "num.h"
#include "procdir.h"

static int ctl_control_error(const char *path, const char *cmd, int err)
{
	switch (err) {
	case EPERM:
	case EACCES:
		ctl_err("'%s' was not allowed: it needs CAP_NET_ADMIN (%s: %s)",
			cmd, path, strerror(err));
		return CTL_EXIT_DENIED;
	case EINVAL:
		ctl_err("the module refused '%s': see dmesg", cmd);
		return CTL_EXIT_REFUSED;
	case ENOENT:
		ctl_err("%s: no such file: this tcpinsight has no runtime control",
			path);
		return CTL_EXIT_RUNTIME;
	default:
		ctl_err("'%s': %s: %s", cmd, path, strerror(err));
		return CTL_EXIT_RUNTIME;
	}
}

int ctl_control_send(const char *cmd)
{
	size_t len = strlen(cmd);
	char *path;
	ssize_t n;
	int fd, ret;

	ret = ctl_procdir_check();
	if (ret)
		return ret;
	path = ctl_procdir_path("control");
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = ctl_control_error(path, cmd, errno);
		free(path);
		return ret;
	}
	/* one write: the module takes a write as one all-or-nothing batch */
	do {
		n = write(fd, cmd, len);
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		ret = ctl_control_error(path, cmd, errno);
	} else if ((size_t)n != len) {
		ctl_err("'%s': %s: only %zd of %zu bytes were taken", cmd,
			path, n, len);
		ret = CTL_EXIT_RUNTIME;
	} else {
		ret = CTL_EXIT_OK;
	}
	if (close(fd) && ret == CTL_EXIT_OK)
		ret = ctl_control_error(path, cmd, errno);
	free(path);
	return ret;
}

int ctl_control_number(const char *cmd, const char *what, const char *s,
		       uint64_t min, uint64_t max, uint64_t *v)
{
	if (!ctl_parse_u64(s, v)) {
		ctl_usage_err("%s: %s takes a decimal number, not '%s'", cmd,
			      what, s);
		return -1;
	}
	if (*v < min || *v > max) {
		ctl_usage_err("%s: %s must be %" PRIu64 " to %" PRIu64 ", not %s",
			      cmd, what, min, max, s);
		return -1;
	}
	return 0;
}

/* Adds the ports of one comma-separated argument to @ports. */
static int ctl_control_port_list(const char *arg, uint64_t *ports, int *n)
{
	const char *p = arg;

	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		uint64_t v;
		int i;

		if (!ctl_parse_u64_len(p, len, &v) || v < 1 || v > 65535) {
			ctl_usage_err("filter port: '%.*s' is not a port (1 to 65535)",
				      (int)len, p);
			return -1;
		}
		for (i = 0; i < *n; i++)
			if (ports[i] == v) {
				ctl_usage_err("filter port: port %" PRIu64 " is given twice",
					      v);
				return -1;
			}
		if (*n == CTL_FILTER_PORTS_MAX) {
			ctl_usage_err("filter port: at most %d ports",
				      CTL_FILTER_PORTS_MAX);
			return -1;
		}
		ports[(*n)++] = v;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

int ctl_control_ports(char **args, int nargs, char *out, size_t len)
{
	uint64_t ports[CTL_FILTER_PORTS_MAX];
	size_t used = 0;
	int i, n = 0;

	if (!nargs) {
		ctl_usage_err("filter port: which ports?");
		return -1;
	}
	for (i = 0; i < nargs; i++)
		if (ctl_control_port_list(args[i], ports, &n))
			return -1;
	out[0] = '\0';
	for (i = 0; i < n; i++)
		used += (size_t)snprintf(out + used, len - used, "%s%" PRIu64,
					 i ? "," : "", ports[i]);
	return 0;
}
