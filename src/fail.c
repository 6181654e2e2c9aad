/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fail.c - fatal errors as values.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fail.h"
#include "text.h"

char *
format_escaped(const char *fmt, va_list ap)
{
	char *raw = NULL, *out;

	if (vasprintf(&raw, fmt, ap) < 0)
		return NULL;
	out = text_escaped(raw);
	free(raw);
	return out;
}

int
fail_set(struct fail *f, int status, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (f->status)
		return -1;
	va_start(ap, fmt);
	msg = format_escaped(fmt, ap);
	va_end(ap);
	f->status = status;
	snprintf(f->msg, sizeof(f->msg), "%s", msg ? msg : fmt);
	free(msg);
	return -1;
}

/* Warnings kept back while a tree is held (warn_defer) */
static FILE *deferred;
static char *deferred_buf;
static size_t deferred_len;

void
warn_defer(void)
{
	if (!deferred)
		deferred = open_memstream(&deferred_buf, &deferred_len);
}

void
warn_flush(void)
{
	if (!deferred)
		return;
	if (fclose(deferred) == 0 && deferred_len)
		fwrite(deferred_buf, 1, deferred_len, stderr);
	deferred = NULL;
	free(deferred_buf);
	deferred_buf = NULL;
	deferred_len = 0;
}

void
vwarn_escaped(const char *fmt, va_list ap)
{
	char *msg = format_escaped(fmt, ap);

	if (deferred)
		fprintf(deferred, "%s: %s\n", program_invocation_short_name,
			msg ? msg : fmt);
	else
		warnx("%s", msg ? msg : fmt);
	free(msg);
}

void
warn_escaped(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_escaped(fmt, ap);
	va_end(ap);
}
