/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_verify.c - unit tests for the verdict on a pinned process
 * (verify.h) and the selection criteria it asks (match.h).  Every case
 * is one table row: what was selected and how, what was read of it
 * after pinning, and the exact outcome and detail the contract gives.
 * Each check prints as one TAP line.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "options.h"
#include "tap.h"
#include "target.h"
#include "verify.h"

/* Writable literals for the tables: options and views hold char * */
#define STR(s)		((char []){ s })
#define NUMS(...)	{ (long []){ __VA_ARGS__ }, \
			  sizeof((long []){ __VA_ARGS__ }) / sizeof(long) }
#define STRS(...)	{ (char *[]){ __VA_ARGS__ }, \
			  sizeof((char *[]){ __VA_ARGS__ }) / sizeof(char *) }
/* A NULL-terminated list, as a view's cgroups and environ are */
#define LIST(...)	((char *[]){ __VA_ARGS__, NULL })

#define PID		4242
#define LEADER		4200		/* leads the thread group of PID */
#define START		987654ULL	/* its start time, in clock ticks */
#define ID		77001ULL	/* its pidfs id */

/* Namespace inodes of the --ns reference, kind by kind */
#define NS_REF(k)	(4026531835UL + (k))
#define NS_REFS		{ NS_REF(0), NS_REF(1), NS_REF(2), NS_REF(3), \
			  NS_REF(4), NS_REF(5), NS_REF(6), NS_REF(7) }

/* SigCgt masks: SIGTERM (15) caught, or nothing caught */
#define CATCHES_TERM	"0000000000004000"
#define CATCHES_NONE	"0000000000000000"

/* Targets as selection left them */
#define BY_WORD_HOT	.pid = PID, .origin = ORIGIN_WORD
/* The cold part of a target's record */
#define MORE(...)	(&(struct target_more){ __VA_ARGS__ })
#define BY_PIDFILE	.pid = PID, .origin = ORIGIN_PIDFILE
#define BY_MATCH	.pid = PID, .origin = ORIGIN_MATCH, \
			.start_known = true, .start = START
#define BY_TREE		.pid = PID, .origin = ORIGIN_TREE
/* What is read of the same process after pinning */
#define SAME		.pid = PID, .tgid = PID, .have_tgid = true, \
			.start = START

/* Every criterion at once, and a process that passes them all */
#define ALL_CRITERIA	.patterns = STRS(STR("^sleep$")), \
			.parents = NUMS(1), .pgroups = NUMS(500), \
			.sessions = NUMS(400), .groups = NUMS(100), \
			.euids = NUMS(1000), .uids = NUMS(1000), \
			.ttys = NUMS(34816), .runstates = STR("RS"), \
			.older = 60, .ns_pid = 1, .nslist = NS_ALL, \
			.cgroups = STRS(STR("/user.slice/a.scope")), \
			.envs = STRS(STR("LANG"))
#define PASSES_ALL	.comm = "sleep", .cmdline = "sleep infinity", \
			.ppid = 1, .pgrp = 500, .sid = 400, .rgid = 100, \
			.euid = 1000, .ruid = 1000, .tty = 34816, \
			.state = 'S', .elapsed = 3600, .ns = NS_REFS, \
			.cgroups = LIST(STR("0::/user.slice/a.scope")), \
			.environ = LIST(STR("LANG=C")), \
			.sigcatch = CATCHES_TERM
#define ALL_RULES	.require_handler = true, .handler_signo = SIGTERM

/* The detail of a candidate whose parent is not the listing member */
#define NOT_A_CHILD	"not a child of the member that listed it any " \
			"more (reparented, or its PID reused)"

/* The detail of a process refused by root's rule for pidfiles */
#define UNTRUSTED_PIDFILE "its pidfile is writable by another user than " \
			  "the one it runs as (--unsafe-pidfile overrides)"

static const char *
outcome_str(enum target_outcome o)
{
	switch (o) {
	case OUTCOME_PENDING:		return "PENDING";
	case OUTCOME_SIGNALED:		return "SIGNALED";
	case OUTCOME_GONE:		return "GONE";
	case OUTCOME_IDENTITY:		return "IDENTITY";
	case OUTCOME_PERMISSION:	return "PERMISSION";
	case OUTCOME_NO_HANDLER:	return "NO_HANDLER";
	case OUTCOME_EXCLUDED:		return "EXCLUDED";
	case OUTCOME_REFUSED:		return "REFUSED";
	case OUTCOME_NOT_LOCKED:	return "NOT_LOCKED";
	case OUTCOME_NOT_THREAD:	return "NOT_THREAD";
	case OUTCOME_FAILED:		return "FAILED";
	case OUTCOME_EXITED:		return "EXITED";
	case OUTCOME_SURVIVED:		return "SURVIVED";
	}
	return "?";
}

/* "OUTCOME" or "OUTCOME \"detail\"" into buf, for the TAP line */
static const char *
verdict_str(char *buf, size_t size, enum target_outcome o,
	    const char *detail)
{
	if (detail)
		snprintf(buf, size, "%s \"%s\"", outcome_str(o), detail);
	else
		snprintf(buf, size, "%s", outcome_str(o));
	return buf;
}

/* Both NULL, or the same words */
static bool
same_detail(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/*
 * The options of a row made whole: a parse with no option gives no -O,
 * no timeout and SIGTERM; the row adds its criteria.  older 0 in a row
 * means unset (no table tests -O 0).
 */
static void
make_opts(struct pidkill_opts *o, const struct pidkill_opts *row)
{
	*o = *row;
	o->older = row->older ? row->older : -1;
	o->timeout_ms = -1;
	o->signo = SIGTERM;
}

/*
 * Build m for the criteria of row, with the --ns reference ns_ref.
 * Returns false, with a failed check, when a pattern does not compile.
 */
static bool
make_matcher(struct matcher *m, struct pidkill_opts *o,
	     const struct pidkill_opts *row, const unsigned long *ns_ref,
	     const char *what)
{
	char err[256];

	make_opts(o, row);
	if (matcher_init(m, o, err, sizeof(err)) != 0) {
		CHECK(false, "%s: the patterns compile", what);
		tap_diag("%s", err);
		matcher_free(m);
		return false;
	}
	memcpy(m->ns_ref, ns_ref, sizeof(m->ns_ref));
	return true;
}

/*
 * verify_target must judge t, read as v (NULL: reaped), by rules r under
 * the criteria of row: exactly want, with detail (NULL: none).
 */
static void
expect_verdict(const char *what, const struct pidkill_opts *row,
	       const unsigned long *ns_ref, struct verify_rules r,
	       const struct target *t, const struct proc_view *v,
	       enum target_outcome want, const char *detail)
{
	struct pidkill_opts o;
	struct matcher m;
	const char *got_detail = "(untouched)";
	enum target_outcome got;
	char wbuf[128], gbuf[128];

	if (!make_matcher(&m, &o, row, ns_ref, what))
		return;
	r.match = &m;
	got = verify_target(&r, t, v, &got_detail);
	if (!CHECK(got == want && same_detail(got_detail, detail), "%s: %s",
		   what, verdict_str(wbuf, sizeof(wbuf), want, detail)))
		tap_diag("got %s", verdict_str(gbuf, sizeof(gbuf), got,
					       got_detail));
	matcher_free(&m);
}

/* --- verify_target: identity, rules, earlier outcomes ----------------- */

struct verdict_case {
	const char *what;
	struct pidkill_opts o;		/* the criteria; older 0 = unset */
	unsigned long ns_ref[NS_KINDS];	/* --ns: the reference's */
	struct verify_rules r;		/* .match is filled in */
	struct target t;
	struct proc_view v;
	bool reaped;			/* nothing read: v is NULL */
	enum target_outcome want;
	const char *detail;
};

static const struct verdict_case verdict_cases[] = {
	/* a target that passes everything may be signaled */
	{ "a PID word passing every criterion and -H",
	  .o = { ALL_CRITERIA }, .ns_ref = NS_REFS, .r = { ALL_RULES },
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) }, .v = { SAME, PASSES_ALL },
	  .want = OUTCOME_PENDING },
	{ "a pidfile's PID passing every criterion, -H and -L",
	  .o = { ALL_CRITERIA }, .ns_ref = NS_REFS,
	  .r = { ALL_RULES, .logpidfile = true },
	  .t = { BY_PIDFILE, .more = MORE(.lock = LOCK_HELD) }, .v = { SAME, PASSES_ALL },
	  .want = OUTCOME_PENDING },
	{ "a match passing every criterion and -H",
	  .o = { ALL_CRITERIA }, .ns_ref = NS_REFS, .r = { ALL_RULES },
	  .t = { BY_MATCH }, .v = { SAME, PASSES_ALL },
	  .want = OUTCOME_PENDING },
	{ "a PID word, no criteria", .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) }, .v = { SAME },
	  .want = OUTCOME_PENDING },
	{ "a pidfile's PID, no criteria", .t = { BY_PIDFILE },
	  .v = { SAME }, .want = OUTCOME_PENDING },
	{ "a match, no criteria", .t = { BY_MATCH }, .v = { SAME },
	  .want = OUTCOME_PENDING },

	/* gone */
	{ "a reaped PID word", .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) }, .reaped = true,
	  .want = OUTCOME_GONE },
	{ "a reaped match", .t = { BY_MATCH }, .reaped = true,
	  .want = OUTCOME_GONE },
	{ "a reaped match, with -H", .r = { ALL_RULES },
	  .t = { BY_MATCH }, .reaped = true, .want = OUTCOME_GONE },
	{ "a match whose start time is not the scan's",
	  .t = { BY_MATCH },
	  .v = { .pid = PID, .tgid = PID, .have_tgid = true,
		 .start = START + 1 },
	  .want = OUTCOME_GONE,
	  .detail = "its PID now names another process" },
	{ "a PID word whose start is not known takes any start",
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) },
	  .v = { .pid = PID, .tgid = PID, .have_tgid = true,
		 .start = START + 1 },
	  .want = OUTCOME_PENDING },

	/* the identity the user demanded */
	{ "PID:ID whose pidfs id differs",
	  .t = { BY_WORD_HOT, .id = ID + 1, .more = MORE(.form = WORD_PID_ID, .want = ID) },
	  .v = { SAME }, .want = OUTCOME_IDENTITY,
	  .detail = "pidfs id differs" },
	{ "PID:ID whose pidfs id is the one demanded",
	  .t = { BY_WORD_HOT, .id = ID, .more = MORE(.form = WORD_PID_ID, .want = ID) },
	  .v = { SAME }, .want = OUTCOME_PENDING },
	{ "a plain PID demands no pidfs id",
	  .t = { BY_WORD_HOT, .id = ID, .more = MORE(.form = WORD_PID) }, .v = { SAME },
	  .want = OUTCOME_PENDING },
	{ "PID@START whose start time differs",
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID_START, .want = START) },
	  .v = { .pid = PID, .tgid = PID, .have_tgid = true,
		 .start = START + 1 },
	  .want = OUTCOME_IDENTITY, .detail = "start time differs" },
	{ "PID@START whose start time is the one demanded",
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID_START, .want = START) },
	  .v = { SAME }, .want = OUTCOME_PENDING },
	{ "PID@0 of a process started at 0",
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID_START, .want = 0) },
	  .v = { .pid = PID, .tgid = PID, .have_tgid = true, .start = 0 },
	  .want = OUTCOME_PENDING },
	{ "PID@0 is no wildcard",
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID_START, .want = 0) },
	  .v = { SAME }, .want = OUTCOME_IDENTITY,
	  .detail = "start time differs" },

	/* a thread that is not its group's leader */
	{ "/proc/PID/task/TID whose TID is not a thread of PID",
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PROC_TASK, .tid = PID + 1) },
	  .v = { .pid = PID, .tgid = LEADER, .have_tgid = true,
		 .start = START },
	  .want = OUTCOME_NOT_THREAD },
	{ "a PID word naming a non-leader thread",
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) },
	  .v = { .pid = PID, .tgid = LEADER, .have_tgid = true,
		 .start = START },
	  .want = OUTCOME_FAILED,
	  .detail = "a thread, not a process (use /proc/PID/task/TID)" },
	{ "a bare thread id gets no thread-group verdict",
	  .t = { .pid = 0, .origin = ORIGIN_WORD, .more = MORE(.tid = PID, .form = WORD_PID) },
	  .v = { .pid = PID, .tgid = LEADER, .have_tgid = true,
		 .start = START },
	  .want = OUTCOME_PENDING },
	{ "a thread group id that was not read is no verdict",
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) },
	  .v = { .pid = PID, .tgid = LEADER, .have_tgid = false,
		 .start = START },
	  .want = OUTCOME_PENDING },

	/* /proc that is not the process's own */
	{ "an overmounted /proc directory",
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) }, .v = { SAME, .overmounted = true },
	  .want = OUTCOME_FAILED,
	  .detail = "its /proc directory is overmounted: not trusted" },
	{ "an overmounted /proc directory of a match",
	  .t = { BY_MATCH }, .v = { SAME, .overmounted = true },
	  .want = OUTCOME_FAILED,
	  .detail = "its /proc directory is overmounted: not trusted" },

	/* criteria beyond the per-criterion table below */
	{ "--ns: an unreadable namespace is nobody's, even a 0 reference",
	  .o = { .ns_pid = 1, .nslist = NS_NET },
	  .t = { BY_MATCH }, .v = { SAME },
	  .want = OUTCOME_IDENTITY,
	  .detail = "no longer matches the selection" },
	{ "--ns: a PID word in an unreadable namespace",
	  .o = { .ns_pid = 1, .nslist = NS_NET },
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) }, .v = { SAME },
	  .want = OUTCOME_EXCLUDED, .detail = "does not pass the filters" },
	{ "--inverse: a match passing a filter is not selected",
	  .o = { .inverse = true, .parents = NUMS(1) },
	  .t = { BY_MATCH }, .v = { SAME, .ppid = 1 },
	  .want = OUTCOME_IDENTITY,
	  .detail = "no longer matches the selection" },
	{ "--inverse: a match failing a filter is selected",
	  .o = { .inverse = true, .parents = NUMS(1) },
	  .t = { BY_MATCH }, .v = { SAME, .ppid = 2 },
	  .want = OUTCOME_PENDING },
	{ "--inverse does not invert the filters of a PID word",
	  .o = { .inverse = true, .parents = NUMS(1) },
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) }, .v = { SAME, .ppid = 2 },
	  .want = OUTCOME_EXCLUDED, .detail = "does not pass the filters" },

	/* -L: the pidfile's lock */
	{ "-L: a pidfile locked by its process",
	  .r = { .logpidfile = true },
	  .t = { BY_PIDFILE, .more = MORE(.lock = LOCK_HELD) }, .v = { SAME },
	  .want = OUTCOME_PENDING },
	{ "-L: a pidfile not locked by its process",
	  .r = { .logpidfile = true },
	  .t = { BY_PIDFILE, .more = MORE(.lock = LOCK_NOT_HELD) }, .v = { SAME },
	  .want = OUTCOME_NOT_LOCKED },
	{ "-L: a pidfile whose lock was not checked",
	  .r = { .logpidfile = true },
	  .t = { BY_PIDFILE, .more = MORE(.lock = LOCK_UNCHECKED) }, .v = { SAME },
	  .want = OUTCOME_NOT_LOCKED },
	{ "-L: a pidfile replaced since it was read",
	  .r = { .logpidfile = true },
	  .t = { BY_PIDFILE, .more = MORE(.lock = LOCK_REPLACED) }, .v = { SAME },
	  .want = OUTCOME_NOT_LOCKED,
	  .detail = "the pidfile was replaced" },
	{ "-L does not apply to a PID word",
	  .r = { .logpidfile = true },
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID, .lock = LOCK_NOT_HELD) }, .v = { SAME },
	  .want = OUTCOME_PENDING },
	{ "-L does not apply to a match",
	  .r = { .logpidfile = true },
	  .t = { BY_MATCH, .more = MORE(.lock = LOCK_NOT_HELD) }, .v = { SAME },
	  .want = OUTCOME_PENDING },
	{ "no -L: an unlocked pidfile is fine",
	  .t = { BY_PIDFILE, .more = MORE(.lock = LOCK_NOT_HELD) }, .v = { SAME },
	  .want = OUTCOME_PENDING },
	{ "-L: a pidfile whose holder's open files cannot be read",
	  .r = { .logpidfile = true },
	  .t = { BY_PIDFILE, .more = MORE(.lock = LOCK_UNPROVEN) }, .v = { SAME },
	  .want = OUTCOME_NOT_LOCKED,
	  .detail = "its open files cannot be read to prove it holds the "
		    "lock" },

	/* as root: a pidfile one unprivileged user could write names only
	   processes whose real and effective UIDs are that user's */
	{ "root: a bound pidfile naming its user's process",
	  .t = { BY_PIDFILE, .more = MORE(.pidfile_bound = true,
					  .pidfile_uid = 1000) },
	  .v = { SAME, .euid = 1000, .ruid = 1000 },
	  .want = OUTCOME_PENDING },
	{ "root: a bound pidfile naming root's process",
	  .t = { BY_PIDFILE, .more = MORE(.pidfile_bound = true,
					  .pidfile_uid = 1000) },
	  .v = { SAME, .euid = 0, .ruid = 0 },
	  .want = OUTCOME_REFUSED, .detail = UNTRUSTED_PIDFILE },
	{ "root: a bound pidfile naming a process of its user run set-user-ID",
	  .t = { BY_PIDFILE, .more = MORE(.pidfile_bound = true,
					  .pidfile_uid = 1000) },
	  .v = { SAME, .euid = 0, .ruid = 1000 },
	  .want = OUTCOME_REFUSED, .detail = UNTRUSTED_PIDFILE },
	{ "root: a bound pidfile naming a process that took its user's EUID",
	  .t = { BY_PIDFILE, .more = MORE(.pidfile_bound = true,
					  .pidfile_uid = 1000) },
	  .v = { SAME, .euid = 1000, .ruid = 0 },
	  .want = OUTCOME_REFUSED, .detail = UNTRUSTED_PIDFILE },
	{ "root: a bound pidfile, refused before -L is looked at",
	  .r = { .logpidfile = true },
	  .t = { BY_PIDFILE, .more = MORE(.pidfile_bound = true,
					  .pidfile_uid = 1000,
					  .lock = LOCK_HELD) },
	  .v = { SAME, .euid = 0, .ruid = 0 },
	  .want = OUTCOME_REFUSED, .detail = UNTRUSTED_PIDFILE },
	{ "root: a bound pidfile and its user's process, -L not locked",
	  .r = { .logpidfile = true },
	  .t = { BY_PIDFILE, .more = MORE(.pidfile_bound = true,
					  .pidfile_uid = 1000,
					  .lock = LOCK_NOT_HELD) },
	  .v = { SAME, .euid = 1000, .ruid = 1000 },
	  .want = OUTCOME_NOT_LOCKED },
	{ "root: an unbound pidfile names any process",
	  .t = { BY_PIDFILE }, .v = { SAME, .euid = 1000, .ruid = 0 },
	  .want = OUTCOME_PENDING },
	{ "root: the bound applies to pidfiles only",
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID,
					   .pidfile_bound = true,
					   .pidfile_uid = 1000) },
	  .v = { SAME, .euid = 0, .ruid = 0 },
	  .want = OUTCOME_PENDING },

	/* -H: the first signal must be caught */
	{ "-H TERM: TERM not caught",
	  .r = { ALL_RULES }, .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) },
	  .v = { SAME, .sigcatch = CATCHES_NONE },
	  .want = OUTCOME_NO_HANDLER },
	{ "-H TERM: TERM caught",
	  .r = { ALL_RULES }, .t = { BY_MATCH },
	  .v = { SAME, .sigcatch = CATCHES_TERM },
	  .want = OUTCOME_PENDING },
	{ "-H USR1: only TERM caught",
	  .r = { .require_handler = true, .handler_signo = SIGUSR1 },
	  .t = { BY_PIDFILE }, .v = { SAME, .sigcatch = CATCHES_TERM },
	  .want = OUTCOME_NO_HANDLER },
	{ "-H with signal 0: nothing caught passes",
	  .r = { .require_handler = true, .handler_signo = 0 },
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) }, .v = { SAME, .sigcatch = CATCHES_NONE },
	  .want = OUTCOME_PENDING },
	{ "-H TERM: no SigCgt read",
	  .r = { ALL_RULES }, .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) },
	  .v = { SAME, .sigcatch = NULL },
	  .want = OUTCOME_NO_HANDLER },
	{ "-H TERM: a malformed SigCgt",
	  .r = { ALL_RULES }, .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) },
	  .v = { SAME, .sigcatch = "zz" },
	  .want = OUTCOME_NO_HANDLER },
	{ "no -H: no SigCgt read is fine",
	  .r = { .handler_signo = SIGTERM }, .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) },
	  .v = { SAME, .sigcatch = NULL },
	  .want = OUTCOME_PENDING },

	/* a target signaled by an earlier step, read again */
	{ "signaled before, the same process",
	  .t = { BY_MATCH, .outcome = OUTCOME_SIGNALED },
	  .v = { SAME }, .want = OUTCOME_SIGNALED },
	{ "signaled before, the same process, -H not caught",
	  .r = { ALL_RULES },
	  .t = { BY_WORD_HOT, .start = START, .outcome = OUTCOME_SIGNALED, .more = MORE(.form = WORD_PID) },
	  .v = { SAME, .sigcatch = CATCHES_NONE },
	  .want = OUTCOME_SIGNALED },
	{ "signaled before, its PID now another start",
	  .t = { BY_MATCH, .outcome = OUTCOME_SIGNALED },
	  .v = { .pid = PID, .tgid = PID, .have_tgid = true,
		 .start = START + 1 },
	  .want = OUTCOME_EXITED },
	{ "signaled before, reaped",
	  .t = { BY_MATCH, .outcome = OUTCOME_SIGNALED },
	  .reaped = true, .want = OUTCOME_EXITED },

	/* a target judged already keeps its outcome */
	{ "excluded before, passing now",
	  .t = { BY_MATCH, .outcome = OUTCOME_EXCLUDED },
	  .v = { SAME }, .want = OUTCOME_EXCLUDED },
	{ "permission denied before, reaped",
	  .t = { BY_WORD_HOT, .outcome = OUTCOME_PERMISSION, .more = MORE(.form = WORD_PID) },
	  .reaped = true, .want = OUTCOME_PERMISSION },
	{ "refused before, -L not locked",
	  .r = { .logpidfile = true },
	  .t = { BY_PIDFILE, .outcome = OUTCOME_REFUSED, .more = MORE(.lock = LOCK_NOT_HELD) },
	  .v = { SAME }, .want = OUTCOME_REFUSED },

	/* --tree: a child is admitted by its parent link, once */
	{ "a candidate whose parent is the member that listed it",
	  .t = { BY_TREE, .more = MORE(.listed_by = LEADER) },
	  .v = { SAME, .ppid = LEADER }, .want = OUTCOME_PENDING },
	{ "a candidate read with another parent (reparented, PID reused)",
	  .t = { BY_TREE, .more = MORE(.listed_by = LEADER) },
	  .v = { SAME, .ppid = 1 }, .want = OUTCOME_IDENTITY,
	  .detail = NOT_A_CHILD },
	{ "a candidate reaped before it was read",
	  .t = { BY_TREE, .more = MORE(.listed_by = LEADER) },
	  .reaped = true, .want = OUTCOME_GONE },
	{ "an admitted member whose parent exited since",
	  .t = { BY_TREE, .start_known = true, .start = START,
		 .more = MORE(.listed_by = LEADER, .admitted = true) },
	  .v = { SAME, .ppid = 1 }, .want = OUTCOME_PENDING },
	{ "an admitted member pinned again, another start",
	  .t = { BY_TREE, .start_known = true, .start = START,
		 .more = MORE(.listed_by = LEADER, .admitted = true) },
	  .v = { .pid = PID, .tgid = PID, .have_tgid = true,
		 .start = START + 1, .ppid = LEADER },
	  .want = OUTCOME_GONE, .detail = "its PID now names another process" },
	{ "a member that fails every filter: filters select targets",
	  .o = { ALL_CRITERIA }, .ns_ref = NS_REFS, .r = { ALL_RULES },
	  .t = { BY_TREE, .more = MORE(.listed_by = LEADER) },
	  .v = { SAME, .ppid = LEADER, .comm = "other",
		 .sigcatch = CATCHES_NONE },
	  .want = OUTCOME_PENDING },

	/* pidkill itself: excluded once it is what was named */
	{ "pidkill itself, named by PID", .r = { .self = PID },
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) }, .v = { SAME },
	  .want = OUTCOME_EXCLUDED, .detail = "pidkill itself" },
	{ "pidkill itself, by the wrong start time: the token is wrong",
	  .r = { .self = PID },
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID_START, .want = START + 1) },
	  .v = { SAME }, .want = OUTCOME_IDENTITY, .detail = "start time differs" },
	{ "pidkill itself, failing a filter: the filter is reported",
	  .o = { .euids = NUMS(1000) }, .r = { .self = PID },
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) },
	  .v = { SAME, .euid = 0 },
	  .want = OUTCOME_EXCLUDED, .detail = "does not pass the filters" },
	{ "pidkill itself, a child of the member that listed it",
	  .r = { .self = PID },
	  .t = { BY_TREE, .more = MORE(.listed_by = LEADER) },
	  .v = { SAME, .ppid = LEADER },
	  .want = OUTCOME_EXCLUDED, .detail = "pidkill itself" },
	{ "pidkill itself, not a child of the member that listed it",
	  .r = { .self = PID },
	  .t = { BY_TREE, .more = MORE(.listed_by = LEADER) },
	  .v = { SAME, .ppid = 1 },
	  .want = OUTCOME_IDENTITY, .detail = NOT_A_CHILD },
	{ "pidkill itself, with -H and no handler",
	  .r = { ALL_RULES, .self = PID },
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) },
	  .v = { SAME, .sigcatch = CATCHES_NONE },
	  .want = OUTCOME_EXCLUDED, .detail = "pidkill itself" },
	{ "another process than pidkill", .r = { .self = PID + 1 },
	  .t = { BY_WORD_HOT, .more = MORE(.form = WORD_PID) }, .v = { SAME },
	  .want = OUTCOME_PENDING },
};

static void
test_verdicts(void)
{
	size_t i;

	for (i = 0; i < sizeof(verdict_cases) / sizeof(verdict_cases[0]);
	     i++) {
		const struct verdict_case *c = &verdict_cases[i];

		expect_verdict(c->what, &c->o, c->ns_ref, c->r, &c->t,
			       c->reaped ? NULL : &c->v, c->want, c->detail);
	}
}

/* --- verify_target: each selection criterion ------------------------- */

/*
 * One criterion: the option, a process that meets it and one that does
 * not.  The views hold only what the criterion reads; the pid, tgid and
 * start are filled in.  A pattern (and --inverse) selects matches only:
 * named targets are not judged by it.
 */
struct criterion {
	const char *what;
	struct pidkill_opts o;		/* older 0 = unset */
	unsigned long ns_ref[NS_KINDS];
	bool pattern;
	struct proc_view pass, miss;
};

/* --ns of one kind: only that kind is read; the others may be 0 */
#define NS_ROW(name, bit, k) \
	{ "--ns " name, .o = { .ns_pid = 1, .nslist = (bit) }, \
	  .ns_ref = NS_REFS, .pass = { .ns = { [k] = NS_REF(k) } }, \
	  .miss = { .ns = { [k] = NS_REF(k) + 100 } } }

static const struct criterion criteria[] = {
	{ "pattern on the name", .pattern = true,
	  .o = { .patterns = STRS(STR("^sle+p$")) },
	  .pass = { .comm = "sleep" }, .miss = { .comm = "bash" } },
	{ "any of several patterns", .pattern = true,
	  .o = { .patterns = STRS(STR("^bash$"), STR("^sleep$")) },
	  .pass = { .comm = "sleep" }, .miss = { .comm = "zsh" } },
	{ "pattern without -i is case-sensitive", .pattern = true,
	  .o = { .patterns = STRS(STR("SLEEP")) },
	  .pass = { .comm = "SLEEP" }, .miss = { .comm = "sleep" } },
	{ "-i pattern ignores case", .pattern = true,
	  .o = { .ignore_case = true, .patterns = STRS(STR("SLEEP")) },
	  .pass = { .comm = "sleep" }, .miss = { .comm = "bash" } },
	{ "-x pattern matches the whole name", .pattern = true,
	  .o = { .exact = true, .patterns = STRS(STR("sleep")) },
	  .pass = { .comm = "sleep" }, .miss = { .comm = "sleeper" } },
	{ "-x anchors every alternative", .pattern = true,
	  .o = { .exact = true, .patterns = STRS(STR("a|sleep")) },
	  .pass = { .comm = "a" }, .miss = { .comm = "asleep" } },
	{ "-f pattern on the command line, not the name", .pattern = true,
	  .o = { .full = true, .patterns = STRS(STR("infinity")) },
	  .pass = { .comm = "sleep", .cmdline = "sleep infinity" },
	  .miss = { .comm = "infinity", .cmdline = "sleep 5" } },
	{ "-f with an empty command line uses the name", .pattern = true,
	  .o = { .full = true, .patterns = STRS(STR("^sleep$")) },
	  .pass = { .comm = "sleep", .cmdline = "" },
	  .miss = { .comm = "bash", .cmdline = "" } },
	{ "-f with no command line read uses the name", .pattern = true,
	  .o = { .full = true, .patterns = STRS(STR("^sleep$")) },
	  .pass = { .comm = "sleep" }, .miss = { .comm = "bash" } },
	{ "--inverse pattern", .pattern = true,
	  .o = { .inverse = true, .patterns = STRS(STR("sleep")) },
	  .pass = { .comm = "bash" }, .miss = { .comm = "sleep" } },
	{ "-P parent", .o = { .parents = NUMS(1, 77) },
	  .pass = { .ppid = 77 }, .miss = { .ppid = 78 } },
	{ "-g process group", .o = { .pgroups = NUMS(500) },
	  .pass = { .pgrp = 500 }, .miss = { .pgrp = 501 } },
	{ "-s session", .o = { .sessions = NUMS(400) },
	  .pass = { .sid = 400 }, .miss = { .sid = 401 } },
	{ "-G real group", .o = { .groups = NUMS(100) },
	  .pass = { .rgid = 100 }, .miss = { .rgid = 101 } },
	{ "-u effective user, not the real one",
	  .o = { .euids = NUMS(1000) },
	  .pass = { .euid = 1000, .ruid = 0 },
	  .miss = { .euid = 0, .ruid = 1000 } },
	{ "-U real user, not the effective one",
	  .o = { .uids = NUMS(1000) },
	  .pass = { .ruid = 1000, .euid = 0 },
	  .miss = { .ruid = 0, .euid = 1000 } },
	{ "-t terminal", .o = { .ttys = NUMS(34816) },
	  .pass = { .tty = 34816 }, .miss = { .tty = 34817 } },
	{ "-t with tty 0: no terminal", .o = { .ttys = NUMS(0) },
	  .pass = { .tty = 0 }, .miss = { .tty = 34816 } },
	{ "-r run states", .o = { .runstates = STR("RS") },
	  .pass = { .state = 'S' }, .miss = { .state = 'T' } },
	{ "-r with the state not read", .o = { .runstates = STR("RS") },
	  .pass = { .state = 'R' }, .miss = { .state = 0 } },
	{ "-O older than 60 s", .o = { .older = 60 },
	  .pass = { .elapsed = 60.5 }, .miss = { .elapsed = 60 } },
	NS_ROW("ipc", NS_IPC, 0),
	NS_ROW("mnt", NS_MNT, 1),
	NS_ROW("net", NS_NET, 2),
	NS_ROW("pid", NS_PID, 3),
	NS_ROW("user", NS_USER, 4),
	NS_ROW("uts", NS_UTS, 5),
	NS_ROW("cgroup", NS_CGROUP, 6),
	NS_ROW("time", NS_TIME, 7),
	{ "--ns net,uts: every kind listed",
	  .o = { .ns_pid = 1, .nslist = NS_NET | NS_UTS },
	  .ns_ref = NS_REFS,
	  .pass = { .ns = { [2] = NS_REF(2), [5] = NS_REF(5) } },
	  .miss = { .ns = { [2] = NS_REF(2), [5] = NS_REF(5) + 100 } } },
	{ "--ns pid: an unreadable namespace",
	  .o = { .ns_pid = 1, .nslist = NS_PID }, .ns_ref = NS_REFS,
	  .pass = { .ns = { [3] = NS_REF(3) } },
	  .miss = { .ns = { [3] = 0 } } },
	{ "--cgroup: only the 0:: entry counts",
	  .o = { .cgroups = STRS(STR("/user.slice/a.scope")) },
	  .pass = { .cgroups = LIST(STR("1:name=systemd:/"),
				    STR("0::/user.slice/a.scope")) },
	  .miss = { .cgroups = LIST(STR("1::/user.slice/a.scope"),
				    STR("2:name=x:/user.slice/a.scope"),
				    STR("0::/user.slice/b.scope")) } },
	{ "--cgroup: the whole path",
	  .o = { .cgroups = STRS(STR("/user.slice")) },
	  .pass = { .cgroups = LIST(STR("0::/user.slice")) },
	  .miss = { .cgroups = LIST(STR("0::/user.slice/a.scope")) } },
	{ "--cgroup: no cgroups read",
	  .o = { .cgroups = STRS(STR("/user.slice/a.scope")) },
	  .pass = { .cgroups = LIST(STR("0::/user.slice/a.scope")) },
	  .miss = { .cgroups = NULL } },
	{ "--env VAR: any value, only that name",
	  .o = { .envs = STRS(STR("LANG")) },
	  .pass = { .environ = LIST(STR("PATH=/bin"), STR("LANG=C")) },
	  .miss = { .environ = LIST(STR("LANGUAGE=en"), STR("LANG")) } },
	{ "--env VAR=VAL: only that value",
	  .o = { .envs = STRS(STR("LANG=C")) },
	  .pass = { .environ = LIST(STR("LANG=C")) },
	  .miss = { .environ = LIST(STR("LANG=C.UTF-8"), STR("XLANG=C")) } },
	{ "--env VAR=: an empty value",
	  .o = { .envs = STRS(STR("LANG=")) },
	  .pass = { .environ = LIST(STR("LANG=")) },
	  .miss = { .environ = LIST(STR("LANG=C")) } },
	{ "--env: no environment read",
	  .o = { .envs = STRS(STR("LANG")) },
	  .pass = { .environ = LIST(STR("LANG=C")) },
	  .miss = { .environ = NULL } },
};

/* Who a criterion judges, and how a miss is judged */
static const struct judged {
	const char *who;
	enum target_origin origin;
	bool prepinned;
} judged[] = {
	{ "a match", ORIGIN_MATCH, false },
	{ "a prepinned match", ORIGIN_MATCH, true },
	{ "a PID word", ORIGIN_WORD, false },
	{ "a pidfile's PID", ORIGIN_PIDFILE, false },
};

/*
 * The verdict on who, read as a process that misses criterion c: a
 * match is no longer selected, unless it was pinned before the scan
 * read it (that reading was the selection); a named target must pass
 * the filters, but no pattern.
 */
static enum target_outcome
miss_verdict(const struct criterion *c, const struct judged *who,
	     const char **detail)
{
	*detail = NULL;
	if (who->origin == ORIGIN_MATCH) {
		if (who->prepinned)
			return OUTCOME_PENDING;
		*detail = "no longer matches the selection";
		return OUTCOME_IDENTITY;
	}
	if (c->pattern)
		return OUTCOME_PENDING;
	*detail = "does not pass the filters";
	return OUTCOME_EXCLUDED;
}

/* view with the identity of the target filled in */
static struct proc_view
as_read(const struct proc_view *view)
{
	struct proc_view v = *view;

	v.pid = PID;
	v.tgid = PID;
	v.have_tgid = true;
	v.start = START;
	return v;
}

/* The matcher itself: pass is selected, miss is not; a pattern never
   fails the filters, a filter always does */
static void
check_matcher(const struct criterion *c)
{
	struct pidkill_opts o;
	struct matcher m;
	struct proc_view pass = as_read(&c->pass), miss = as_read(&c->miss);

	if (!make_matcher(&m, &o, &c->o, c->ns_ref, c->what))
		return;
	CHECK(match_selected(&m, &pass), "%s: match_selected passes",
	      c->what);
	CHECK(!match_selected(&m, &miss), "%s: match_selected misses",
	      c->what);
	CHECK(match_filters(&m, &miss) == c->pattern,
	      "%s: match_filters %s the miss", c->what,
	      c->pattern ? "passes" : "fails");
	matcher_free(&m);
}

static void
test_criteria(void)
{
	const struct verify_rules none = { 0 };
	size_t i, j;
	char what[200];

	for (i = 0; i < sizeof(criteria) / sizeof(criteria[0]); i++) {
		const struct criterion *c = &criteria[i];
		struct proc_view pass = as_read(&c->pass);
		struct proc_view miss = as_read(&c->miss);

		check_matcher(c);
		for (j = 0; j < sizeof(judged) / sizeof(judged[0]); j++) {
			const struct judged *who = &judged[j];
			struct target t = {
				.pid = PID, .origin = who->origin,
				.prepinned = who->prepinned,
				.start_known = true, .start = START,
			};
			enum target_outcome want;
			const char *detail;

			snprintf(what, sizeof(what), "%s: %s meeting it",
				 c->what, who->who);
			expect_verdict(what, &c->o, c->ns_ref, none, &t,
				       &pass, OUTCOME_PENDING, NULL);
			want = miss_verdict(c, who, &detail);
			snprintf(what, sizeof(what), "%s: %s missing it",
				 c->what, who->who);
			expect_verdict(what, &c->o, c->ns_ref, none, &t,
				       &miss, want, detail);
		}
	}
}

/* --- match_patterns -------------------------------------------------- */

static void
test_match_patterns(void)
{
	const struct {
		const char *what;
		struct pidkill_opts o;
		struct proc_view v;
		bool want;
	} cases[] = {
		{ "no pattern matches anything", .o = { 0 },
		  .v = { .comm = "bash" }, .want = true },
		{ "no pattern matches a process with no name", .o = { 0 },
		  .v = { .comm = NULL }, .want = true },
		{ "a pattern on a process with no name read",
		  .o = { .patterns = STRS(STR("sleep")) },
		  .v = { .comm = NULL }, .want = false },
		{ "an empty pattern matches an unnamed process",
		  .o = { .patterns = STRS(STR("")) },
		  .v = { .comm = NULL }, .want = true },
		{ "a pattern unanchored without -x",
		  .o = { .patterns = STRS(STR("lee")) },
		  .v = { .comm = "sleep" }, .want = true },
		{ "-f -x: the whole command line",
		  .o = { .full = true, .exact = true,
			 .patterns = STRS(STR("sleep [0-9]+")) },
		  .v = { .comm = "sleep", .cmdline = "sleep 5" },
		  .want = true },
		{ "--inverse is not match_patterns' business",
		  .o = { .inverse = true, .patterns = STRS(STR("sleep")) },
		  .v = { .comm = "sleep" }, .want = true },
	};
	const unsigned long ns_ref[NS_KINDS] = { 0 };
	struct pidkill_opts o;
	struct matcher m;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (!make_matcher(&m, &o, &cases[i].o, ns_ref, cases[i].what))
			continue;
		CHECK(match_patterns(&m, &cases[i].v) == cases[i].want,
		      "match_patterns: %s: %s", cases[i].what,
		      cases[i].want ? "matches" : "does not match");
		matcher_free(&m);
	}
}

/* --- catches_signal -------------------------------------------------- */

static void
test_catches_signal(void)
{
	const struct {
		const char *mask;
		int signo;
		bool want;
	} cases[] = {
		{ "0000000000000001", 1, true },
		{ "0000000000000001", 2, false },
		{ "fffffffffffffffe", 1, false },
		{ "0000000000000200", 10, true },
		{ "0000000000000200", 9, false },
		{ "0000000000000200", 11, false },
		{ "0000000200000000", 34, true },
		{ "0000000200000000", 33, false },
		{ "0000000200000000", 35, false },
		{ "8000000000000000", 64, true },
		{ "8000000000000000", 63, false },
		{ "8000000000000000", 1, false },
		{ "7fffffffffffffff", 64, false },
		{ "ffffffffffffffff", 65, false },
		{ "ffffffffffffffff", -1, false },
		{ "4000", 15, true },
		{ CATCHES_NONE, 0, true },
		{ NULL, 0, true },
		{ NULL, 15, false },
		{ "", 15, false },
		{ "zz", 15, false },
		{ "1ffffffffffffffff", 1, false },	/* 65 bits */
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(catches_signal(cases[i].mask, cases[i].signo) ==
		      cases[i].want, "catches_signal %s%s%s %d is %s",
		      cases[i].mask ? "\"" : "",
		      cases[i].mask ? cases[i].mask : "NULL",
		      cases[i].mask ? "\"" : "", cases[i].signo,
		      cases[i].want ? "true" : "false");
}

/* --- verify_unread --------------------------------------------------- */

/* pidkill's own PID, in the cases below, and a word naming it */
#define SELF		(PID + 1)
#define BY_SELF		.pid = SELF, .origin = ORIGIN_WORD

static void
test_verify_unread(void)
{
	const struct {
		const char *what;
		struct target t;
		enum target_outcome want;
		const char *detail;
	} cases[] = {
		{ "PID:ID whose pidfs id differs",
		  { BY_WORD_HOT, .id = ID + 1, .more = MORE(.form = WORD_PID_ID, .want = ID) },
		  OUTCOME_IDENTITY, "pidfs id differs" },
		{ "PID:ID with no pidfs id read",
		  { BY_WORD_HOT, .id = 0, .more = MORE(.form = WORD_PID_ID, .want = ID) },
		  OUTCOME_IDENTITY, "pidfs id differs" },
		{ "PID:ID whose pidfs id is the one demanded",
		  { BY_WORD_HOT, .id = ID, .more = MORE(.form = WORD_PID_ID, .want = ID) },
		  OUTCOME_PENDING, NULL },
		{ "a plain PID", { BY_WORD_HOT, .id = ID, .more = MORE(.form = WORD_PID) },
		  OUTCOME_PENDING, NULL },
		{ "excluded before",
		  { BY_WORD_HOT, .id = ID + 1, .outcome = OUTCOME_EXCLUDED, .more = MORE(.form = WORD_PID_ID, .want = ID) },
		  OUTCOME_EXCLUDED, NULL },
		{ "pidkill itself, by its pidfs id",
		  { BY_SELF, .id = ID, .more = MORE(.form = WORD_PID_ID, .want = ID) },
		  OUTCOME_EXCLUDED, "pidkill itself" },
		{ "pidkill itself, by a wrong pidfs id: the token is wrong",
		  { BY_SELF, .id = ID + 1, .more = MORE(.form = WORD_PID_ID, .want = ID) },
		  OUTCOME_IDENTITY, "pidfs id differs" },
	};
	char wbuf[128], gbuf[128];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *detail = "(untouched)";
		struct verify_rules r = { .self = SELF };
		enum target_outcome got = verify_unread(&r, &cases[i].t,
							&detail);

		if (!CHECK(got == cases[i].want &&
			   same_detail(detail, cases[i].detail),
			   "verify_unread: %s: %s", cases[i].what,
			   verdict_str(wbuf, sizeof(wbuf), cases[i].want,
				       cases[i].detail)))
			tap_diag("got %s", verdict_str(gbuf, sizeof(gbuf),
						       got, detail));
	}
}

/* --- verify_unreadable ----------------------------------------------- */

static void
test_verify_unreadable(void)
{
	const struct {
		const char *what;
		struct target t;
		bool must_read;
		enum target_outcome want;
		const char *detail;
	} cases[] = {
		{ "a plain PID, nothing to compare",
		  { BY_WORD_HOT, .id = ID, .more = MORE(.form = WORD_PID) },
		  false, OUTCOME_PENDING, NULL },
		{ "PID:ID whose pidfs id is the one demanded",
		  { BY_WORD_HOT, .id = ID, .more = MORE(.form = WORD_PID_ID, .want = ID) },
		  false, OUTCOME_PENDING, NULL },
		{ "PID:ID whose pidfs id differs",
		  { BY_WORD_HOT, .id = ID + 1, .more = MORE(.form = WORD_PID_ID, .want = ID) },
		  false, OUTCOME_IDENTITY, "pidfs id differs" },
		{ "a target that needs reading",
		  { BY_WORD_HOT, .id = ID, .more = MORE(.form = WORD_PID_START, .want = 5) },
		  true, OUTCOME_FAILED, DETAIL_UNREADABLE },
		{ "signaled before, pinned again by its pidfs id",
		  { BY_WORD_HOT, .id = ID, .outcome = OUTCOME_SIGNALED },
		  true, OUTCOME_SIGNALED, NULL },
		{ "signaled before, with no pidfs id",
		  { BY_WORD_HOT, .id = 0, .outcome = OUTCOME_SIGNALED },
		  false, OUTCOME_FAILED, DETAIL_UNREADABLE },
		{ "excluded before",
		  { BY_WORD_HOT, .id = ID, .outcome = OUTCOME_EXCLUDED },
		  true, OUTCOME_EXCLUDED, NULL },
		{ "pidkill itself, a plain PID",
		  { BY_SELF, .id = ID, .more = MORE(.form = WORD_PID) },
		  false, OUTCOME_EXCLUDED, "pidkill itself" },
	};
	char wbuf[128], gbuf[128];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *detail = "(untouched)";
		struct verify_rules r = { .self = SELF };
		enum target_outcome got = verify_unreadable(&r, &cases[i].t,
						cases[i].must_read, &detail);

		if (!CHECK(got == cases[i].want &&
			   same_detail(detail, cases[i].detail),
			   "verify_unreadable: %s: %s", cases[i].what,
			   verdict_str(wbuf, sizeof(wbuf), cases[i].want,
				       cases[i].detail)))
			tap_diag("got %s", verdict_str(gbuf, sizeof(gbuf),
						       got, detail));
	}
}

/* --- verify_leader --------------------------------------------------- */

static void
test_verify_leader(void)
{
	const struct {
		const char *what;
		struct leader l;
		struct proc_view v;
		bool reaped;
		enum target_outcome want;
		const char *detail;
	} cases[] = {
		{ "reaped", { .pgid = PID, .known = true, .start = START },
		  .reaped = true, .want = OUTCOME_GONE },
		{ "its PID now another start",
		  { .pgid = PID, .known = true, .start = START },
		  { .pid = PID, .pgrp = PID, .start = START + 1 },
		  .want = OUTCOME_GONE },
		{ "no longer leading its group",
		  { .pgid = PID, .known = true, .start = START },
		  { .pid = PID, .pgrp = LEADER, .start = START },
		  .want = OUTCOME_FAILED,
		  .detail = "no longer leads its process group" },
		{ "still leading its group",
		  { .pgid = PID, .known = true, .start = START },
		  { .pid = PID, .pgrp = PID, .start = START },
		  .want = OUTCOME_PENDING },
		{ "start not known: any start",
		  { .pgid = PID, .known = false, .start = 0 },
		  { .pid = PID, .pgrp = PID, .start = START + 1 },
		  .want = OUTCOME_PENDING },
		{ "start not known, not leading",
		  { .pgid = PID, .known = false },
		  { .pid = PID, .pgrp = LEADER, .start = START },
		  .want = OUTCOME_FAILED,
		  .detail = "no longer leads its process group" },
	};
	char wbuf[128], gbuf[128];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *detail = "(untouched)";
		enum target_outcome got;

		got = verify_leader(&cases[i].l,
				    cases[i].reaped ? NULL : &cases[i].v,
				    &detail);
		if (!CHECK(got == cases[i].want &&
			   same_detail(detail, cases[i].detail),
			   "verify_leader: %s: %s", cases[i].what,
			   verdict_str(wbuf, sizeof(wbuf), cases[i].want,
				       cases[i].detail)))
			tap_diag("got %s", verdict_str(gbuf, sizeof(gbuf),
						       got, detail));
	}
}

int
main(void)
{
	test_verdicts();
	test_criteria();
	test_match_patterns();
	test_catches_signal();
	test_verify_unread();
	test_verify_unreadable();
	test_verify_leader();
	return tap_done();
}
