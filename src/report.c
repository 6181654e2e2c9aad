/*
 * report.c - messages, echo lines, tables.
 */
#include "config.h"

#include <err.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include <libsmartcols.h>

#include "report.h"
#include "select.h"
#include "signals.h"

/*
 * Whether a target's failure is worth a line without --verbose: always
 * for what the user named; for pattern matches only what pkill reports
 * too (permission and other errors), since matches that exit between
 * scan and signal are ordinary.
 */
static bool
worth_saying(const struct pidkill_opts *opts, const struct target *t)
{
	if (opts->quiet || t->origin == ORIGIN_LEADER ||
	    t->outcome == OUTCOME_PENDING || t->outcome == OUTCOME_SIGNALED)
		return false;
	if (opts->verbose || t->outcome == OUTCOME_SURVIVED)
		return true;
	if (t->outcome == OUTCOME_EXITED)
		return false;
	/* what the user named, or confirmed at the prompt, is worth a line */
	if (t->origin != ORIGIN_MATCH ||
	    (opts->interactive && t->outcome != OUTCOME_EXCLUDED))
		return true;
	return t->outcome == OUTCOME_PERMISSION || t->outcome == OUTCOME_FAILED;
}

static void
say_outcome(const struct target *t)
{
	char who[96], name[80] = "";

	if (t->word && t->origin == ORIGIN_PIDFILE)
		snprintf(who, sizeof(who), "%d (pidfile %s)", (int)t->pid, t->word);
	else if (t->word)
		snprintf(who, sizeof(who), "%s", t->word);
	else
		snprintf(who, sizeof(who), "%d", (int)t->pid);
	if (t->comm[0])
		snprintf(name, sizeof(name), " (%s)", t->comm);
	if (t->outcome == OUTCOME_EXITED && t->exit_known &&
	    WIFSIGNALED(t->exit_status))
		warnx("%s%s: exited, killed by signal %d (%s)", who, name,
		      WTERMSIG(t->exit_status),
		      signal_description(WTERMSIG(t->exit_status)));
	else if (t->outcome == OUTCOME_EXITED && t->exit_known)
		warnx("%s%s: exited with status %d", who, name,
		      WEXITSTATUS(t->exit_status));
	else if (t->outcome == OUTCOME_FAILED && t->errnum)
		warnx("%s%s: %s", who, name, strerror(t->errnum));
	else if (t->detail && t->outcome == OUTCOME_FAILED)
		warnx("%s%s: %s", who, name, t->detail);
	else if (t->detail)
		warnx("%s%s: %s: %s", who, name, outcome_name(t->outcome),
		      t->detail);
	else
		warnx("%s%s: %s", who, name, outcome_name(t->outcome));
}

static const struct column_info {
	const char *name;
	double width;
	int flags;
	int json;
	const char *help;
} columns[NCOLUMNS] = {
	[COL_PID] = { "PID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		      "process ID" },
	[COL_TID] = { "TID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		      "thread ID (the PID for a whole process)" },
	[COL_ID] = { "ID", 8, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		     "pidfs inode number (empty without pidfs)" },
	[COL_TOKEN] = { "TOKEN", 12, 0, SCOLS_JSON_STRING,
			"identity token to use later: PID:ID, or PID@START" },
	[COL_START] = { "START", 19, 0, SCOLS_JSON_STRING,
			"when the process started" },
	[COL_COMM] = { "COMM", 0.1, 0, SCOLS_JSON_STRING, "process name" },
	[COL_USER] = { "USER", 0.1, 0, SCOLS_JSON_STRING, "effective user" },
	[COL_UID] = { "UID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		      "effective user ID" },
	[COL_STATE] = { "STATE", 1, 0, SCOLS_JSON_STRING,
			"run state (R, S, D, T, Z...)" },
	[COL_CMDLINE] = { "CMDLINE", 0.5, SCOLS_FL_TRUNC, SCOLS_JSON_STRING,
			  "command line" },
	[COL_SIGNAL] = { "SIGNAL", 6, 0, SCOLS_JSON_STRING,
			 "the last signal sent (with --dry-run: to be sent)" },
	[COL_RESULT] = { "RESULT", 10, 0, SCOLS_JSON_STRING,
			 "what happened: signaled, gone, exited, survived..." },
	[COL_EXIT] = { "EXIT", 4, 0, SCOLS_JSON_STRING,
		       "exit status, or the signal that ended it" },
};

int
column_by_name(const char *name)
{
	int i;

	for (i = 0; i < NCOLUMNS; i++)
		if (strcasecmp(columns[i].name, name) == 0)
			return i;
	return -1;
}

int
parse_column_list(const char *list, int *cols, size_t max, char *bad,
		  size_t badsize)
{
	const char *p = list;
	size_t n = 0;

	for (;;) {
		size_t len = strcspn(p, ",");
		char name[16];
		int col = -1;

		snprintf(bad, badsize, "%.*s", (int)len, p);
		if (len > 0 && len < sizeof(name)) {
			memcpy(name, p, len);
			name[len] = '\0';
			col = column_by_name(name);
		}
		if (col < 0)
			return -1;
		if (n == max) {
			snprintf(bad, badsize, "%s", list);
			return -2;
		}
		cols[n++] = col;
		if (p[len] == '\0')
			return (int)n;
		p += len + 1;
	}
}

char *
columns_help(void)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	int i;

	if (!f)
		return NULL;
	fprintf(f, "Columns for --output:\n");
	for (i = 0; i < NCOLUMNS; i++)
		fprintf(f, "  %-8s %s\n", columns[i].name, columns[i].help);
	fclose(f);
	return text;
}

bool
report_has_table(const struct pidkill_opts *opts)
{
	if (opts->count)
		return false;
	return opts->dry_run || opts->ncolumns > 0 || opts->json || opts->raw;
}

/* The columns to print: --output's, or a default for the kind of run */
static size_t
chosen_columns(const struct pidkill_opts *opts, int *out)
{
	size_t n = 0;

	if (opts->ncolumns > 0) {
		memcpy(out, opts->columns, opts->ncolumns * sizeof(*out));
		return opts->ncolumns;
	}
	out[n++] = COL_PID;
	out[n++] = COL_TOKEN;
	out[n++] = COL_COMM;
	if (opts->dry_run)
		return n;
	out[n++] = COL_SIGNAL;
	out[n++] = COL_RESULT;
	if (opts->wait)
		out[n++] = COL_EXIT;
	return n;
}

bool
report_needs(const struct pidkill_opts *opts, enum column col)
{
	int cols[NCOLUMNS + 32];
	size_t i, n;

	if (!report_has_table(opts))
		return false;
	n = chosen_columns(opts, cols);
	for (i = 0; i < n; i++)
		if (cols[i] == (int)col)
			return true;
	return false;
}

void
format_start(unsigned long long ticks, char *buf, size_t size)
{
	long hz = sysconf(_SC_CLK_TCK);
	time_t booted = boot_time(), when;
	struct tm tm;

	/* the boot time as the kernel states it, a whole second, as ps uses:
	   the same process shows the same start in every run */
	when = booted + (time_t)(ticks / (unsigned long long)(hz > 0 ? hz : 100));
	if (!booted || !localtime_r(&when, &tm) ||
	    strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(buf, size, "%llu", ticks);
}

void
format_user(uid_t uid, char *buf, size_t size)
{
	struct passwd *pw = getpwuid(uid);

	if (pw)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "%u", (unsigned)uid);
}

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
	  char *buf, size_t size)
{
	int signo;

	switch (col) {
	case COL_PID:
		snprintf(buf, size, "%d", (int)t->pid);
		return buf;
	case COL_TID:
		snprintf(buf, size, "%d", (int)(t->tid > 0 ? t->tid : t->pid));
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
			return t->form == WORD_PID_ID || t->form == WORD_PID_START
				? t->word : NULL;
		if (!t->id && !t->start_known)
			return NULL;
		target_token(t, buf, size);
		return buf;
	case COL_START:
		if (!t->start_known)
			return NULL;
		format_start(t->start, buf, size);
		return buf;
	case COL_COMM:
		return t->comm;
	case COL_USER:
		if (!t->euid_known)
			return NULL;
		format_user(t->euid, buf, size);
		return buf;
	case COL_UID:
		if (!t->euid_known)
			return NULL;
		snprintf(buf, size, "%u", (unsigned)t->euid);
		return buf;
	case COL_STATE:
		if (!t->state)
			return NULL;
		snprintf(buf, size, "%c", t->state);
		return buf;
	case COL_CMDLINE:
		return t->cmdline;
	case COL_SIGNAL:
		signo = opts->dry_run ? opts->signo : t->last_signal;
		if (signo < 0 || signal_name(signo, buf, size) < 0)
			return NULL;
		return buf;
	case COL_RESULT:
		return result_name(opts, t);
	case COL_EXIT:
		if (!t->exit_known)
			return NULL;
		if (WIFSIGNALED(t->exit_status))
			signal_name(WTERMSIG(t->exit_status), buf, size);
		else
			snprintf(buf, size, "%d", WEXITSTATUS(t->exit_status));
		return buf;
	}
	return NULL;
}

/* Which targets are rows: with --dry-run the matched ones; otherwise
   every selected target, but not those -n/-o passed over */
static bool
is_row(const struct pidkill_opts *opts, const struct target *t)
{
	if (t->origin == ORIGIN_LEADER)
		return false;
	if (opts->dry_run)
		return t->outcome == OUTCOME_PENDING;
	return opts->verbose || t->origin != ORIGIN_MATCH ||
	       t->outcome != OUTCOME_EXCLUDED;
}

static void
print_table(const struct pidkill_opts *opts, const struct target_list *list)
{
	struct libscols_table *tb = scols_new_table();
	int cols[NCOLUMNS + 32];
	size_t i, k, n = chosen_columns(opts, cols);

	if (!tb)
		errx(STATUS_ERROR, "out of memory");
	scols_table_set_name(tb, "targets");
	scols_table_enable_json(tb, opts->json);
	scols_table_enable_raw(tb, opts->raw);
	scols_table_enable_noheadings(tb, opts->noheadings);
	for (k = 0; k < n; k++) {
		const struct column_info *ci = &columns[cols[k]];
		struct libscols_column *cl;

		cl = scols_table_new_column(tb, ci->name, ci->width, ci->flags);
		if (!cl)
			errx(STATUS_ERROR, "out of memory");
		scols_column_set_json_type(cl, ci->json);
	}
	for (i = 0; i < list->n; i++) {
		const struct target *t = &list->v[i];
		struct libscols_line *ln;

		if (!is_row(opts, t))
			continue;
		ln = scols_table_new_line(tb, NULL);
		if (!ln)
			errx(STATUS_ERROR, "out of memory");
		for (k = 0; k < n; k++) {
			char buf[256];
			const char *text = cell_text(opts, t, cols[k], buf,
						     sizeof(buf));

			if (text && scols_line_set_data(ln, k, text) < 0)
				errx(STATUS_ERROR, "out of memory");
		}
	}
	scols_print_table(tb);
	scols_unref_table(tb);
}

/* Whether a target counts: signaled, or with --dry-run matched */
static bool
succeeded(const struct pidkill_opts *opts, const struct target *t)
{
	if (t->origin == ORIGIN_LEADER)
		return false;
	return opts->dry_run ? t->outcome == OUTCOME_PENDING : t->signaled;
}

int
report_outcomes(const struct pidkill_opts *opts, const struct target_list *list)
{
	size_t i, n = 0, survivors = count_outcome(list, OUTCOME_SURVIVED);

	for (i = 0; i < list->n; i++) {
		const struct target *t = &list->v[i];

		if (worth_saying(opts, t))
			say_outcome(t);
		if (!succeeded(opts, t))
			continue;
		n++;
		if (opts->echo && !opts->dry_run)
			printf("%s killed (pid %d)\n", t->comm,
			       (int)(t->tid > 0 ? t->tid : t->pid));
	}
	if (report_has_table(opts) && (n > 0 || !opts->dry_run || opts->json))
		print_table(opts, list);
	if (opts->count)
		printf("%zu\n", n);
	if (survivors > 0)
		return STATUS_ALIVE;
	return n > 0 ? STATUS_MATCH : STATUS_NOMATCH;
}

static void
add_column(struct libscols_table *tb, const char *name, double width, int fl)
{
	if (!scols_table_new_column(tb, name, width, fl))
		errx(STATUS_ERROR, "out of memory");
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

/* -l SIG: a number prints its name, a name its number */
static int
translate_signal(const char *word)
{
	char name[32];
	int signo = parse_signal(word, true);

	if (signo < 0) {
		warnx("unknown signal: '%s'", word);
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
		errx(STATUS_ERROR, "out of memory");
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
			errx(STATUS_ERROR, "out of memory");
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
	if (opts->list_arg && parse_signal(opts->list_arg, true) < 0)
		return translate_signal(opts->list_arg);
	for (i = 0; i < opts->nrest; i++)
		if (parse_signal(opts->rest[i], true) < 0)
			return translate_signal(opts->rest[i]);
	if (opts->list_arg)
		status = translate_signal(opts->list_arg);
	for (i = 0; i < opts->nrest; i++)
		translate_signal(opts->rest[i]);
	return status;
}
