/*
 * report.c - messages, echo lines, tables.
 */
#include "config.h"

#include <err.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <libsmartcols.h>

#include "report.h"
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
	if (t->origin != ORIGIN_MATCH)
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

static void
add_column(struct libscols_table *tb, const char *name, double width, int fl)
{
	if (!scols_table_new_column(tb, name, width, fl))
		err(STATUS_ERROR, "cannot allocate memory");
}

/* --dry-run: the verified targets as a table */
static void
print_dry_run(const struct target_list *list)
{
	struct libscols_table *tb = scols_new_table();
	size_t i;

	if (!tb)
		err(STATUS_ERROR, "cannot allocate memory");
	add_column(tb, "PID", 0, SCOLS_FL_RIGHT);
	add_column(tb, "TOKEN", 0, 0);
	add_column(tb, "COMM", 0, 0);
	for (i = 0; i < list->n; i++) {
		const struct target *t = &list->v[i];
		struct libscols_line *ln;
		char pid[32], token[64];

		if (t->outcome != OUTCOME_PENDING)
			continue;
		ln = scols_table_new_line(tb, NULL);
		if (!ln)
			err(STATUS_ERROR, "cannot allocate memory");
		snprintf(pid, sizeof(pid), "%d", (int)(t->tid > 0 ? t->tid : t->pid));
		target_token(t, token, sizeof(token));
		scols_line_set_data(ln, 0, pid);
		scols_line_set_data(ln, 1, token);
		scols_line_set_data(ln, 2, t->comm);
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
	if (opts->dry_run && n > 0 && !opts->count)
		print_dry_run(list);
	if (opts->count)
		printf("%zu\n", n);
	if (survivors > 0)
		return STATUS_ALIVE;
	return n > 0 ? STATUS_MATCH : STATUS_NOMATCH;
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
		err(STATUS_ERROR, "cannot allocate memory");
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
			err(STATUS_ERROR, "cannot allocate memory");
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
