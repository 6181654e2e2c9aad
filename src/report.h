/*
 * report.h - what pidkill prints.
 */
#ifndef PIDKILL_REPORT_H
#define PIDKILL_REPORT_H

#include <stdbool.h>

#include "options.h"
#include "target.h"

/* The columns of --output */
enum column {
	COL_PID, COL_TID, COL_ID, COL_TOKEN, COL_START, COL_COMM, COL_USER,
	COL_UID, COL_STATE, COL_CMDLINE, COL_SIGNAL, COL_RESULT, COL_EXIT,
	NCOLUMNS
};

/* A column by name, any case; -1 if there is none */
int column_by_name(const char *name);

/*
 * Parse "PID,TOKEN,..." into at most max column numbers.  Returns how
 * many; -1 with the unknown or empty item copied into bad; -2 when the
 * list holds more than max.
 */
int parse_column_list(const char *list, int *cols, size_t max, char *bad,
		      size_t badsize);

/* "  NAME  description" lines for --help */
char *columns_help(void);

/* Whether the report will show column col (so it must be read) */
bool report_needs(const struct pidkill_opts *opts, enum column col);

/* Whether a table will be printed at all */
bool report_has_table(const struct pidkill_opts *opts);

/*
 * Print what happened (messages on stderr for targets not signaled, -e
 * lines, -c count, the table) and return the exit status.
 */
int report_outcomes(const struct pidkill_opts *opts,
		    const struct target_list *list);

/* -l, -l SIG and --table; returns the exit status */
int report_signals(const struct pidkill_opts *opts);

/* "2026-11-28 01:02:03": when a process started, from its start ticks */
void format_start(unsigned long long ticks, char *buf, size_t size);

/* The user name for uid, or the number */
void format_user(uid_t uid, char *buf, size_t size);

#endif /* PIDKILL_REPORT_H */
