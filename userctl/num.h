/* SPDX-License-Identifier: GPL-2.0 */
/* Decimal numbers: strict parsing, and grouping for people. */
#ifndef CTL_NUM_H
#define CTL_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* 20 digits of UINT64_MAX, 6 separators, NUL */
#define CTL_NUM_GROUPED_LEN	27

/*
 * Parses @s as an unsigned decimal integer: digits only, at least one, no
 * sign, no blanks, no trailing characters, no overflow of 64 bits.
 * Returns false (and leaves *@v alone) otherwise.
 */
bool ctl_parse_u64(const char *s, uint64_t *v);

/* The same for the @len bytes at @s, which need not end in a NUL. */
bool ctl_parse_u64_len(const char *s, size_t len, uint64_t *v);

/*
 * Seconds as "S" or "S.FRACTION" (at most 9 decimals, no sign, no
 * exponent), from 0.001 to 86400, into nanoseconds. Returns false
 * otherwise.
 */
bool ctl_parse_interval(const char *s, uint64_t *ns);

/* @v with a comma every three digits: 1234567 -> "1,234,567". */
const char *ctl_group_u64(uint64_t v, char buf[CTL_NUM_GROUPED_LEN]);

#endif
