/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * columns.h - the columns of --output: names, help, and the default set.
 */
#ifndef PIDKILL_COLUMNS_H
#define PIDKILL_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

enum column {
	COL_PID, COL_TID, COL_PPID, COL_DEPTH, COL_ID, COL_TOKEN, COL_START,
	COL_COMM, COL_USER, COL_UID, COL_STATE, COL_CMDLINE, COL_SIGNAL,
	COL_RESULT, COL_EXIT,
	NCOLUMNS
};

/* The name of a column as --output takes it and tables head it */
const char *column_name(enum column col);

/* A column by name, any case; -1 if there is none */
int column_by_name(const char *name);

/*
 * Parse "PID,TOKEN,..." into at most max column numbers.  Returns how
 * many; -1 with the unknown or empty item copied into bad; -2 when the
 * list holds more than max.
 */
int parse_column_list(const char *list, int *cols, size_t max, char *bad,
		      size_t badsize);

/* "  NAME  description" lines for --help, allocated; NULL without memory */
char *columns_help(void);

/* The columns a table has when --output names none (with --tree, the
   parent and the depth too); returns how many */
size_t default_columns(bool dry_run, bool wait, bool tree, int *out);

#endif /* PIDKILL_COLUMNS_H */
