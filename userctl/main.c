// SPDX-License-Identifier: GPL-2.0
/*
 * tcpinsightctl: reads what the tcpinsight module exposes under
 * /proc/tcpinsight and shows it to people, or as JSON to programs.
 * The exit status of every subcommand is documented in ctl.h.
 */
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "err.h"
#include "procdir.h"

static const struct ctl_cmd ctl_cmds[] = {
	{ "status", "status [--json]",
	  "the module's summary and the state of its probes",
	  ctl_cmd_status, ctl_help_status },
	{ "drops", "drops [--json]",
	  "drops per reason, largest first, and their total",
	  ctl_cmd_drops, ctl_help_drops },
	{ "events", "events [-n N] [--json]",
	  "the last N drops (default: all held), with addresses",
	  ctl_cmd_events, ctl_help_events },
	{ "listeners", "listeners [--json]",
	  "accept and SYN queues per listener, trouble first",
	  ctl_cmd_listeners, ctl_help_listeners },
};

#define CTL_NCMDS ARRAY_SIZE(ctl_cmds)

static void ctl_usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"Usage: " CTL_NAME " COMMAND [OPTIONS]\n"
		"       " CTL_NAME " help [COMMAND]\n"
		"       " CTL_NAME " --help | --version\n"
		"\n"
		"Shows the TCP drops and listen queues the tcpinsight kernel\n"
		"module watches.\n"
		"\n"
		"Commands:\n");
	for (i = 0; i < CTL_NCMDS; i++)
		fprintf(f, "  %-22s  %s\n", ctl_cmds[i].synopsis,
			ctl_cmds[i].summary);
	fprintf(f,
		"  %-22s  %s\n"
		"\n"
		"Options of status, drops, events and listeners:\n"
		"  --json      one JSON document on stdout, nothing else\n"
		"  -h, --help  the command's own help\n"
		"\n"
		"Environment:\n"
		"  " CTL_PROC_ENV "=DIR  read DIR instead of " CTL_PROC_DEFAULT "\n"
		"\n"
		"%s",
		"help [COMMAND]", "this text, or a command's help",
		ctl_exit_help);
}

static const struct ctl_cmd *ctl_find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < CTL_NCMDS; i++)
		if (!strcmp(ctl_cmds[i].name, name))
			return &ctl_cmds[i];
	return NULL;
}

static int ctl_cmd_help(int argc, char **argv)
{
	const struct ctl_cmd *cmd;

	if (argc < 2) {
		ctl_usage(stdout);
		return ctl_finish_output();
	}
	if (argc > 2) {
		ctl_usage_err("help: takes at most one command");
		return CTL_EXIT_USAGE;
	}
	cmd = ctl_find_cmd(argv[1]);
	if (!cmd) {
		ctl_usage_err("help: unknown command '%s'", argv[1]);
		return CTL_EXIT_USAGE;
	}
	cmd->help();
	return ctl_finish_output();
}

int main(int argc, char **argv)
{
	const struct ctl_cmd *cmd;
	const char *name;
	int ret;

	if (argc < 2) {
		ctl_usage_err("no command given");
		return CTL_EXIT_USAGE;
	}
	name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h"))
		return ctl_cmd_help(1, argv + 1);
	if (!strcmp(name, "--version")) {
		printf(CTL_NAME " %s\n", CTL_VERSION);
		return ctl_finish_output();
	}
	if (!strcmp(name, "help"))
		return ctl_cmd_help(argc - 1, argv + 1);
	if (name[0] == '-') {
		ctl_usage_err("unknown option '%s'", name);
		return CTL_EXIT_USAGE;
	}
	cmd = ctl_find_cmd(name);
	if (!cmd) {
		ctl_usage_err("unknown command '%s'", name);
		return CTL_EXIT_USAGE;
	}
	ret = cmd->run(argc - 1, argv + 1);
	/* help and usage paths return before output is flushed */
	if (ret == CTL_EXIT_OK)
		ret = ctl_finish_output();
	return ret;
}
