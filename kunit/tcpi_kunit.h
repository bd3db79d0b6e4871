/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The suites of tcpinsight_kunit. They are registered together in
 * suites.c: before 5.12 a module could register suites only once.
 */
#ifndef TCPI_KUNIT_H
#define TCPI_KUNIT_H

#include <kunit/test.h>

extern struct kunit_suite tcpi_reasons_suite;
extern struct kunit_suite tcpi_porttab_suite;
extern struct kunit_suite tcpi_ring_suite;
extern struct kunit_suite tcpi_format_suite;
extern struct kunit_suite tcpi_derive_suite;
extern struct kunit_suite tcpi_pkt_suite;
extern struct kunit_suite tcpi_hist_suite;

/* libgcov's: writes the .gcda files now (see gcov_uml.c). */
void __gcov_dump(void);

/*
 * kunit_skip() is 5.13; before it a test that cannot run says so and
 * passes. Callers return right after it either way.
 */
#ifndef kunit_skip
#define kunit_skip(test, fmt, ...)	kunit_info(test, fmt, ##__VA_ARGS__)
#endif

#endif /* TCPI_KUNIT_H */
