// SPDX-License-Identifier: GPL-2.0
/* tcpinsightctl explain: what is wrong, in plain words, and what to change. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "ctl.h"
#include "explain.h"
#include "findings.h"
#include "procdir.h"
#include "snap.h"
#include "sysctl.h"

void ctl_help_explain(void)
{
	printf("Usage: " CTL_NAME " explain [--json]\n"
	       "\n"
	       "Reads every counter tcpinsight keeps, and the sysctls that govern\n"
	       "them, and says in plain words what went wrong since the module\n"
	       "was loaded, largest first: accept-queue overflows (the listener,\n"
	       "its limit and where the limit comes from), full SYN queues with\n"
	       "or without SYN cookies, PAWS rejects, residual connections left\n"
	       "by a RST dropped in SYN_RECV, local-port exhaustion, full receive\n"
	       "and send buffers, resets on close with unread data, segments to\n"
	       "closed ports, other drops, and full tcpinsight tables. Each\n"
	       "finding says where to look and which sysctl (with its value now)\n"
	       "or code change to consider. With nothing wrong it says so.\n"
	       "\n"
	       "Sysctls are read from " CTL_PROC_ROOT_DEFAULT "/sys (" CTL_PROC_ROOT_ENV "=DIR reads\n"
	       "DIR/sys), in the network namespace explain runs in.\n"
	       "\n"
	       "Options:\n"
	       "  --json      {\"findings\":[{\"kind\":K,\"count\":N,\"netns\":N|null,\n"
	       "              \"port\":N|null,\"title\":S,\"explanation\":[S,...],\n"
	       "              \"look_at\":[S,...],\"consider\":[S,...],\n"
	       "              \"sysctls\":{NAME:VALUE|null,...}},...]}; kinds:\n"
	       "              accept_queue_overflow, syn_queue_full, syn_cookies,\n"
	       "              paws, residual_connection, port_exhaustion,\n"
	       "              receive_buffer, send_buffer, reset_on_close,\n"
	       "              closed_port, other_drops, table_full, probes_off\n"
	       "  -h, --help  show this help\n"
	       "\n"
	       "Exit status 4 when something is wrong, 0 when nothing is.\n"
	       "\n%s", ctl_exit_help);
}

int ctl_cmd_explain(int argc, char **argv)
{
	struct ctl_findings fs = { 0 };
	unsigned int what = CTL_SNAP_ALL;
	struct ctl_snap s;
	bool json;
	char *tcp;
	int ret;

	ret = ctl_parse_json_only(argc, argv, ctl_help_explain, &json);
	if (ret != CTL_PARSE_CONTINUE)
		return ret;
	/* a module from before the tcp table: its rules have nothing to read */
	tcp = ctl_procdir_path("tcp");
	if (access(tcp, F_OK))
		what &= ~CTL_SNAP_TCP;
	free(tcp);
	ret = ctl_snap_load(&s, what);
	if (ret)
		goto out;
	ctl_explain(&s, &fs);
	if (json)
		ctl_findings_json(&fs);
	else
		ctl_findings_print(&fs);
	ret = ctl_finish_output();
	if (!ret && fs.n)
		ret = CTL_EXIT_FINDINGS;
out:
	ctl_findings_free(&fs);
	ctl_snap_free(&s);
	return ret;
}
