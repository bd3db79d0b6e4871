// SPDX-License-Identifier: GPL-2.0
#include "ctl.h"
int ctl_cmd_export(int argc, char **argv) { (void)argc; (void)argv; return 0; }
void ctl_help_export(void) {}
int ctl_cmd_explain(int argc, char **argv) { (void)argc; (void)argv; return 0; }
void ctl_help_explain(void) {}
