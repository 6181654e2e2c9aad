/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * schedule.c - durations and retry schedules.
 */
#include "config.h"

#include <ctype.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "schedule.h"
#include "signals.h"
#include "xalloc.h"

/* Milliseconds in a year: the longest duration accepted */
#define DURATION_MAX (366LL * 24 * 3600 * 1000)

int
parse_duration(const char *s, long long *ms)
{
	long long whole = 0, frac = 0, fdiv = 1, unit;
	const char *p = s;

	if (!isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p); p++) {
		whole = whole * 10 + (*p - '0');
		if (whole > DURATION_MAX)
			return -1;
	}
	if (*p == '.') {
		if (!isdigit((unsigned char)*++p))
			return -1;
		for (; isdigit((unsigned char)*p); p++)
			if (fdiv < 1000000000LL) {
				frac = frac * 10 + (*p - '0');
				fdiv *= 10;
			}
	}
	if (strcmp(p, "ms") == 0)
		unit = 1;
	else if (*p == '\0' || strcmp(p, "s") == 0)
		unit = 1000;
	else if (strcmp(p, "m") == 0)
		unit = 60 * 1000;
	else if (strcmp(p, "h") == 0)
		unit = 3600 * 1000;
	else
		return -1;
	if (whole > DURATION_MAX / unit)
		return -1;
	*ms = whole * unit + (frac * unit + fdiv / 2) / fdiv;
	return *ms > DURATION_MAX ? -1 : 0;
}

void
schedule_push(struct schedule *s, int kind, long long value)
{
	s->v = xreallocarray(s->v, s->n + 1, sizeof(*s->v));
	s->v[s->n].kind = kind;
	s->v[s->n++].value = value;
}

int
schedule_first_signal(const struct schedule *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].kind == STEP_SIGNAL)
			return (int)s->v[i].value;
	return -1;
}

/* One item of a schedule: a signal or a timeout; -1 if neither */
static int
parse_step(const char *item, struct schedule *out)
{
	long long ms;
	int signo;

	if (isdigit((unsigned char)*item)) {
		if (parse_duration(item, &ms) < 0)
			return -1;
		schedule_push(out, STEP_WAIT, ms);
		return 0;
	}
	/* numbers need the dash, or they would read as timeouts */
	signo = parse_signal(item + (*item == '-'), true);
	if (signo < 0 || (*item != '-' && isdigit((unsigned char)*item)))
		return -1;
	schedule_push(out, STEP_SIGNAL, signo);
	return 0;
}

/*
 * "forever" at the end repeats the last signal and what follows it.
 * What it repeats must wait some time in all: TERM/0/forever would
 * signal at full speed until the targets exit.  -1 if it does not.
 */
static int
close_loop(struct schedule *out, size_t repeat_at)
{
	size_t k, loop = repeat_at;
	long long waited = 0;

	if (repeat_at == out->n) {
		for (loop = out->n; loop > 0; loop--)
			if (out->v[loop - 1].kind == STEP_SIGNAL)
				break;
		if (loop == 0)
			return -1;
		loop--;
	}
	/* a loop that waits no time at all would spin, signaling at full CPU */
	for (k = loop; k < out->n; k++)
		if (out->v[k].kind == STEP_WAIT)
			waited += out->v[k].value;
	if (waited <= 0)
		return -1;
	schedule_push(out, STEP_GOTO, (long long)loop);
	return 0;
}

/*
 * A schedule must send something (a bare "15" is a timeout: signals by
 * number take a dash), and must end by waiting, or the targets it just
 * signaled would be judged before they could exit.
 */
static bool
schedule_is_sound(const struct schedule *out)
{
	bool sends = false;
	size_t k;

	for (k = 0; k < out->n; k++)
		sends |= out->v[k].kind == STEP_SIGNAL;
	return sends && out->v[out->n - 1].kind != STEP_SIGNAL;
}

int
parse_schedule(const char *s, int signo, struct schedule *out, char *bad,
	       size_t badsize)
{
	size_t repeat_at = 0, nitems = 0;
	bool forever = false;
	const char *p = s;
	long long ms;

	out->v = NULL;
	out->n = 0;
	snprintf(bad, badsize, "%s", s);
	if (!strchr(s, '/')) {
		if (parse_duration(s, &ms) < 0)
			return -1;
		schedule_push(out, STEP_SIGNAL, signo);
		schedule_push(out, STEP_WAIT, ms);
		schedule_push(out, STEP_SIGNAL, SIGKILL);
		schedule_push(out, STEP_WAIT, ms);
		return 0;
	}
	for (;;) {
		size_t len = strcspn(p, "/");

		snprintf(bad, badsize, "%.*s", (int)len, p);
		if (strcmp(bad, "forever") == 0) {
			if (forever || nitems == 0)
				return -1;
			forever = true;
			repeat_at = out->n;
		} else if (len == 0) {
			snprintf(bad, badsize, "%s", s);	/* name it whole */
			return -1;
		} else if (len >= badsize || parse_step(bad, out) < 0) {
			return -1;
		}
		nitems++;
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	snprintf(bad, badsize, "%s", s);
	if (nitems < 2)
		return -1;
	if (forever && close_loop(out, repeat_at) < 0)
		return -2;
	return schedule_is_sound(out) ? 0 : -1;
}
