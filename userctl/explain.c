// SPDX-License-Identifier: GPL-2.0
/*
 * Each rule looks at what the kernel counted since the module was loaded
 * and, where something went wrong, says what it means, where to look,
 * and which sysctl or code change to consider, with the sysctl's value
 * now. Sysctls are per network namespace: explain reads its own, and
 * says so when the trouble is in another namespace.
 */
#include "explain.h"
#include "explain_rules.h"
#include "sysctl.h"

void ctl_explain(const struct ctl_snap *s, struct ctl_findings *fs)
{
	struct ctl_explain e = { .s = s, .fs = fs };

	e.own_known = ctl_own_netns(&e.own_netns);
	ctl_rule_accept(&e);
	ctl_rule_synq(&e);
	ctl_rule_cookies(&e);
	ctl_rule_paws(&e);
	ctl_rule_residual(&e);
	ctl_rule_ports_exhausted(&e);
	ctl_rule_rcvbuf(&e);
	ctl_rule_sndbuf(&e);
	ctl_rule_abort_on_close(&e);
	ctl_rule_closed_ports(&e);
	ctl_rule_other_drops(&e);
	ctl_rule_tables_full(&e);
	ctl_rule_probes_off(&e);
	ctl_findings_sort(fs);
}
