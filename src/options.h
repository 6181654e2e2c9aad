/*
 * options.h - the command line, parsed into one struct.
 */
#ifndef PIDKILL_OPTIONS_H
#define PIDKILL_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "target.h"

/* Exit statuses, as pkill's plus one */
enum {
	STATUS_MATCH = 0,	/* at least one target signaled */
	STATUS_NOMATCH = 1,	/* nothing matched or nothing signaled */
	STATUS_USAGE = 2,	/* bad command line; nothing signaled */
	STATUS_ERROR = 3,	/* fatal error */
	STATUS_ALIVE = 4,	/* targets alive when waiting ran out */
};

/* A list of numbers given as a comma list (PIDs, UIDs, GIDs, ttys) */
struct num_list {
	long *v;
	size_t n;
};

struct str_list {
	char **v;
	size_t n;
};

struct word_target {
	const char *word;
	struct target_word tw;
};

/* --scope: which part of a target a signal reaches */
enum scope {
	SCOPE_DEFAULT,		/* the pidfd's own kind: process, or thread */
	SCOPE_PROCESS,		/* PIDFD_SIGNAL_THREAD_GROUP */
	SCOPE_THREAD,		/* PIDFD_SIGNAL_THREAD */
	SCOPE_PGROUP,		/* PIDFD_SIGNAL_PROCESS_GROUP */
};

/* One step of a signal schedule (-R, or what -w and a plain run mean) */
struct step {
	enum { STEP_SIGNAL, STEP_WAIT, STEP_GOTO } kind;
	long long value;	/* signal number, milliseconds (-1: forever),
				   or the step index to go to */
};

struct schedule {
	struct step *v;
	size_t n;
};

/* Namespace kinds for --ns/--nslist, as bits */
enum {
	NS_IPC = 1 << 0, NS_MNT = 1 << 1, NS_NET = 1 << 2, NS_PID = 1 << 3,
	NS_USER = 1 << 4, NS_UTS = 1 << 5, NS_CGROUP = 1 << 6,
	NS_TIME = 1 << 7, NS_ALL = (1 << 8) - 1,
};

struct pidkill_opts {
	/* signal and payload */
	int signo;
	bool queue;
	int queue_value;
	bool list_signals;
	const char *list_arg;
	bool table;

	/* targets */
	struct word_target *words;	/* PID forms, from argv and -p */
	size_t nwords;
	struct str_list patterns;
	struct str_list pidfiles;

	/* selection */
	bool full, ignore_case, exact, inverse, newest, oldest;
	long older;			/* seconds, -1 if unset */
	struct num_list parents, pgroups, sessions, groups, euids, uids;
	struct num_list ttys;		/* device numbers, 0 = no tty */
	char *runstates;		/* state letters */
	pid_t ns_pid;			/* 0 if unset */
	unsigned int nslist;
	struct str_list cgroups, envs;
	bool logpidfile, require_handler, count, echo;
	bool include_ancestors, unsafe_pidfile;

	/* acting and waiting */
	enum scope scope;
	bool wait;
	long long timeout_ms;		/* -1 if unset */
	const char *retry;		/* -R as given, or NULL */
	struct schedule schedule;	/* what to do, step by step */
	bool mrelease;

	/* output */
	bool dry_run, verbose, quiet;
	int columns[32];		/* report columns, in order */
	size_t ncolumns;		/* 0: no table unless --dry-run */
	bool json, raw, noheadings;
	bool interactive;

	/* what the rest of argv holds when -l is given */
	char **rest;
	size_t nrest;
};

/*
 * Parse argv into opts.  Usage errors print one line naming the bad word
 * and exit with STATUS_USAGE; --help and --version exit 0.
 */
void parse_options(int argc, char **argv, struct pidkill_opts *opts);

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
 * and points *bad at the offending item (a static or caller-owned
 * string).
 */
int parse_schedule(const char *s, int signo, struct schedule *out,
		   char *bad, size_t badsize);

/* Whether any attribute filter (not a target) was given */
bool has_filters(const struct pidkill_opts *opts);

void free_options(struct pidkill_opts *opts);

/*
 * Print "pidkill: MESSAGE" as one line (control characters escaped, so a
 * word holding a newline cannot split it) and exit with STATUS_USAGE.
 */
void usage_exit(const char *fmt, ...) __attribute__((format(printf, 1, 2),
						      noreturn));

#endif /* PIDKILL_OPTIONS_H */
