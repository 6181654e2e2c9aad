/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fail.h - a fatal error, recorded where it happens and acted on at the
 * top level.
 *
 * Modules never exit: a function that meets an error the run cannot go
 * on after records it here and returns -1.  main() decides: it prints
 * the report of whatever was already sent, then the message, and exits
 * with the status.
 */
#ifndef PIDKILL_FAIL_H
#define PIDKILL_FAIL_H

#include <stdarg.h>
#include <stdbool.h>

struct fail {
	int status;		/* 0 while nothing failed */
	char msg[512];		/* one line, escaped by text_escape */
};

/*
 * Record a failure with exit status status, unless one is recorded
 * already (the first cause is the one worth telling).  Returns -1.
 */
int fail_set(struct fail *f, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static inline bool
failed(const struct fail *f)
{
	return f->status != 0;
}

/*
 * vasprintf with every control character and every byte that is not
 * UTF-8 escaped as \xNN (text_escape), so that a word holding a newline
 * still makes a one-line message.  NULL when out of memory.
 */
char *format_escaped(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

/* warnx(3) of a message made by format_escaped: every string it quotes,
   a name or a word, is escaped, so the message stays one line */
void warn_escaped(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vwarn_escaped(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

/*
 * From warn_defer() to warn_flush(), warnings are kept in memory and
 * written then: while a tree is held stopped, whatever reads pidkill's
 * standard error may be one of its members, and a write to a full pipe
 * would wait for ever.
 */
void warn_defer(void);
void warn_flush(void);

#endif /* PIDKILL_FAIL_H */
