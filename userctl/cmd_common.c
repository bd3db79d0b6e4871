// SPDX-License-Identifier: GPL-2.0
/*
 * What the subcommands do alike: --json/--help, endpoints, and the end of
 * output.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "ctl.h"
#include "err.h"
#include "xalloc.h"

const char ctl_exit_help[] =
	"Exit status:\n"
	"  0  success\n"
	"  1  runtime error: a file is missing, unreadable or malformed\n"
	"     (the message names the file and line)\n"
	"  2  usage error: unknown command or option, bad argument\n"
	"  3  tcpinsight is not loaded: the /proc directory does not exist\n"
	"  4  explain found something wrong\n"
	"  5  a control command was not allowed: it needs CAP_NET_ADMIN\n"
	"  6  the module refused a control command (see dmesg)\n";

int ctl_parse_json_only(int argc, char **argv, void (*help)(void), bool *json)
{
	static const struct ctl_opt opts[] = {
		{ CTL_OPT_JSON, 0, "json", false },
		{ CTL_OPT_HELP, 'h', "help", false },
		{ 0 },
	};
	struct ctl_args a;
	const char *value;
	int id;

	*json = false;
	ctl_args_init(&a, argc, argv);
	while ((id = ctl_args_next(&a, opts, &value)) != CTL_ARG_END) {
		switch (id) {
		case CTL_OPT_JSON:
			*json = true;
			break;
		case CTL_OPT_HELP:
			help();
			return CTL_EXIT_OK;
		case CTL_ARG_POSITIONAL:
			ctl_usage_err("%s: unexpected argument '%s'", argv[0],
				      value);
			return CTL_EXIT_USAGE;
		default:
			return CTL_EXIT_USAGE;
		}
	}
	return CTL_PARSE_CONTINUE;
}

int ctl_parse_help_only(int argc, char **argv, void (*help)(void),
			char **pos, int *npos)
{
	static const struct ctl_opt opts[] = {
		{ CTL_OPT_HELP, 'h', "help", false },
		{ 0 },
	};
	struct ctl_args a;
	const char *value;
	int id;

	*npos = 0;
	ctl_args_init(&a, argc, argv);
	while ((id = ctl_args_next(&a, opts, &value)) != CTL_ARG_END) {
		switch (id) {
		case CTL_OPT_HELP:
			help();
			return CTL_EXIT_OK;
		case CTL_ARG_POSITIONAL:
			pos[(*npos)++] = (char *)value;
			break;
		default:
			return CTL_EXIT_USAGE;
		}
	}
	return CTL_PARSE_CONTINUE;
}

int ctl_finish_output(void)
{
	/* a full disk or a closed pipe must not look like success */
	if (fflush(stdout) || ferror(stdout)) {
		ctl_err("writing to stdout: %s",
			strerror(errno ? errno : EIO));
		return CTL_EXIT_RUNTIME;
	}
	return CTL_EXIT_OK;
}

char *ctl_endpoint(const char *addr, const char *port)
{
	bool v6 = strchr(addr, ':') != NULL;
	size_t len = strlen(addr) + strlen(port) + 4;
	char *s = ctl_xmalloc(len);

	snprintf(s, len, v6 ? "[%s]:%s" : "%s:%s", addr, port);
	return s;
}
