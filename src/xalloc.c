/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * xalloc.c - allocation that exits (status 3) when memory runs out.
 */
#include "config.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"
#include "xalloc.h"

void
xalloc_die(void)
{
	errx(STATUS_ERROR, "out of memory");
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		xalloc_die();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	p = reallocarray(p, n ? n : 1, size ? size : 1);
	if (!p)
		xalloc_die();
	return p;
}

char *
xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		xalloc_die();
	return d;
}
