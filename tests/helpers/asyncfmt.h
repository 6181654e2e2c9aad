/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * asyncfmt.h - async-signal-safe formatting for the test helpers that
 * log the signals they catch from inside their handlers (catcher,
 * forker): no stdio, no locale, no allocation.
 */
#ifndef PIDKILL_TESTS_ASYNCFMT_H
#define PIDKILL_TESTS_ASYNCFMT_H

/* v in decimal at p; returns the end */
static inline char *
put_num(char *p, long v)
{
	char tmp[24];
	int n = 0;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	if (v < 0)
		*p++ = '-';
	do
		tmp[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* s at p; returns the end */
static inline char *
put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

#endif /* PIDKILL_TESTS_ASYNCFMT_H */
