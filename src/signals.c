/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * signals.c - signal names and numbers.
 *
 * Names come from glibc (sigabbrev_np, sigdescr_np); the real-time range
 * is SIGRTMIN..SIGRTMAX as glibc reports it at run time, which keeps the
 * signals glibc reserves for itself (32 and 33 on Linux) out of reach.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "signals.h"

int
signal_max(void)
{
	return SIGRTMAX;
}

bool
signal_is_valid(int signo)
{
	if (signo == 0)
		return true;
	if (signo > 0 && signo < SIGRTMIN)
		return sigabbrev_np(signo) != NULL;
	return signo >= SIGRTMIN && signo <= SIGRTMAX;
}

int
signal_name(int signo, char *buf, size_t size)
{
	int mid = (SIGRTMIN + SIGRTMAX) / 2;

	if (!signal_is_valid(signo))
		return -1;
	if (signo == 0)
		snprintf(buf, size, "0");
	else if (signo < SIGRTMIN)
		snprintf(buf, size, "%s", sigabbrev_np(signo));
	else if (signo == SIGRTMIN)
		snprintf(buf, size, "RTMIN");
	else if (signo == SIGRTMAX)
		snprintf(buf, size, "RTMAX");
	else if (signo <= mid)
		snprintf(buf, size, "RTMIN+%d", signo - SIGRTMIN);
	else
		snprintf(buf, size, "RTMAX-%d", SIGRTMAX - signo);
	return 0;
}

const char *
signal_description(int signo)
{
	const char *d;

	if (signo == 0)
		return "Existence and permission check";
	if (signo >= SIGRTMIN && signo <= SIGRTMAX)
		return "Real-time signal";
	d = sigdescr_np(signo);
	return d ? d : "Unknown signal";
}

/* A decimal number in [lo, hi] that is the whole word, else -1 */
static long
parse_small(const char *s, long lo, long hi)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end != '\0' || v < lo || v > hi)
		return -1;
	return v;
}

/* RTMIN, RTMIN+n, RTMAX, RTMAX-n (already uppercased, without SIG) */
static int
parse_rt(const char *name)
{
	long n;

	if (strncmp(name, "RTMIN", 5) == 0) {
		if (name[5] == '\0')
			return SIGRTMIN;
		if (name[5] != '+')
			return -1;
		n = parse_small(name + 6, 0, SIGRTMAX - SIGRTMIN);
		return n < 0 ? -1 : SIGRTMIN + (int)n;
	}
	if (strncmp(name, "RTMAX", 5) == 0) {
		if (name[5] == '\0')
			return SIGRTMAX;
		if (name[5] != '-')
			return -1;
		n = parse_small(name + 6, 0, SIGRTMAX - SIGRTMIN);
		return n < 0 ? -1 : SIGRTMAX - (int)n;
	}
	return -1;
}

/*
 * Names glibc's sigabbrev_np does not give, though pkill and bash take
 * them: the second name of a signal number, and pkill's names for 0.
 */
static const struct {
	const char *name;
	int signo;
} aliases[] = {
	{ "IO", SIGIO },
	{ "IOT", SIGABRT },
	{ "CLD", SIGCHLD },
	{ "POLL", SIGPOLL },
	{ "EXIT", 0 },
	{ "NULL", 0 },
};

int
parse_signal(const char *word, bool any_case)
{
	char name[32];
	size_t i, len = strlen(word);
	long n;
	int signo;

	if (len == 0 || len >= sizeof(name))
		return -1;
	if (word[0] == '+' && isdigit((unsigned char)word[1]))
		word++;		/* as strtol reads it, and so pkill */
	if (isdigit((unsigned char)word[0])) {
		n = parse_small(word, 0, SIGRTMAX);
		return n >= 0 && signal_is_valid((int)n) ? (int)n : -1;
	}
	for (i = 0; i <= len; i++) {
		if (!any_case && islower((unsigned char)word[i]))
			return -1;
		name[i] = (char)toupper((unsigned char)word[i]);
	}
	if (strncmp(name, "SIG", 3) == 0 && name[3] != '\0')
		memmove(name, name + 3, len - 2);
	if (isdigit((unsigned char)name[0])) {
		/* SIG0, SIG9: pkill takes the number after the prefix */
		n = parse_small(name, 0, SIGRTMAX);
		return n >= 0 && signal_is_valid((int)n) ? (int)n : -1;
	}
	if (strncmp(name, "RT", 2) == 0 && (signo = parse_rt(name)) > 0)
		return signo;
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(aliases[i].name, name) == 0)
			return aliases[i].signo;
	for (signo = 1; signo < SIGRTMIN; signo++) {
		const char *abbrev = sigabbrev_np(signo);

		if (abbrev && strcmp(abbrev, name) == 0)
			return signo;
	}
	return -1;
}
