/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * report.c - messages, echo lines, tables.
 */
#include "config.h"

#include <err.h>
#include <limits.h>
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include <libsmartcols.h>

#include "report.h"
#include "signals.h"
#include "status.h"
#include "text.h"
#include "fail.h"
#include "timefmt.h"
#include "xalloc.h"

/*
 * Whether a target's failure is worth a line without --verbose: always
 * for what the user named; for pattern matches only what pkill reports
 * too (permission and other errors), since matches that exit between
 * scan and signal are ordinary.
 */
static bool
worth_saying(const struct pidkill_opts *opts, const struct target *t)
{
	if (opts->quiet || t->outcome == OUTCOME_PENDING)
		return false;
	if (t->outcome == OUTCOME_SIGNALED)
		return opts->verbose && target_cold(t)->unread;
	if (opts->verbose || t->outcome == OUTCOME_SURVIVED)
		return true;
	if (t->outcome == OUTCOME_EXITED)
		return false;
	/* what the user named, or confirmed at the prompt, is worth a line;
	   a tree's member is found, as a match is */
	if ((t->origin != ORIGIN_MATCH && t->origin != ORIGIN_TREE) ||
	    (opts->interactive && t->outcome != OUTCOME_EXCLUDED))
		return true;
	return t->outcome == OUTCOME_PERMISSION || t->outcome == OUTCOME_FAILED ||
	       t->outcome == OUTCOME_REFUSED;
}

static void
say_outcome(const struct target *t)
{
	const struct target_more *c = target_cold(t);
	char who[PATH_MAX + 64], name[80] = "";

	if (c->word && t->origin == ORIGIN_PIDFILE)
		snprintf(who, sizeof(who), "pidfile %s: %d", c->word,
			 (int)t->pid);
	else if (c->word)
		snprintf(who, sizeof(who), "%s", c->word);
	else
		snprintf(who, sizeof(who), "%d", (int)t->pid);
	if (t->comm)
		snprintf(name, sizeof(name), " (%s)", t->comm);
	if (t->outcome == OUTCOME_EXITED && c->exit_known &&
	    WIFSIGNALED(c->exit_status))
		warn_escaped("%s%s: exited, killed by signal %d (%s)", who,
			     name, WTERMSIG(c->exit_status),
			     signal_description(WTERMSIG(c->exit_status)));
	else if (t->outcome == OUTCOME_EXITED && c->exit_known)
		warn_escaped("%s%s: exited with status %d", who, name,
			     WEXITSTATUS(c->exit_status));
	else if (t->outcome == OUTCOME_SIGNALED && c->unread)
		warn_escaped("%s%s: signaled, though it could not be read in "
			     "/proc (hidepid?)", who, name);
	else if (t->outcome == OUTCOME_FAILED && c->errnum)
		warn_escaped("%s%s: %s", who, name, strerror(c->errnum));
	else if (c->detail && t->outcome == OUTCOME_FAILED)
		warn_escaped("%s%s: %s", who, name, c->detail);
	else if (c->detail && c->member_too)
		warn_escaped("%s%s: %s: %s; a member of a tree all the same",
			     who, name, outcome_name(t->outcome), c->detail);
	else if (c->detail)
		warn_escaped("%s%s: %s: %s", who, name,
			     outcome_name(t->outcome), c->detail);
	else
		warn_escaped("%s%s: %s", who, name, outcome_name(t->outcome));
}

/* How each column is laid out by libsmartcols */
static const struct column_layout {
	double width;
	int flags;
	int json;
} layout[NCOLUMNS] = {
	[COL_PID] = { 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER },
	[COL_TID] = { 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER },
	[COL_PPID] = { 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER },
	[COL_DEPTH] = { 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER },
	[COL_ID] = { 8, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER },
	[COL_TOKEN] = { 12, 0, SCOLS_JSON_STRING },
	[COL_START] = { 19, 0, SCOLS_JSON_STRING },
	[COL_COMM] = { 0.1, 0, SCOLS_JSON_STRING },
	[COL_USER] = { 0.1, 0, SCOLS_JSON_STRING },
	[COL_UID] = { 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER },
	[COL_STATE] = { 1, 0, SCOLS_JSON_STRING },
	[COL_CMDLINE] = { 0.5, SCOLS_FL_TRUNC, SCOLS_JSON_STRING },
	[COL_SIGNAL] = { 6, 0, SCOLS_JSON_STRING },
	[COL_RESULT] = { 10, 0, SCOLS_JSON_STRING },
	[COL_EXIT] = { 4, 0, SCOLS_JSON_STRING },
};

static const char *
result_name(const struct pidkill_opts *opts, const struct target *t)
{
	switch (t->outcome) {
	case OUTCOME_PENDING:
		return opts->dry_run ? "matched" : "excluded";
	case OUTCOME_SIGNALED: return "signaled";
	case OUTCOME_GONE: return "gone";
	case OUTCOME_IDENTITY: return "identity-changed";
	case OUTCOME_PERMISSION: return "permission-denied";
	case OUTCOME_NO_HANDLER: return "no-handler";
	case OUTCOME_EXCLUDED: return "excluded";
	case OUTCOME_REFUSED: return "refused";
	case OUTCOME_NOT_LOCKED: return "not-locked";
	case OUTCOME_NOT_THREAD: return "not-a-thread";
	case OUTCOME_FAILED: return "failed";
	case OUTCOME_EXITED: return "exited";
	case OUTCOME_SURVIVED: return "survived";
	}
	return "failed";
}

/* The text of one cell; buf is scratch space; NULL for an empty cell */
static const char *
cell_text(const struct pidkill_opts *opts, const struct target *t, int col,
	  time_t booted, char *buf, size_t size)
{
	int signo;

	switch (col) {
	case COL_PID:
		if (t->pid <= 0)
			return NULL;	/* a thread whose process is unknown */
		snprintf(buf, size, "%d", (int)t->pid);
		return buf;
	case COL_TID:
		snprintf(buf, size, "%d", (int)(target_tid(t) > 0 ? target_tid(t) : t->pid));
		return buf;
	case COL_PPID:
		if (!target_cold(t)->ppid_known)
			return NULL;
		snprintf(buf, size, "%d", (int)target_cold(t)->ppid);
		return buf;
	case COL_DEPTH:
		snprintf(buf, size, "%u", target_cold(t)->depth);
		return buf;
	case COL_ID:
		if (!t->id)
			return NULL;
		snprintf(buf, size, "%llu", t->id);
		return buf;
	case COL_TOKEN:
		/* a token the process pinned now does not match stays the
		   user's: the pinned one is another process */
		if (t->outcome == OUTCOME_GONE || t->outcome == OUTCOME_IDENTITY)
			return target_cold(t)->form == WORD_PID_ID || target_cold(t)->form == WORD_PID_START
				? target_cold(t)->word : NULL;
		if (!t->id && !t->start_known)
			return NULL;
		target_token(t, buf, size);
		return buf;
	case COL_START:
		if (!t->start_known)
			return NULL;
		if (opts->json)
			format_start_iso(t->start, booted, buf, size);
		else
			format_start(t->start, booted, buf, size);
		return buf;
	case COL_COMM:
		return t->comm;
	case COL_USER:
		if (!target_cold(t)->euid_known)
			return NULL;
		format_user(target_cold(t)->euid, buf, size);
		return buf;
	case COL_UID:
		if (!target_cold(t)->euid_known)
			return NULL;
		snprintf(buf, size, "%u", (unsigned)target_cold(t)->euid);
		return buf;
	case COL_STATE:
		if (!target_cold(t)->state)
			return NULL;
		snprintf(buf, size, "%c", target_cold(t)->state);
		return buf;
	case COL_CMDLINE:
		return target_cold(t)->cmdline;
	case COL_SIGNAL:
		signo = opts->dry_run ? opts->signo : t->last_signal;
		if (signo < 0 || signal_name(signo, buf, size) < 0)
			return NULL;
		return buf;
	case COL_RESULT:
		return result_name(opts, t);
	case COL_EXIT:
		if (!target_cold(t)->exit_known)
			return NULL;
		if (WIFSIGNALED(target_cold(t)->exit_status))
			signal_name(WTERMSIG(target_cold(t)->exit_status), buf, size);
		else
			snprintf(buf, size, "%d", WEXITSTATUS(target_cold(t)->exit_status));
		return buf;
	}
	return NULL;
}

/* Which targets are rows: with --dry-run the matched ones; otherwise
   every selected target, but not pidkill itself nor those -n/-o passed
   over, and every member of a tree, but not pidkill or its ancestors
   among them, nor a process that turned out not to be a member */
static bool
is_row(const struct pidkill_opts *opts, const struct target *t)
{
	if (opts->dry_run)
		return t->outcome == OUTCOME_PENDING;
	if (opts->verbose)
		return true;
	if (target_is_self(t))
		return false;
	if (t->origin == ORIGIN_TREE)
		return target_cold(t)->admitted &&
		       t->outcome != OUTCOME_EXCLUDED;
	return t->origin != ORIGIN_MATCH || t->outcome != OUTCOME_EXCLUDED;
}

static void
print_table(const struct pidkill_opts *opts, const struct target_list *list,
	    time_t booted)
{
	struct libscols_table *tb = scols_new_table();
	const int *cols = opts->columns;
	size_t i, k, n = opts->ncolumns;

	if (!tb)
		xalloc_die();
	scols_table_set_name(tb, "targets");
	scols_table_enable_json(tb, opts->json);
	scols_table_enable_raw(tb, opts->raw);
	scols_table_enable_noheadings(tb, opts->noheadings);
	for (k = 0; k < n; k++) {
		const struct column_layout *cl = &layout[cols[k]];
		struct libscols_column *c;

		c = scols_table_new_column(tb, column_name(cols[k]), cl->width,
					   cl->flags);
		if (!c)
			xalloc_die();
		scols_column_set_json_type(c, cl->json);
	}
	for (i = 0; i < list->n; i++) {
		const struct target *t = &list->v[i];
		struct libscols_line *ln;

		if (!is_row(opts, t))
			continue;
		ln = scols_table_new_line(tb, NULL);
		if (!ln)
			xalloc_die();
		for (k = 0; k < n; k++) {
			char buf[256], *shown;
			const char *text = cell_text(opts, t, cols[k], booted,
						     buf, sizeof(buf));

			/* names and command lines are anyone's bytes: a
			   table escapes what the locale cannot show itself,
			   JSON needs it done (UTF-8 only, no controls) */
			if (!text)
				continue;
			shown = opts->json ? text_escaped(text) : strdup(text);
			if (!shown || scols_line_refer_data(ln, k, shown) < 0)
				xalloc_die();
		}
	}
	scols_print_table(tb);
	scols_unref_table(tb);
}

/* -e: pkill's line for each process signaled, its name escaped */
static void
echo_line(const struct target *t)
{
	char *name = text_escaped(target_name(t));

	if (!name)
		xalloc_die();
	printf("%s killed (pid %d)\n", name,
	       (int)(target_tid(t) > 0 ? target_tid(t) : t->pid));
	free(name);
}

/*
 * Whether a target counts, once per process: signaled (with --dry-run:
 * matched), and not an alias of a target that counted already.
 */
static bool
counts(const struct pidkill_opts *opts, const struct target_list *list,
       size_t i, size_t *last)
{
	const struct target *t = &list->v[i];
	size_t k = i;

	if (opts->dry_run ? t->outcome != OUTCOME_PENDING : !t->signaled)
		return false;
	while (k > 0 && list->v[k].alias)
		k--;
	if (t->alias && *last != SIZE_MAX && *last >= k)
		return false;		/* its process counted already */
	*last = i;
	return true;
}

int
report_outcomes(const struct pidkill_opts *opts, const struct target_list *list,
		time_t booted)
{
	size_t i, n = 0, last = SIZE_MAX;
	size_t survivors = count_outcome(list, OUTCOME_SURVIVED);

	for (i = 0; i < list->n; i++) {
		const struct target *t = &list->v[i];

		if (worth_saying(opts, t))
			say_outcome(t);
		if (!counts(opts, list, i, &last))
			continue;
		n++;
		if (opts->echo && !opts->dry_run)
			echo_line(t);
	}
	if (opts->show_table && (n > 0 || !opts->dry_run || opts->json))
		print_table(opts, list, booted);
	if (opts->count && opts->json)
		printf("{\n   \"count\": %zu\n}\n", n);
	else if (opts->count)
		printf("%zu\n", n);
	if (survivors > 0)
		return STATUS_ALIVE;
	return n > 0 ? STATUS_MATCH : STATUS_NOMATCH;
}

static void
add_column(struct libscols_table *tb, const char *name, double width, int fl)
{
	if (!scols_table_new_column(tb, name, width, fl))
		xalloc_die();
}

/* kill -l style: names, wrapped */
static void
list_names(void)
{
	char name[32];
	int signo, col = 0;

	for (signo = 1; signo <= signal_max(); signo++) {
		int len;

		if (signal_name(signo, name, sizeof(name)) < 0)
			continue;
		len = (int)strlen(name);
		if (col > 0 && col + 1 + len > 72) {
			putchar('\n');
			col = 0;
		}
		col += printf("%s%s", col ? " " : "", name);
	}
	putchar('\n');
}

/*
 * A -l word as a signal: a name or number, or, as bash's kill -l reads
 * it, an exit status above 128 (137 is KILL).  -1 if none.
 */
static int
list_word_signal(const char *word)
{
	int signo = parse_signal(word, true);
	char *end;
	long n;

	if (signo >= 0 || word[0] < '0' || word[0] > '9')
		return signo;
	errno = 0;
	n = strtol(word, &end, 10);
	if (errno || *end != '\0' || n <= 128 || n > 128 + signal_max() ||
	    !signal_is_valid((int)(n - 128)))
		return -1;
	return (int)(n - 128);
}

/* -l SIG: a number prints its name, a name its number */
static int
translate_signal(const char *word)
{
	char name[32];
	int signo = list_word_signal(word);

	if (signo < 0) {
		warn_escaped("unknown signal: '%s'", word);
		return STATUS_USAGE;
	}
	if (word[0] >= '0' && word[0] <= '9') {
		signal_name(signo, name, sizeof(name));
		printf("%s\n", name);
	} else {
		printf("%d\n", signo);
	}
	return STATUS_MATCH;
}

static void
print_signal_table(void)
{
	struct libscols_table *tb = scols_new_table();
	int signo;

	if (!tb)
		xalloc_die();
	add_column(tb, "NUMBER", 0, SCOLS_FL_RIGHT);
	add_column(tb, "NAME", 0, 0);
	add_column(tb, "DESCRIPTION", 0, 0);
	for (signo = 1; signo <= signal_max(); signo++) {
		struct libscols_line *ln;
		char num[16], name[32];

		if (signal_name(signo, name, sizeof(name)) < 0)
			continue;
		ln = scols_table_new_line(tb, NULL);
		if (!ln)
			xalloc_die();
		snprintf(num, sizeof(num), "%d", signo);
		scols_line_set_data(ln, 0, num);
		scols_line_set_data(ln, 1, name);
		scols_line_set_data(ln, 2, signal_description(signo));
	}
	scols_print_table(tb);
	scols_unref_table(tb);
}

int
report_signals(const struct pidkill_opts *opts)
{
	int status = STATUS_MATCH;
	size_t i;

	if (opts->table) {
		print_signal_table();
		return STATUS_MATCH;
	}
	if (!opts->list_arg && opts->nrest == 0) {
		list_names();
		return STATUS_MATCH;
	}
	/* check every word before printing any, so a bad one prints nothing */
	if (opts->list_arg && list_word_signal(opts->list_arg) < 0)
		return translate_signal(opts->list_arg);
	for (i = 0; i < opts->nrest; i++)
		if (list_word_signal(opts->rest[i]) < 0)
			return translate_signal(opts->rest[i]);
	if (opts->list_arg)
		status = translate_signal(opts->list_arg);
	for (i = 0; i < opts->nrest; i++)
		translate_signal(opts->rest[i]);
	return status;
}
