/* SPDX-License-Identifier: GPL-2.0 */
/*
 * explain's rules: from the counters of a snapshot and the sysctls that
 * govern them, the findings, each in plain words with what to change.
 */
#ifndef CTL_EXPLAIN_H
#define CTL_EXPLAIN_H

#include "findings.h"
#include "snap.h"

void ctl_explain(const struct ctl_snap *s, struct ctl_findings *fs);

#endif
