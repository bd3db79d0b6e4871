/* SPDX-License-Identifier: GPL-2.0 */
/* Telling well-formed UTF-8 from bytes that only look like text. */
#ifndef CTL_UTF8_H
#define CTL_UTF8_H

#include <stddef.h>

/*
 * Length of the well-formed UTF-8 sequence at @s (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or 0 if there is none.
 * For a byte below 0x80 it is 0 too: ASCII is the caller's to handle.
 */
size_t ctl_utf8_len(const unsigned char *s);

#endif
