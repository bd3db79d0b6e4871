// SPDX-License-Identifier: GPL-2.0
/*
 * tcpinsightctl enable, disable, reset and filter: the module's runtime
 * control, one command per invocation.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control.h"
#include "ctl.h"
#include "err.h"
#include "kvfile.h"
#include "procdir.h"
#include "table.h"

static const char *const ctl_reset_targets[] = {
	"drops", "ports", "listeners", "events", "tcp", "all",
};

void ctl_help_enable(void)
{
	printf("Usage: " CTL_NAME " enable PROBE|all\n"
	       "\n"
	       "Registers a probe the module had unregistered (see status for\n"
	       "their names and states). Counters kept while it was off stay.\n"
	       "'all' enables every probe this kernel has; a probe that is\n"
	       "unavailable on this kernel cannot be enabled.\n"
	       "\n"
	       "Writes 'enable PROBE' to " CTL_PROC_DEFAULT "/control, which\n"
	       "needs CAP_NET_ADMIN. Prints nothing when it worked.\n"
	       "\n"
	       "Options:\n"
	       "  -h, --help  show this help\n"
	       "\n%s", ctl_exit_help);
}

void ctl_help_disable(void)
{
	printf("Usage: " CTL_NAME " disable PROBE|all\n"
	       "\n"
	       "Unregisters a probe: it costs nothing while off, and counts\n"
	       "nothing. Its counters stay. The listener table's two probes\n"
	       "(inet_csk_listen_start, inet_csk_listen_stop) go off and on\n"
	       "together.\n"
	       "\n"
	       "Writes 'disable PROBE' to " CTL_PROC_DEFAULT "/control, which\n"
	       "needs CAP_NET_ADMIN. Prints nothing when it worked.\n"
	       "\n"
	       "Options:\n"
	       "  -h, --help  show this help\n"
	       "\n%s", ctl_exit_help);
}

void ctl_help_reset(void)
{
	printf("Usage: " CTL_NAME " reset [drops|ports|listeners|events|tcp|all]\n"
	       "\n"
	       "Sets the counters of one table back to zero (all tables when\n"
	       "none is named). events empties the event ring.\n"
	       "\n"
	       "Writes 'reset [TABLE]' to " CTL_PROC_DEFAULT "/control, which\n"
	       "needs CAP_NET_ADMIN. Prints nothing when it worked.\n"
	       "\n"
	       "Options:\n"
	       "  -h, --help  show this help\n"
	       "\n%s", ctl_exit_help);
}

void ctl_help_filter(void)
{
	printf("Usage: " CTL_NAME " filter\n"
	       "       " CTL_NAME " filter port PORT[,PORT...] [PORT...]\n"
	       "       " CTL_NAME " filter netns INODE\n"
	       "       " CTL_NAME " filter off\n"
	       "\n"
	       "Limits what the module records (drops, ports, tcp, listeners,\n"
	       "events) to segments and sockets whose local port is one of the\n"
	       "PORTs (1 to 65535, at most 64, each once), or whose network\n"
	       "namespace is INODE (as in the NETNS columns). A port filter and\n"
	       "a netns filter can both be set: a record must match both. off\n"
	       "clears both. What a filter leaves out is counted in the summary\n"
	       "key 'filtered'.\n"
	       "\n"
	       "With no arguments, shows the filters in force.\n"
	       "\n"
	       "Writes 'filter ...' to " CTL_PROC_DEFAULT "/control, which\n"
	       "needs CAP_NET_ADMIN. Prints nothing when it worked.\n"
	       "\n"
	       "Options:\n"
	       "  -h, --help  show this help\n"
	       "\n%s", ctl_exit_help);
}

/* A probe name as the probes table spells them. */
static bool ctl_probe_name_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return false;
	return true;
}

/*
 * Checks @probe against the probes table: a usage error for a name the
 * module does not have or one it cannot enable. Returns the exit status.
 */
static int ctl_probe_check(const char *cmd, const char *probe)
{
	static const char *const cols[] = { "name", "state" };
	struct ctl_table t;
	size_t idx[2], i;
	char *path;
	int ret = CTL_EXIT_USAGE;

	if (!ctl_probe_name_ok(probe)) {
		ctl_usage_err("%s: '%s' is not a probe name", cmd, probe);
		return CTL_EXIT_USAGE;
	}
	path = ctl_procdir_path("probes");
	if (ctl_table_load(&t, path)) {
		free(path);
		return CTL_EXIT_RUNTIME;
	}
	if (ctl_table_require(&t, cols, idx, 2)) {
		ret = CTL_EXIT_RUNTIME;
		goto out;
	}
	for (i = 0; i < t.nrows; i++) {
		if (strcmp(ctl_table_cell(&t, i, idx[0]), probe))
			continue;
		if (!strcmp(cmd, "enable") &&
		    !strcmp(ctl_table_cell(&t, i, idx[1]), "unavailable")) {
			ctl_usage_err("enable: probe '%s' is unavailable on this kernel",
				      probe);
			goto out;
		}
		ret = CTL_EXIT_OK;
		goto out;
	}
	ctl_usage_err("%s: no probe '%s' (see " CTL_NAME " status)", cmd,
		      probe);
out:
	ctl_table_free(&t);
	free(path);
	return ret;
}

static int ctl_cmd_onoff(int argc, char **argv, void (*help)(void))
{
	char *pos[argc > 0 ? argc : 1];
	char cmd[160];
	int npos, ret;

	ret = ctl_parse_help_only(argc, argv, help, pos, &npos);
	if (ret != CTL_PARSE_CONTINUE)
		return ret;
	if (npos != 1) {
		ctl_usage_err("%s: takes one probe name, or all", argv[0]);
		return CTL_EXIT_USAGE;
	}
	ret = ctl_procdir_check();
	if (ret)
		return ret;
	if (strcmp(pos[0], "all")) {
		ret = ctl_probe_check(argv[0], pos[0]);
		if (ret)
			return ret;
	}
	snprintf(cmd, sizeof(cmd), "%s %s", argv[0], pos[0]);
	return ctl_control_send(cmd);
}

int ctl_cmd_enable(int argc, char **argv)
{
	return ctl_cmd_onoff(argc, argv, ctl_help_enable);
}

int ctl_cmd_disable(int argc, char **argv)
{
	return ctl_cmd_onoff(argc, argv, ctl_help_disable);
}

int ctl_cmd_reset(int argc, char **argv)
{
	char *pos[argc > 0 ? argc : 1];
	char cmd[32];
	size_t i;
	int npos, ret;

	ret = ctl_parse_help_only(argc, argv, ctl_help_reset, pos, &npos);
	if (ret != CTL_PARSE_CONTINUE)
		return ret;
	if (npos > 1) {
		ctl_usage_err("reset: takes at most one table");
		return CTL_EXIT_USAGE;
	}
	if (!npos)
		return ctl_control_send("reset");
	for (i = 0; i < ARRAY_SIZE(ctl_reset_targets); i++)
		if (!strcmp(pos[0], ctl_reset_targets[i]))
			break;
	if (i == ARRAY_SIZE(ctl_reset_targets)) {
		ctl_usage_err("reset: '%s' is not drops, ports, listeners, events, tcp or all",
			      pos[0]);
		return CTL_EXIT_USAGE;
	}
	snprintf(cmd, sizeof(cmd), "reset %s", pos[0]);
	return ctl_control_send(cmd);
}

/* filter with no arguments: what the summary says is in force. */
static int ctl_filter_show(void)
{
	static const char *const keys[] = {
		"filter_ports", "filter_netns", "filtered",
	};
	const struct ctl_kvfile_entry *e;
	struct ctl_kvfile kf;
	char *path;
	size_t i;
	int ret;

	ret = ctl_procdir_check();
	if (ret)
		return ret;
	path = ctl_procdir_path("summary");
	if (ctl_kvfile_load(&kf, path)) {
		free(path);
		return CTL_EXIT_RUNTIME;
	}
	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (!ctl_kvfile_get(&kf, keys[i])) {
			ctl_err_at(path, 0, "no '%s' line: this tcpinsight has no filters",
				   keys[i]);
			ret = CTL_EXIT_RUNTIME;
			goto out;
		}
	e = ctl_kvfile_get(&kf, "filter_ports");
	printf("ports     %s\n", e->val);
	e = ctl_kvfile_get(&kf, "filter_netns");
	printf("netns     %s\n", e->val);
	e = ctl_kvfile_get(&kf, "filtered");
	printf("filtered  %s\n", e->val);
out:
	ctl_kvfile_free(&kf);
	free(path);
	return ret;
}

int ctl_cmd_filter(int argc, char **argv)
{
	char *pos[argc > 0 ? argc : 1];
	char list[CTL_FILTER_PORTS_MAX * 6 + 1], cmd[sizeof(list) + 32];
	uint64_t netns;
	int npos, ret;

	ret = ctl_parse_help_only(argc, argv, ctl_help_filter, pos, &npos);
	if (ret != CTL_PARSE_CONTINUE)
		return ret;
	if (!npos)
		return ctl_filter_show();
	if (!strcmp(pos[0], "off")) {
		if (npos != 1) {
			ctl_usage_err("filter off: takes no argument");
			return CTL_EXIT_USAGE;
		}
		return ctl_control_send("filter off");
	}
	if (!strcmp(pos[0], "port")) {
		if (ctl_control_ports(pos + 1, npos - 1, list, sizeof(list)))
			return CTL_EXIT_USAGE;
		snprintf(cmd, sizeof(cmd), "filter port %s", list);
		return ctl_control_send(cmd);
	}
	if (!strcmp(pos[0], "netns")) {
		if (npos != 2) {
			ctl_usage_err("filter netns: takes one namespace inode");
			return CTL_EXIT_USAGE;
		}
		/* inodes are 32-bit in the tables; 0 is no namespace */
		if (ctl_control_number("filter netns", "the inode", pos[1], 1,
				       UINT32_MAX, &netns))
			return CTL_EXIT_USAGE;
		snprintf(cmd, sizeof(cmd), "filter netns %" PRIu64, netns);
		return ctl_control_send(cmd);
	}
	ctl_usage_err("filter: '%s' is not port, netns or off", pos[0]);
	return CTL_EXIT_USAGE;
}
