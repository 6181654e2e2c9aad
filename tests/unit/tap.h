/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tap.h - the smallest Test Anything Protocol producer for the unit
 * tests: one "ok N - what" or "not ok N - what" line per check, "# "
 * diagnostics, the plan "1..N" at the end, and a failing exit status
 * when any check failed.
 */
#ifndef PIDKILL_TAP_H
#define PIDKILL_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static int tap_count;		/* checks run so far */
static int tap_failed;		/* how many of them failed */

/*
 * Report one check: ok says whether it passed, fmt describes what it
 * proves, file and line say where a failure is.  Returns ok, so that a
 * caller can add diagnostics to a failure.
 */
static bool __attribute__((format(printf, 4, 5)))
tap_check(bool ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", ok ? "" : "not ", ++tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!ok) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	return ok;
}

/* A diagnostic line: "# " and the message */
static void __attribute__((format(printf, 1, 2)))
tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("#   ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* Print the plan; returns the exit status for main() */
static int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	if (tap_failed)
		printf("# %d of %d checks failed\n", tap_failed, tap_count);
	return fflush(stdout) == 0 && tap_failed == 0 ? 0 : 1;
}

/* CHECK(condition, "what it proves", ...): one TAP test line */
#define CHECK(cond, ...) tap_check((cond), __FILE__, __LINE__, __VA_ARGS__)

#endif /* PIDKILL_TAP_H */
