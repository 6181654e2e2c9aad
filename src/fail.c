/*
 * fail.c - fatal errors as values.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fail.h"

char *
format_escaped(const char *fmt, va_list ap)
{
	char *raw = NULL, *out;
	size_t i, n = 0;

	if (vasprintf(&raw, fmt, ap) < 0)
		return NULL;
	out = malloc(strlen(raw) * 4 + 1);
	if (!out) {
		free(raw);
		return NULL;
	}
	for (i = 0; raw[i]; i++) {
		unsigned char c = (unsigned char)raw[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			n += (size_t)sprintf(out + n, "\\x%02x", c);
		else
			out[n++] = (char)c;
	}
	out[n] = '\0';
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
