/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * options.h - the command line, parsed into one struct.
 */
#ifndef PIDKILL_OPTIONS_H
#define PIDKILL_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "columns.h"
#include "schedule.h"
#include "status.h"
#include "target.h"

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
#define NO_TTY (-1L)		/* in ttys: a terminal that does not exist */
	char *runstates;		/* state letters */
	pid_t ns_pid;			/* 0 if unset */
	unsigned int nslist;
	struct str_list cgroups, envs;
	bool logpidfile, require_handler, count, echo;
	bool include_ancestors, unsafe_pidfile;

	/* acting and waiting */
	enum scope scope;
	bool tree;			/* --tree: each target's descendants too */
	bool wait;
	long long timeout_ms;		/* -1 if unset */
	const char *retry;		/* -R as given, or NULL */
	struct schedule schedule;	/* what to do, step by step */
	bool mrelease;
	int handler_signo;		/* -H: the first signal sent */

	/* output */
	bool dry_run, verbose, quiet;
	int columns[32];		/* report columns, in order */
	size_t ncolumns;		/* as --output gave, or the default */
	bool show_table;		/* a table is printed */
	unsigned int shown;		/* bit 1 << COL_x: column x shown */
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

/* Whether any attribute filter (not a target) was given */
bool has_filters(const struct pidkill_opts *opts);

/* Whether the report shows column col (so it must be read) */
static inline bool
shows_column(const struct pidkill_opts *opts, enum column col)
{
	return (opts->shown >> col) & 1;
}

/* What one delivery is under the scope: targets naming the same one
   are signaled once */
static inline enum target_key
delivery_key(const struct pidkill_opts *opts)
{
	return opts->scope == SCOPE_THREAD ? KEY_THREAD
	       : opts->scope == SCOPE_PROCESS ? KEY_PROCESS : KEY_AS_NAMED;
}

void free_options(struct pidkill_opts *opts);

/*
 * Print "pidkill: MESSAGE" as one line (control characters escaped, so a
 * word holding a newline cannot split it) and exit with STATUS_USAGE.
 */
void usage_exit(const char *fmt, ...) __attribute__((format(printf, 1, 2),
						      noreturn));

#endif /* PIDKILL_OPTIONS_H */
