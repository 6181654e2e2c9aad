/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * schedule.h - what to do, step by step: -R's start-stop-daemon
 * schedule, or a signal and, with --wait, one wait; and durations.
 */
#ifndef PIDKILL_SCHEDULE_H
#define PIDKILL_SCHEDULE_H

#include <stddef.h>

/* One step of a signal schedule */
struct step {
	enum { STEP_SIGNAL, STEP_WAIT, STEP_GOTO } kind;
	long long value;	/* signal number, milliseconds (-1: forever),
				   or the step index to go to */
};

struct schedule {
	struct step *v;
	size_t n;
};

/*
 * Parse a duration: a decimal number with an optional fraction and an
 * optional unit (ms, s, m, h; none means seconds), as "500ms", "1.5s",
 * "2m" or "10".  Stores milliseconds.  Returns 0, or -1 if malformed or
 * longer than a year.
 */
int parse_duration(const char *s, long long *ms);

/*
 * Parse a start-stop-daemon retry schedule: SIGNAL/TIMEOUT/... where a
 * signal is a name ("TERM", "-TERM") or a number with a dash ("-15"), a
 * timeout is a duration, and "forever" repeats what follows it (or, at
 * the end, the signal and timeout before it) until the targets are gone.
 * A bare TIMEOUT means signo/TIMEOUT/KILL/TIMEOUT.  On error returns -1
 * with the offending item copied into bad, or -2 (with the whole schedule
 * in bad) when what "forever" repeats has no signal or waits no time.
 */
int parse_schedule(const char *s, int signo, struct schedule *out,
		   char *bad, size_t badsize);

/* Append a step */
void schedule_push(struct schedule *s, int kind, long long value);

/* The first signal the schedule sends, -1 if none */
int schedule_first_signal(const struct schedule *s);

#endif /* PIDKILL_SCHEDULE_H */
