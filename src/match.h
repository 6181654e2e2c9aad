/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * match.h - the selection criteria (patterns and pkill's filters) as a
 * pure function of what was read of a process.
 *
 * The scan and the verification after pinning both ask this module, so
 * that they cannot drift apart; neither reads anything here.
 */
#ifndef PIDKILL_MATCH_H
#define PIDKILL_MATCH_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "options.h"

/* Namespace kinds, in the order of the NS_* bits of options.h */
#define NS_KINDS 8

/*
 * What was read of one process.  Only the fields the options need are
 * read; the criteria look only at those.
 */
struct proc_view {
	pid_t pid, tgid, ppid, pgrp, sid;
	uid_t euid, ruid;
	gid_t rgid;
	long tty;			/* device number, 0 for none */
	char state;
	double elapsed;			/* seconds since it started */
	unsigned long long start;	/* clock ticks since boot */
	unsigned long ns[NS_KINDS];	/* inode numbers, 0 if unreadable */
	const char *comm;
	const char *cmdline;
	const char *sigcatch;		/* SigCgt, a hex mask */
	char **cgroups;
	char **environ;
	bool have_tgid;			/* tgid was read */
	bool overmounted;		/* its /proc directory is not its own */
};

struct matcher {
	const struct pidkill_opts *opts;
	regex_t *re;
	size_t nre;
	unsigned long ns_ref[NS_KINDS];	/* --ns: the reference's */
};

/*
 * Compile the patterns of opts.  Returns 0, or -1 with a message naming
 * the bad pattern in err.
 */
int matcher_init(struct matcher *m, const struct pidkill_opts *opts,
		 char *err, size_t errsize);
void matcher_free(struct matcher *m);

/* Whether v passes every attribute filter (-P, -u, -t, --ns, ...) */
bool match_filters(const struct matcher *m, const struct proc_view *v);

/* Whether any pattern matches v's name (command line with -f); true
   without patterns */
bool match_patterns(const struct matcher *m, const struct proc_view *v);

/* Whether the patterns select v, a process named by PID or pidfile
   (with --inverse: whether none matches) */
bool match_named(const struct matcher *m, const struct proc_view *v);

/* A scanned process is selected: patterns and filters, or with
   --inverse neither */
bool match_selected(const struct matcher *m, const struct proc_view *v);

/* Whether a SigCgt mask says signo is caught (signal 0 always is) */
bool catches_signal(const char *sigcatch, int signo);

#endif /* PIDKILL_MATCH_H */
