/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /proc/thread-self/fail-nth: fail the Nth allocation this thread makes
 * from now on, and read back how many were left when it is disarmed.
 */
#ifndef TCPI_FAILNTH_H
#define TCPI_FAILNTH_H

void failnth_open(void);
void failnth_arm(unsigned long n);
unsigned long failnth_left(void);

#endif
