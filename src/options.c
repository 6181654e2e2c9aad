/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * options.c - the argp table, the -SIGNAL pre-scan and value parsers.
 */
#include "config.h"

#include <argp.h>
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "fail.h"
#include "options.h"
#include "pidfd.h"
#include "signals.h"
#include "xalloc.h"

/* --version: what a bug report should quote */
static void
print_version(FILE *out, struct argp_state *state)
{
	static const struct {
		const char *name, *since;
		size_t offset;
	} rows[] = {
#define ROW(name, since, field) \
	{ name, since, offsetof(struct kernel_features, field) }
		ROW("pidfd_send_signal", "5.1", send_signal),
		ROW("pidfd_open", "5.3", open),
		ROW("process_mrelease", "5.15", mrelease),
		ROW("pidfs ids", "6.9", pidfs_ids),
		ROW("thread pidfds", "6.9", thread_pidfds),
		ROW("PIDFD_GET_INFO", "6.13", get_info),
		ROW("PIDFD_GET_INFO exit status", "6.15", exit_info),
#undef ROW
	};
	struct kernel_features k;
	struct utsname u;
	size_t i;

	kernel_features_probe(&k);
	fprintf(out, "%s\n", PACKAGE_STRING);
	fprintf(out, "License GPL-2.0-or-later "
		"<https://www.gnu.org/licenses/old-licenses/gpl-2.0.html>\n"
		"This is free software: you are free to change and "
		"redistribute it.\n"
		"There is NO WARRANTY, to the extent permitted by law.\n");
	if (uname(&u) == 0)
		fprintf(out, "kernel: %s %s %s\n", u.sysname, u.release,
			u.machine);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct feature *f = (const struct feature *)
			((const char *)&k + rows[i].offset);

		if (f->state == FEATURE_UNKNOWN)
			fprintf(out, "%s: unknown, the probe failed: %s "
				"(Linux %s)\n", rows[i].name,
				strerror(f->err), rows[i].since);
		else
			fprintf(out, "%s: %s (Linux %s)\n", rows[i].name,
				f->state == FEATURE_YES ? "yes" : "no",
				rows[i].since);
	}
}

void (*argp_program_version_hook)(FILE *, struct argp_state *) =
	print_version;

/* keys of long-only options */
enum {
	OPT_SIGNAL = 0x100,
	OPT_TABLE,
	OPT_PATTERN,
	OPT_INVERSE,
	OPT_NS,
	OPT_NSLIST,
	OPT_CGROUP,
	OPT_ENV,
	OPT_INCLUDE_ANCESTORS,
	OPT_UNSAFE_PIDFILE,
	OPT_DRY_RUN,
	OPT_VERBOSE,
	OPT_QUIET,
	OPT_TIMEOUT,
	OPT_SCOPE,
	OPT_OUTPUT,
	OPT_RAW,
	OPT_NOHEADINGS,
	OPT_TREE,
};

static const char doc[] =
	"Signal processes safely: each target is pinned with a pidfd, verified "
	"to be the process that was selected, and only then signaled.\n\n"
	"TARGET is a PID, PID:ID (pidfs inode), PID@START (start time in clock "
	"ticks), /proc/PID, /proc/PID/task/TID (a thread; with :ID or @START "
	"as a token, as the TOKEN column prints it), or an extended regular "
	"expression matched against the process name (the command line with "
	"-f), byte by byte.  PIDs (with -p and -F) select their union, and so "
	"do patterns; given both, a process must be named by both, as in "
	"pkill (-F FILE NAME signals FILE's process only if it is named "
	"NAME).  A process named by several words is signaled once, if any "
	"word's constraints hold; each word gets its own report line.  "
	"A minus and digits after --, kill's process group, is refused: "
	"give --scope=pgroup and -g with the number."
	"\v"
	"Exit status:\n"
	"  0  at least one target was signaled (with --dry-run: matched)\n"
	"  1  nothing matched, or nothing could be signaled (also for a "
	"missing or empty pidfile, or a terminal or session that does not "
	"exist)\n"
	"  2  usage error; nothing was signaled\n"
	"  3  fatal error (such as a kernel without pidfd support)\n"
	"  4  targets still alive when waiting ran out\n\n"
	"As root, a pidfile that another user owns, or that sits in a "
	"directory another user owns, names only that user's processes; one "
	"that is a symlink, or that a group, every user or two users could "
	"write, is refused.  --unsafe-pidfile trusts it for any process.";

static const char args_doc[] = "[-SIGNAL] [TARGET...]";

static const struct argp_option options[] = {
	{ 0, 0, 0, 0, "Signal and payload:", 1 },
	{ "-SIGNAL", 0, 0, OPTION_DOC | OPTION_NO_USAGE,
	  "send SIGNAL, a name in any case or a number, as pkill reads it "
	  "(-TERM, -hup, -SIGIO, -9, -RTMIN+2); default TERM", 
	  0 },
	{ "signal", OPT_SIGNAL, "SIG", 0,
	  "send SIG (any case, SIG prefix optional)", 0 },
	{ "queue", 'q', "VALUE", 0,
	  "send VALUE as a siginfo payload (si_code SI_QUEUE)", 0 },
	{ "list-signals", 'l', "SIG", OPTION_ARG_OPTIONAL,
	  "list signal names, or translate SIG between name and number "
	  "(-l9, -lKILL; -l 137 reads an exit status)", 0 },
	{ "table", OPT_TABLE, 0, 0,
	  "list signals as a table of numbers, names and descriptions", 0 },

	{ 0, 0, 0, 0, "Targets:", 2 },
	{ "pid", 'p', "PID,...", 0, "the processes with these PIDs", 0 },
	{ "pattern", OPT_PATTERN, "REGEX", 0,
	  "a pattern, even one that looks like a PID", 0 },
	{ "pidfile", 'F', "FILE", 0,
	  "the PID in FILE ('-' for standard input); with a pattern, only "
	  "if the pattern matches it too; missing or empty: no process", 0 },
	{ "logpidfile", 'L', 0, 0,
	  "only if that process holds a write lock (fcntl, OFD or flock) on "
	  "the pidfile through an open file of its own", 0 },
	{ "unsafe-pidfile", OPT_UNSAFE_PIDFILE, 0, 0,
	  "as root, trust any pidfile (a symlink, another user's, writable by "
	  "others) for any process it names", 0 },

	{ 0, 0, 0, 0, "Selection (as in pkill):", 3 },
	{ "full", 'f', 0, 0, "match patterns against the full command line", 0 },
	{ "ignore-case", 'i', 0, 0, "match patterns case-insensitively", 0 },
	{ "exact", 'x', 0, 0,
	  "patterns must match the whole name (command line with -f)", 0 },
	{ "inverse", OPT_INVERSE, 0, 0, "select what does not match", 0 },
	{ "newest", 'n', 0, 0, "only the most recently started match", 0 },
	{ "oldest", 'o', 0, 0, "only the least recently started match", 0 },
	{ "older", 'O', "SECS", 0, "only processes older than SECS seconds", 0 },
	{ "parent", 'P', "PPID,...", 0, "only children of these parents", 0 },
	{ "pgroup", 'g', "PGID,...", 0,
	  "only these process groups (0: pidkill's own)", 0 },
	{ "session", 's', "SID,...", 0,
	  "only these sessions (0: pidkill's own)", 0 },
	{ "group", 'G', "GID,...", 0, "only these real groups", 0 },
	{ "euid", 'u', "UID,...", 0, "only these effective users", 0 },
	{ "uid", 'U', "UID,...", 0, "only these real users", 0 },
	{ "terminal", 't', "TTY,...", 0,
	  "only these controlling terminals ('?' for none; one that does not "
	  "exist matches nothing)", 0 },
	{ "runstates", 'r', "STATE,...", 0,
	  "only these states (R, S, D, T, t, Z, I...)", 0 },
	{ "ns", OPT_NS, "PID", 0, "only processes in PID's namespaces", 0 },
	{ "nslist", OPT_NSLIST, "NS,...", 0,
	  "namespaces for --ns: ipc, mnt, net, pid, user, uts, cgroup, time",
	  0 },
	{ "cgroup", OPT_CGROUP, "GRP,...", 0, "only these cgroup v2 paths", 0 },
	{ "env", OPT_ENV, "VAR[=VAL],...", 0,
	  "only processes with this environment", 0 },
	{ "require-handler", 'H', 0, 0,
	  "only processes that catch the signal", 0 },
	{ "ignore-ancestors", 'A', 0, 0,
	  "exclude pidkill's ancestors (the default)", 0 },
	{ "include-ancestors", OPT_INCLUDE_ANCESTORS, 0, 0,
	  "let patterns and filters match pidkill's ancestors, and "
	  "--scope=pgroup signal their process groups", 0 },

	{ 0, 0, 0, 0, "Acting and waiting:", 4 },
	{ "scope", OPT_SCOPE, "SCOPE", 0,
	  "signal each target's process (default), one thread, or the "
	  "process group it belongs to: process, thread, pgroup (never a "
	  "group that holds pidkill or, without --include-ancestors, its "
	  "shell)", 0 },
	{ "tree", OPT_TREE, 0, 0,
	  "signal each target and every process it started: the tree is "
	  "stopped while it is collected, signaled, then continued (never "
	  "pidkill or its ancestors; not with --scope=thread or pgroup)", 0 },
	{ "wait", 'w', 0, 0, "wait until every signaled target has exited", 0 },
	{ "timeout", OPT_TIMEOUT, "DURATION", 0,
	  "wait at most DURATION (500ms, 10s, 2m; implies --wait)", 0 },
	{ "retry", 'R', "SCHEDULE", 0,
	  "signal on a schedule until the targets exit, as start-stop-daemon: "
	  "TERM/30/KILL/5, or a TIMEOUT meaning SIGNAL/TIMEOUT/KILL/TIMEOUT",
	  0 },
	{ "mrelease", 'm', 0, 0,
	  "after SIGKILL, reap the target's memory at once "
	  "(process_mrelease)", 0 },

	{ 0, 0, 0, 0, "Output:", 5 },
	{ "dry-run", OPT_DRY_RUN, 0, 0,
	  "select, pin and verify, print the targets, send nothing", 0 },
	{ "count", 'c', 0, 0, "print how many processes were signaled "
	  "(with -J, as JSON)", 0 },
	{ "echo", 'e', 0, 0, "print each process signaled (not with -J)", 0 },
	{ "output", OPT_OUTPUT, "COLUMNS", 0,
	  "print a table of the targets with these columns (a comma list; "
	  "see below)", 0 },
	{ "json", 'J', 0, 0, "print the table, or the count, as JSON", 0 },
	{ "raw", OPT_RAW, 0, 0, "print the table without alignment (not with "
	  "-J)", 0 },
	{ "noheadings", OPT_NOHEADINGS, 0, 0, "print the table without headings",
	  0 },
	{ "verbose", OPT_VERBOSE, 0, 0,
	  "say why each target was not signaled, and how waited ones ended", 0 },
	{ "quiet", OPT_QUIET, 0, 0, "no per-target messages", 0 },
	{ "interactive", 'I', 0, 0,
	  "ask on the terminal before signaling each target", 0 },
	{ 0, 'h', 0, OPTION_HIDDEN, "give this help list", -1 },
	{ 0 }
};

/* State shared between the pre-scan and argp's parser callback */
struct parse_state {
	struct pidkill_opts *opts;
	int prescan_signo;	/* -1 if no -SIGNAL word */
	int signal_opt_signo;	/* -1 if no --signal */
	char **raw;		/* positional words, classified at the end */
	size_t nraw;
};

void
usage_exit(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_escaped(fmt, ap);
	va_end(ap);
	exit(STATUS_USAGE);
}

/* A usage error while argp parses: one line, then exit STATUS_USAGE */
static void __attribute__((format(printf, 2, 3)))
usage_error(struct argp_state *state, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = format_escaped(fmt, ap);
	va_end(ap);
	argp_failure(state, STATUS_USAGE, 0, "%s", msg ? msg : fmt);
	free(msg);
}

static void
str_push(struct str_list *l, char *s)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = s;
}

static void
num_push(struct num_list *l, long v)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = v;
}

/* A whole-word decimal number in [lo, hi], or fail with the word named */
static long
parse_number(struct argp_state *state, const char *what, const char *s,
	     long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!isdigit((unsigned char)s[*s == '-']) || errno || *end != '\0' ||
	    v < lo || v > hi)
		usage_error(state, "invalid %s: '%s'", what, s);
	return v;
}

static long
parse_user(struct argp_state *state, const char *s)
{
	struct passwd *pw;

	if (isdigit((unsigned char)*s))
		return parse_number(state, "user", s, 0, UINT_MAX - 1);
	pw = getpwnam(s);
	if (!pw)
		usage_error(state, "unknown user: '%s'", s);
	return (long)pw->pw_uid;
}

static long
parse_group(struct argp_state *state, const char *s)
{
	struct group *gr;

	if (isdigit((unsigned char)*s))
		return parse_number(state, "group", s, 0, UINT_MAX - 1);
	gr = getgrnam(s);
	if (!gr)
		usage_error(state, "unknown group: '%s'", s);
	return (long)gr->gr_gid;
}

/*
 * A terminal name (pts/3, tty1, /dev/pts/3) as its device number.  A
 * terminal that does not exist is no controlling terminal of any
 * process: as in pkill, it matches nothing (NO_TTY) rather than being
 * a usage error.
 */
static long
parse_tty(const char *s)
{
	char path[PATH_MAX];
	struct stat st;

	if (strcmp(s, "?") == 0 || strcmp(s, "-") == 0)
		return 0;
	if (strncmp(s, "/dev/", 5) == 0)
		s += 5;
	if (*s == '\0' || strstr(s, "..") ||
	    (size_t)snprintf(path, sizeof(path), "/dev/%s", s) >= sizeof(path) ||
	    stat(path, &st) < 0 || !S_ISCHR(st.st_mode))
		return NO_TTY;
	return (long)st.st_rdev;
}

enum list_kind { LIST_PID, LIST_ID0, LIST_USER, LIST_GROUP, LIST_TTY };

/*
 * Split a comma list into numbers of one kind.  Empty items are errors.
 * LIST_ID0 takes 0 to mean pidkill's own process group or session, as
 * resolved by the caller through own0.  A negative PID, group or session
 * names no process, so, as in pkill, it matches nothing.
 */
static void
parse_list(struct argp_state *state, const char *what, char *arg,
	   enum list_kind kind, struct num_list *out, long own0)
{
	char *save = NULL, *item, *copy = xstrdup(arg);

	if (*arg == '\0' || arg[strlen(arg) - 1] == ',' || strstr(arg, ",,") ||
	    *arg == ',')
		usage_error(state, "invalid %s list: '%s'",
			     what, arg);
	for (item = strtok_r(copy, ",", &save); item;
	     item = strtok_r(NULL, ",", &save)) {
		long v = 0;

		switch (kind) {
		case LIST_PID:
			v = parse_number(state, what, item, INT_MIN, INT_MAX);
			break;
		case LIST_ID0:
			v = parse_number(state, what, item, INT_MIN, INT_MAX);
			if (v == 0)
				v = own0;
			break;
		case LIST_USER:
			v = parse_user(state, item);
			break;
		case LIST_GROUP:
			v = parse_group(state, item);
			break;
		case LIST_TTY:
			v = parse_tty(item);
			break;
		}
		num_push(out, v);
	}
	free(copy);
}

static void
parse_strings(struct argp_state *state, const char *what, char *arg,
	      struct str_list *out)
{
	char *save = NULL, *item;

	if (*arg == '\0' || *arg == ',' || arg[strlen(arg) - 1] == ',' ||
	    strstr(arg, ",,"))
		usage_error(state, "invalid %s list: '%s'",
			     what, arg);
	for (item = strtok_r(arg, ",", &save); item;
	     item = strtok_r(NULL, ",", &save))
		str_push(out, item);
}

static unsigned int
parse_nslist(struct argp_state *state, char *arg)
{
	static const char *const names[] = {
		"ipc", "mnt", "net", "pid", "user", "uts", "cgroup", "time",
	};
	struct str_list l = { 0 };
	unsigned int mask = 0;
	size_t i, k;

	parse_strings(state, "namespace", arg, &l);
	for (i = 0; i < l.n; i++) {
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			if (strcmp(l.v[i], names[k]) == 0)
				break;
		if (k == sizeof(names) / sizeof(names[0]))
			usage_error(state,
				     "unknown namespace: '%s'", l.v[i]);
		mask |= 1U << k;
	}
	free(l.v);
	return mask;
}

static char *
parse_runstates(struct argp_state *state, const char *arg)
{
	static const char valid[] = "RSDZTtXxIKWP";
	char *out = xcalloc(strlen(arg) + 1, 1), *o = out;
	const char *s;

	for (s = arg; *s; s++) {
		if (*s == ',' && s != arg && s[1] != '\0' && s[1] != ',')
			continue;
		if (*s == ',' || !strchr(valid, *s))
			usage_error(state,
				     "invalid run state list: '%s'", arg);
		*o++ = *s;
	}
	if (o == out)
		usage_error(state,
			     "invalid run state list: '%s'", arg);
	return out;
}

/* --output=PID,TOKEN,...: column names, case-insensitive */
static void
parse_columns(struct argp_state *state, const char *arg)
{
	struct pidkill_opts *o = ((struct parse_state *)state->input)->opts;
	size_t max = sizeof(o->columns) / sizeof(o->columns[0]);
	char bad[64];
	int n = parse_column_list(arg, o->columns, max, bad, sizeof(bad));

	if (n == -2)
		usage_error(state, "too many columns (at most %zu): '%s'", max,
			    arg);
	if (n < 0)
		usage_error(state, "invalid column: '%s' "
			    "(in '%s'; see --help for the columns)", bad, arg);
	o->ncolumns = (size_t)n;
}

static enum scope
parse_scope(struct argp_state *state, const char *arg)
{
	if (strcmp(arg, "process") == 0)
		return SCOPE_PROCESS;
	if (strcmp(arg, "thread") == 0)
		return SCOPE_THREAD;
	if (strcmp(arg, "pgroup") == 0)
		return SCOPE_PGROUP;
	usage_error(state,
		     "invalid scope: '%s' (process, thread or pgroup)", arg);
	return SCOPE_DEFAULT;
}

/* "-1234" after "--": the process group 1234, as kill reads it */
static bool
is_group_word(const char *word)
{
	return word[0] == '-' && word[1] != '\0' &&
	       word[1 + strspn(word + 1, "0123456789")] == '\0';
}

static void
add_word(struct argp_state *state, char *word)
{
	struct pidkill_opts *o = ((struct parse_state *)state->input)->opts;
	struct word_target *w;

	o->words = xreallocarray(o->words, o->nwords + 1, sizeof(*o->words));
	w = &o->words[o->nwords];
	w->word = word;
	if (parse_target_word(word, &w->tw) < 0)
		usage_error(state,
			     "invalid target: '%s' (not PID, PID:ID, PID@START, "
			     "/proc/PID or /proc/PID/task/TID[:ID|@START])",
			     word);
	if (w->tw.form == WORD_PATTERN && strcmp(word, "-1") == 0)
		usage_error(state,
			     "'-1' is every process to kill and a pattern "
			     "to pkill: select with a filter (-u USER), or "
			     "give --pattern='-1' for the pattern");
	if (w->tw.form == WORD_PATTERN && is_group_word(word))
		usage_error(state,
			     "'%s' is a process group to kill and a pattern "
			     "to pkill: give --scope=pgroup -g %s for the "
			     "group, or --pattern='%s' for the pattern",
			     word, word + 1, word);
	if (w->tw.form == WORD_PATTERN)
		str_push(&o->patterns, word);
	else
		o->nwords++;
}

static void
add_pattern(struct argp_state *state, char *word)
{
	struct pidkill_opts *o = ((struct parse_state *)state->input)->opts;

	if (*word == '\0')
		usage_error(state,
			     "empty pattern: it would match every process");
	str_push(&o->patterns, word);
}

/* -p 1,2,3: each item is a bare PID */
static void
add_pid_list(struct argp_state *state, char *arg)
{
	struct str_list l = { 0 };
	pid_t pid;
	size_t i;

	parse_strings(state, "PID", arg, &l);
	for (i = 0; i < l.n; i++) {
		if (parse_pid(l.v[i], &pid) < 0)
			usage_error(state,
				     "invalid PID: '%s'", l.v[i]);
		add_word(state, l.v[i]);
	}
	free(l.v);
}

/*
 * What to do, as steps: -R's schedule, or the signal followed, with
 * --wait or --timeout, by one wait.
 */
static void
build_schedule(struct argp_state *state)
{
	struct pidkill_opts *o = ((struct parse_state *)state->input)->opts;
	char bad[64];
	int rc;

	if (o->retry && o->timeout_ms >= 0)
		usage_error(state,
			     "--retry and --timeout exclude each other");
	if (o->dry_run && (o->retry || o->wait || o->timeout_ms >= 0))
		usage_error(state,
			     "--dry-run sends nothing to wait for");
	if (o->retry) {
		rc = parse_schedule(o->retry, o->signo, &o->schedule, bad,
				    sizeof(bad));
		if (rc == -2)
			usage_error(state,
				     "invalid retry schedule: '%s' (what 'forever' "
				     "repeats must send a signal and wait longer "
				     "than 0)", bad);
		if (rc < 0)
			usage_error(state,
				     "invalid retry schedule: '%s' (SIGNAL/TIMEOUT/..., "
				     "ending with a timeout; signal numbers take a "
				     "dash: -15)", bad);
		o->wait = true;
		return;
	}
	schedule_push(&o->schedule, STEP_SIGNAL, o->signo);
	if (o->timeout_ms >= 0)
		o->wait = true;
	if (o->wait)
		schedule_push(&o->schedule, STEP_WAIT, o->timeout_ms);
}

/*
 * What the report shows, settled here so that selection knows what to
 * read: a table with --dry-run, --output, -J or --raw (not with -c),
 * with --output's columns or a default set.
 */
static void
choose_report(struct pidkill_opts *o)
{
	size_t i;

	o->show_table = !o->count &&
			(o->dry_run || o->ncolumns > 0 || o->json || o->raw);
	if (!o->show_table)
		return;
	if (o->ncolumns == 0)
		o->ncolumns = default_columns(o->dry_run, o->wait, o->tree,
					      o->columns);
	for (i = 0; i < o->ncolumns; i++)
		o->shown |= 1U << o->columns[i];
}

/*
 * With -J every output of the run is JSON, the count too: a plain table
 * or echo lines in it would break it.  --noheadings changes no JSON.
 */
static void
check_output_formats(struct argp_state *state)
{
	const struct pidkill_opts *o =
		((struct parse_state *)state->input)->opts;

	if (o->json && o->raw)
		usage_error(state, "--json and --raw exclude each other");
	if (o->json && o->echo)
		usage_error(state, "--json and --echo exclude each other "
			     "(the JSON table lists what was signaled)");
}

/*
 * --tree grows from whole processes: a thread scope or target has no
 * tree of its own, and a group signal would reach processes outside it.
 */
static void
check_tree(struct argp_state *state)
{
	const struct pidkill_opts *o =
		((struct parse_state *)state->input)->opts;
	size_t i;

	if (!o->tree)
		return;
	if (o->scope == SCOPE_THREAD)
		usage_error(state, "--tree and --scope=thread exclude each "
			     "other (a tree is made of processes, not threads)");
	if (o->scope == SCOPE_PGROUP)
		usage_error(state, "--tree and --scope=pgroup exclude each "
			     "other (a group signal reaches processes outside "
			     "the tree)");
	for (i = 0; i < o->nwords; i++)
		if (o->words[i].tw.form == WORD_PROC_TASK ||
		    o->words[i].tw.tid > 0)
			usage_error(state, "--tree: '%s' names a thread; a tree "
				     "grows from a process", o->words[i].word);
}

/* Checks that need the whole command line */
static void
finish_options(struct argp_state *state)
{
	struct parse_state *ps = state->input;
	struct pidkill_opts *o = ps->opts;
	size_t i;

	if (ps->prescan_signo >= 0 && ps->signal_opt_signo >= 0 &&
	    ps->prescan_signo != ps->signal_opt_signo)
		usage_error(state,
			     "conflicting signals: -SIGNAL and --signal differ");
	if (ps->signal_opt_signo >= 0)
		o->signo = ps->signal_opt_signo;
	else if (ps->prescan_signo >= 0)
		o->signo = ps->prescan_signo;

	if (o->list_signals || o->table) {
		o->rest = ps->raw;
		o->nrest = ps->nraw;
		return;
	}
	for (i = 0; i < ps->nraw; i++) {
		if (*ps->raw[i] == '\0')
			usage_error(state,
				     "empty pattern: it would match every "
				     "process");
		add_word(state, ps->raw[i]);
	}
	if (o->newest && o->oldest)
		usage_error(state,
			     "--newest and --oldest exclude each other");
	if (o->logpidfile && o->pidfiles.n == 0)
		usage_error(state,
			     "--logpidfile needs --pidfile");
	if (o->nslist && !o->ns_pid)
		usage_error(state, "--nslist needs --ns");
	if (o->ns_pid && !o->nslist)
		o->nslist = NS_ALL;
	check_tree(state);
	build_schedule(state);
	o->handler_signo = schedule_first_signal(&o->schedule);
	if (o->require_handler && o->handler_signo == 0)
		usage_error(state, "--require-handler: signal 0 has no "
			     "handler to require; give the signal to send");
	check_output_formats(state);
	choose_report(o);
	if (o->interactive && (o->dry_run || o->count))
		usage_error(state, "--interactive asks before "
			     "signaling: not with --dry-run or --count");
	if (o->nwords == 0 && o->patterns.n == 0 && o->pidfiles.n == 0 &&
	    !has_filters(o))
		usage_error(state,
			     "no target: give a PID, a pattern, a pidfile or "
			     "a filter (see --help)");
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct parse_state *ps = state->input;
	struct pidkill_opts *o = ps->opts;

	switch (key) {
	case OPT_SIGNAL:
		ps->signal_opt_signo = parse_signal(arg, true);
		if (ps->signal_opt_signo < 0)
			usage_error(state,
				     "unknown signal: '%s'", arg);
		break;
	case 'q':
		o->queue = true;
		o->queue_value = (int)parse_number(state, "payload", arg,
						   INT_MIN, INT_MAX);
		break;
	case 'l':
		o->list_signals = true;
		o->list_arg = arg;
		break;
	case OPT_TABLE: o->table = true; break;
	case 'p': add_pid_list(state, arg); break;
	case OPT_PATTERN: add_pattern(state, arg); break;
	case 'F':
		if (*arg == '\0')
			usage_error(state,
				     "empty pidfile name");
		str_push(&o->pidfiles, arg);
		break;
	case 'L': o->logpidfile = true; break;
	case OPT_UNSAFE_PIDFILE: o->unsafe_pidfile = true; break;
	case 'f': o->full = true; break;
	case 'i': o->ignore_case = true; break;
	case 'x': o->exact = true; break;
	case OPT_INVERSE: o->inverse = true; break;
	case 'n': o->newest = true; break;
	case 'o': o->oldest = true; break;
	case 'O':
		o->older = parse_number(state, "age in seconds", arg, 0,
					INT_MAX);
		break;
	case 'P': parse_list(state, "PID", arg, LIST_PID, &o->parents, 0); break;
	case 'g':
		parse_list(state, "process group", arg, LIST_ID0, &o->pgroups,
			   (long)getpgrp());
		break;
	case 's':
		parse_list(state, "session", arg, LIST_ID0, &o->sessions,
			   (long)getsid(0));
		break;
	case 'G': parse_list(state, "group", arg, LIST_GROUP, &o->groups, 0); break;
	case 'u': parse_list(state, "user", arg, LIST_USER, &o->euids, 0); break;
	case 'U': parse_list(state, "user", arg, LIST_USER, &o->uids, 0); break;
	case 't': parse_list(state, "terminal", arg, LIST_TTY, &o->ttys, 0); break;
	case 'r': free(o->runstates); o->runstates = parse_runstates(state, arg); break;
	case OPT_NS:
		if (parse_pid(arg, &o->ns_pid) < 0)
			usage_error(state,
				     "invalid PID: '%s'", arg);
		break;
	case OPT_NSLIST: o->nslist = parse_nslist(state, arg); break;
	case OPT_CGROUP: parse_strings(state, "cgroup", arg, &o->cgroups); break;
	case OPT_ENV: parse_strings(state, "environment", arg, &o->envs); break;
	case 'H': o->require_handler = true; break;
	case 'A': o->include_ancestors = false; break;
	case OPT_INCLUDE_ANCESTORS: o->include_ancestors = true; break;
	case OPT_DRY_RUN: o->dry_run = true; break;
	case 'c': o->count = true; break;
	case 'e': o->echo = true; break;
	case OPT_OUTPUT: parse_columns(state, arg); break;
	case 'J': o->json = true; break;
	case OPT_RAW: o->raw = true; break;
	case OPT_NOHEADINGS: o->noheadings = true; break;
	case 'I': o->interactive = true; break;
	case OPT_VERBOSE: o->verbose = true; break;
	case OPT_QUIET: o->quiet = true; break;
	case OPT_SCOPE: o->scope = parse_scope(state, arg); break;
	case OPT_TREE: o->tree = true; break;
	case 'w': o->wait = true; break;
	case OPT_TIMEOUT:
		if (parse_duration(arg, &o->timeout_ms) < 0)
			usage_error(state,
				     "invalid duration: '%s'", arg);
		break;
	case 'R': o->retry = arg; break;
	case 'm': o->mrelease = true; break;
	case 'h': argp_state_help(state, stdout, ARGP_HELP_STD_HELP); break;
	case ARGP_KEY_ARG:
		ps->raw = xreallocarray(ps->raw, ps->nraw + 1, sizeof(*ps->raw));
		ps->raw[ps->nraw++] = arg;
		break;
	case ARGP_KEY_END:
		finish_options(state);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* Whether short option c takes an argument (from the argp table);
   *optional says whether it may go without one */
static bool
short_takes_arg(int c, bool *optional)
{
	const struct argp_option *opt;

	*optional = false;
	for (opt = options; opt->name || opt->key || opt->doc; opt++)
		if (opt->key == c && !(opt->flags & OPTION_DOC)) {
			*optional = opt->flags & OPTION_ARG_OPTIONAL;
			return opt->arg != NULL;
		}
	return false;
}

static bool
is_short_option(int c)
{
	const struct argp_option *opt;

	if (c == 'V' || c == '?')
		return true;
	for (opt = options; opt->name || opt->key || opt->doc; opt++)
		if (opt->key == c && !(opt->flags & OPTION_DOC))
			return true;
	return false;
}

/* The options argp adds itself */
static const struct argp_option argp_builtins[] = {
	{ "help", '?', 0, 0, 0, 0 },
	{ "usage", 0, 0, 0, 0, 0 },
	{ "version", 'V', 0, 0, 0, 0 },
	{ 0 }
};

/*
 * The option a "--name[=value]" word names: an exact name, or a prefix
 * of only one, as getopt takes them.  An unknown or ambiguous name is a
 * usage error, reported here in one line rather than by getopt and argp.
 */
static const struct argp_option *
long_option(const char *word)
{
	const struct argp_option *tables[] = { options, argp_builtins };
	const struct argp_option *opt, *found = NULL;
	const char *name = word + 2;
	size_t len = strcspn(name, "="), t;
	int matches = 0;

	for (t = 0; t < 2; t++)
		for (opt = tables[t]; opt->name || opt->key || opt->doc; opt++) {
			if (!opt->name || (opt->flags & OPTION_DOC) ||
			    strncmp(opt->name, name, len) != 0)
				continue;
			if (strlen(opt->name) == len)
				return opt;
			found = opt;
			matches++;
		}
	if (matches != 1)
		usage_exit("%s option: '%.*s'", matches ? "ambiguous" : "unknown",
			   (int)len + 2, word);
	return found;
}

/* Whether a long option word takes its value from the next word */
static bool
long_needs_next(const char *word, bool last)
{
	const struct argp_option *opt = long_option(word);
	bool has_value = strchr(word, '=') != NULL;

	if (has_value && !opt->arg)
		usage_exit("option '--%s' takes no value: '%s'", opt->name, word);
	if (has_value || !opt->arg || (opt->flags & OPTION_ARG_OPTIONAL))
		return false;
	if (last)
		usage_exit("option '--%s' needs a value", opt->name);
	return true;
}

/* Check a short cluster (-fx, -u root, -uroot, -l9); true if the next
   word is the value of its last option */
static bool
short_needs_next(const char *word, bool last)
{
	bool optional;
	size_t k;

	for (k = 1; word[k]; k++) {
		if (!is_short_option(word[k]))
			usage_exit("unknown option: '%s'", word);
		if (!short_takes_arg(word[k], &optional))
			continue;
		if (word[k + 1] != '\0' || optional)
			return false;	/* the rest, if any, is the value */
		if (last)
			usage_exit("option '-%c' needs a value", word[k]);
		return true;
	}
	return false;
}

/* A word no option cluster could be: a number, or an uppercase
   letter that is no option, or a SIG or RTM prefix */
static bool
looks_like_signal(const char *w)
{
	return isdigit((unsigned char)w[0]) ||
	       (isupper((unsigned char)w[0]) && !is_short_option(w[0])) ||
	       strncmp(w, "RTM", 3) == 0 || strncmp(w, "SIG", 3) == 0;
}

/*
 * Take -SIGNAL words out of argv before argp sees them, as pkill does,
 * and check every option word, so that each usage error is one line.
 * A word that is an option's argument (-q -7) is left alone, and so is
 * everything after "--".  Returns the signal, or -1 if none was given.
 */
static int
prescan_argv(int *argc, char **argv)
{
	int i, out = 1, signo = -1;
	bool skip_next = false, done = false;

	for (i = 1; i < *argc; i++) {
		char *w = argv[i];

		if (done || skip_next || w[0] != '-' || w[1] == '\0') {
			skip_next = false;
			argv[out++] = w;
			continue;
		}
		if (strcmp(w, "--") == 0) {
			done = true;
		} else if (w[1] == '-') {
			skip_next = long_needs_next(w, i + 1 == *argc);
		} else {
			/* a signal word first, as pkill decides: -hup is
			   SIGHUP, -IO is SIGIO, never option letters */
			int s = parse_signal(w + 1, true);

			if (s >= 0) {
				if (signo >= 0 && s != signo)
					usage_exit(
					     "conflicting signals: '%s'", w);
				signo = s;
				continue;
			}
			/* a word that can only mean a signal is a bad one */
			if (looks_like_signal(w + 1))
				usage_exit("unknown signal: '%s'", w + 1);
		}
		if (w[1] != '-' && !done)
			skip_next = short_needs_next(w, i + 1 == *argc);
		argv[out++] = w;
	}
	argv[out] = NULL;
	*argc = out;
	return signo;
}

/* --help ends with the list of columns */
static char *
help_filter(int key, const char *text, void *input)
{
	char *columns, *all = NULL;

	if (key != ARGP_KEY_HELP_POST_DOC || !text)
		return (char *)(uintptr_t)text;
	columns = columns_help();
	if (!columns || asprintf(&all, "%s\n\n%s", text, columns) < 0)
		all = NULL;
	free(columns);
	return all ? all : (char *)(uintptr_t)text;
}

bool
has_filters(const struct pidkill_opts *o)
{
	return o->older >= 0 || o->parents.n || o->pgroups.n ||
	       o->sessions.n || o->groups.n || o->euids.n || o->uids.n ||
	       o->ttys.n || o->runstates || o->ns_pid || o->cgroups.n ||
	       o->envs.n;
}

void
parse_options(int argc, char **argv, struct pidkill_opts *opts)
{
	static const struct argp argp = { options, parse_opt, args_doc, doc,
					  NULL, help_filter, NULL };
	struct parse_state ps = { opts, -1, -1, NULL, 0 };

	memset(opts, 0, sizeof(*opts));
	opts->signo = SIGTERM;
	opts->older = -1;
	opts->timeout_ms = -1;
	argp_err_exit_status = STATUS_USAGE;
	ps.prescan_signo = prescan_argv(&argc, argv);
	/* in order: options are read wherever they are, even with
	   POSIXLY_CORRECT set, which would otherwise make every word after
	   the first target a target ("pidkill sleep --dry-run") */
	argp_parse(&argp, argc, argv, ARGP_IN_ORDER, NULL, &ps);
	if (!opts->rest)
		free(ps.raw);
}

void
free_options(struct pidkill_opts *o)
{
	free(o->words);
	free(o->patterns.v);
	free(o->pidfiles.v);
	free(o->parents.v);
	free(o->pgroups.v);
	free(o->sessions.v);
	free(o->groups.v);
	free(o->euids.v);
	free(o->uids.v);
	free(o->ttys.v);
	free(o->runstates);
	free(o->cgroups.v);
	free(o->envs.v);
	free(o->rest);
	free(o->schedule.v);
}
