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

	/* output */
	bool dry_run, verbose, quiet;

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

void free_options(struct pidkill_opts *opts);

#endif /* PIDKILL_OPTIONS_H */
