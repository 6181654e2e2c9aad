/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * xalloc.h - allocation that cannot fail.
 *
 * Running out of memory is the one fatal error raised where it happens
 * rather than returned to the top level: without memory there is no
 * report to print.  Every other error is returned.
 */
#ifndef PIDKILL_XALLOC_H
#define PIDKILL_XALLOC_H

#include <stddef.h>

/* Say "out of memory" and exit with status 3, for a library that ran out */
void xalloc_die(void) __attribute__((noreturn));

void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);

#endif /* PIDKILL_XALLOC_H */
