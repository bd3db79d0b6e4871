/* SPDX-License-Identifier: GPL-2.0 */
/* Zeroing counters at runtime, table by table, under the hot path's feet. */
#ifndef TCPI_RESET_H
#define TCPI_RESET_H

#include <linux/bits.h>

#define TCPI_RESET_DROPS	BIT(0)
#define TCPI_RESET_PORTS	BIT(1)
#define TCPI_RESET_LISTENERS	BIT(2)
#define TCPI_RESET_EVENTS	BIT(3)
#define TCPI_RESET_TCP		BIT(4)
#define TCPI_RESET_FILTERED	BIT(5)
#define TCPI_RESET_ALL		(BIT(6) - 1)

int tcpi_reset(unsigned int what);

#endif
