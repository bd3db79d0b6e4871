// SPDX-License-Identifier: GPL-2.0
/*
 * tcpinsight_kunit: KUnit suites for the parts of tcpinsight that are plain
 * logic, built from the module's own sources. Built in (UML, make kunit)
 * they run at boot; as a module they run when it is loaded.
 */
#include <linux/module.h>

#include "tcpi_kunit.h"

kunit_test_suites(&tcpi_reasons_suite, &tcpi_porttab_suite, &tcpi_ring_suite,
		  &tcpi_format_suite, &tcpi_derive_suite, &tcpi_pkt_suite,
		  &tcpi_hist_suite);

MODULE_DESCRIPTION("KUnit tests for tcpinsight");
MODULE_LICENSE("GPL");
