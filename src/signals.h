/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * signals.h - signal names and numbers, from glibc.
 */
#ifndef PIDKILL_SIGNALS_H
#define PIDKILL_SIGNALS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Parse a signal word: a number, a name with or without the SIG prefix
 * (TERM, SIGTERM), or RTMIN, RTMIN+n, RTMAX, RTMAX-n.  Names must be
 * uppercase unless any_case is set.  Signal 0 is valid.  Returns the
 * signal number, or -1 for an unknown, out of range or reserved signal.
 */
int parse_signal(const char *word, bool any_case);

/*
 * Write the name of signo without the SIG prefix ("TERM", "RTMIN+2",
 * "0" for signal 0) into buf.  Returns 0, or -1 if signo is not a signal
 * pidkill can send.
 */
int signal_name(int signo, char *buf, size_t size);

/* The one-line description of a signal, from glibc ("Terminated") */
const char *signal_description(int signo);

/* The highest signal number, and whether signo is one pidkill may send */
int signal_max(void);
bool signal_is_valid(int signo);

#endif /* PIDKILL_SIGNALS_H */
