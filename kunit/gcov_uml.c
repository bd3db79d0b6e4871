// SPDX-License-Identifier: GPL-2.0
/*
 * Coverage under UML (CONFIG_GCOV), for make kunit-coverage.
 *
 * gcc 7 and later write .gcda files from destructors placed in
 * .fini_array.00100, and UML's linker script only keeps .fini_array: at
 * exit nothing is written. A destructor of ours, in plain .fini_array,
 * writes every file at exit instead. It runs in the host process after
 * the kernel has halted, like the destructors it stands in for.
 */
#include "tcpi_kunit.h"

static void __attribute__((destructor)) tcpi_gcov_dump(void)
{
	__gcov_dump();
}
