// SPDX-License-Identifier: GPL-2.0
/* tcpinsightctl export: every table at once, for monitoring systems. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "ctl.h"
#include "err.h"
#include "export.h"
#include "procdir.h"
#include "snap.h"

enum { CTL_OPT_FORMAT = CTL_OPT_FIRST_OWN };

void ctl_help_export(void)
{
	printf("Usage: " CTL_NAME " export --format prometheus|json\n"
	       "\n"
	       "Every table at once, read and checked before anything is written.\n"
	       "\n"
	       "  prometheus  the Prometheus text exposition format, for\n"
	       "              node_exporter's textfile collector (write it to a\n"
	       "              temporary file and rename it into the collector's\n"
	       "              directory). Families: tcpinsight_info,\n"
	       "              tcpinsight_drops_total{reason},\n"
	       "              tcpinsight_netns_drops_total{netns,reason},\n"
	       "              tcpinsight_port_drops_total{netns,port,reason},\n"
	       "              tcpinsight_listen_*{netns,family,addr,port} (accept\n"
	       "              and SYN queues, overflows, SYN drops, cookies, SYNs),\n"
	       "              tcpinsight_tcp_*_total{netns,port[,reason]} (the tcp\n"
	       "              table), tcpinsight_probe_*{probe,...}, and the\n"
	       "              summary's gauges and counters\n"
	       "  json        one document: {\"schema\":1,\"summary\":{...},\n"
	       "              \"probes\":[...],\"drops\":[...],\"drops_total\":N,\n"
	       "              \"ports\":[...],\"tcp\":[...]|null,\"listeners\":[...],\n"
	       "              \"events\":[...]}, each as the commands' own --json\n"
	       "              shows it (see the man page)\n"
	       "\n"
	       "Options:\n"
	       "  --format F  prometheus or json (required)\n"
	       "  -h, --help  show this help\n"
	       "\n%s", ctl_exit_help);
}

int ctl_cmd_export(int argc, char **argv)
{
	static const struct ctl_opt opts[] = {
		{ CTL_OPT_FORMAT, 0, "format", true },
		{ CTL_OPT_HELP, 'h', "help", false },
		{ 0 },
	};
	unsigned int what = CTL_SNAP_ALL;
	const char *value, *format = NULL;
	struct ctl_args a;
	struct ctl_snap s;
	char *path;
	int id, ret;

	ctl_args_init(&a, argc, argv);
	while ((id = ctl_args_next(&a, opts, &value)) != CTL_ARG_END) {
		switch (id) {
		case CTL_OPT_FORMAT:
			if (strcmp(value, "prometheus") && strcmp(value, "json")) {
				ctl_usage_err("export: --format is prometheus or json, not '%s'",
					      value);
				return CTL_EXIT_USAGE;
			}
			format = value;
			break;
		case CTL_OPT_HELP:
			ctl_help_export();
			return CTL_EXIT_OK;
		case CTL_ARG_POSITIONAL:
			ctl_usage_err("export: unexpected argument '%s'", value);
			return CTL_EXIT_USAGE;
		default:
			return CTL_EXIT_USAGE;
		}
	}
	if (!format) {
		ctl_usage_err("export: --format prometheus or --format json?");
		return CTL_EXIT_USAGE;
	}
	/* a module from before the tcp table still has the others */
	path = ctl_procdir_path("tcp");
	if (access(path, F_OK))
		what &= ~CTL_SNAP_TCP;
	free(path);
	ret = ctl_snap_load(&s, what);
	if (ret)
		goto out;
	if (!strcmp(format, "prometheus")) {
		ctl_export_prom(&s);
	} else {
		path = ctl_procdir_path("events");
		ret = ctl_export_json(&s, path) ? CTL_EXIT_RUNTIME : CTL_EXIT_OK;
		free(path);
		if (ret)
			goto out;
	}
	ret = ctl_finish_output();
out:
	ctl_snap_free(&s);
	return ret;
}
