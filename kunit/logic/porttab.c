// SPDX-License-Identifier: GPL-2.0
/* The module's own porttab.c, so that the tests run what tcpinsight.ko runs. */
#include "../../module/porttab.c"
