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
#include "sysctl.h"

static const struct ctl_cmd ctl_cmds[] = {
	{ "status", "status [--json]",
	  "the module's summary and the state of its probes",
	  ctl_cmd_status, ctl_help_status },
	{ "drops", "drops [--json]",
	  "drops per reason, largest first, and their total",
	  ctl_cmd_drops, ctl_help_drops },
	{ "ports", "ports [--json]",
	  "drops and tcp counters per netns and port, largest first",
	  ctl_cmd_ports, ctl_help_ports },
	{ "listeners", "listeners [--json]",
	  "accept and SYN queues per listener, trouble first",
	  ctl_cmd_listeners, ctl_help_listeners },
	{ "events", "events [-n N] [--json]",
	  "the last N drops (default: all held), with addresses",
	  ctl_cmd_events, ctl_help_events },
	{ "events -f", "events -f [-i S] [--json]",
	  "follow new events as they come, counting the ones lost",
	  NULL, NULL },
	{ "events on", "events on|off|size N|rate N",
	  "log events or not, the ring's size, a rate limit",
	  NULL, NULL },
	{ "watch", "watch [-i S] [-n COUNT]",
	  "drops, ports and listeners per second, every interval",
	  ctl_cmd_watch, ctl_help_watch },
	{ "enable", "enable PROBE|all",
	  "register a probe again",
	  ctl_cmd_enable, ctl_help_enable },
	{ "disable", "disable PROBE|all",
	  "unregister a probe (no cost while off)",
	  ctl_cmd_disable, ctl_help_disable },
	{ "reset", "reset [TABLE|all]",
	  "set a table's counters back to zero",
	  ctl_cmd_reset, ctl_help_reset },
	{ "filter", "filter [port P,...|netns N|off]",
	  "record only some ports or one netns",
	  ctl_cmd_filter, ctl_help_filter },
	{ "export", "export --format F",
	  "every table as Prometheus text or one JSON document",
	  ctl_cmd_export, ctl_help_export },
	{ "explain", "explain [--json]",
	  "what is wrong, in plain words, and what to change",
	  ctl_cmd_explain, ctl_help_explain },
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
		"Shows the TCP drops, listen queues and trouble the tcpinsight\n"
		"kernel module watches, explains them, exports them, and\n"
		"controls the module.\n"
		"\n"
		"Commands:\n");
	for (i = 0; i < CTL_NCMDS; i++)
		fprintf(f, "  %-31s  %s\n", ctl_cmds[i].synopsis,
			ctl_cmds[i].summary);
	fprintf(f,
		"  %-31s  %s\n"
		"\n"
		"Options:\n"
		"  --json      (status, drops, ports, listeners, events, watch,\n"
		"              explain) JSON on stdout, nothing else\n"
		"  -h, --help  any command's own help\n"
		"\n"
		"Environment:\n"
		"  " CTL_PROC_ENV "=DIR       read DIR instead of " CTL_PROC_DEFAULT "\n"
		"  " CTL_PROC_ROOT_ENV "=DIR  explain reads sysctls (DIR/sys/...) and its\n"
		"                            network namespace (DIR/self/ns/net) there\n"
		"                            instead of under " CTL_PROC_ROOT_DEFAULT "\n"
		"\n"
		"%s",
		"help [COMMAND]", "this text, or a command's help",
		ctl_exit_help);
}

static const struct ctl_cmd *ctl_find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < CTL_NCMDS; i++)
		if (ctl_cmds[i].run && !strcmp(ctl_cmds[i].name, name))
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
