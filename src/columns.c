/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * columns.c - column names for --output, shared by the option parser
 * (which resolves them) and the report (which prints them).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "columns.h"

static const struct {
	const char *name;
	const char *help;
} columns[NCOLUMNS] = {
	[COL_PID] = { "PID", "process ID" },
	[COL_TID] = { "TID", "thread ID (the PID for a whole process)" },
	[COL_PPID] = { "PPID", "parent process ID (with --tree: the member "
			       "that listed it)" },
	[COL_DEPTH] = { "DEPTH", "0 for a selected target; with --tree, how "
				 "far below it a member is" },
	[COL_ID] = { "ID", "pidfs inode number (empty without pidfs)" },
	[COL_TOKEN] = { "TOKEN",
			"identity token to use later: PID:ID, or PID@START" },
	[COL_START] = { "START", "when the process started" },
	[COL_COMM] = { "COMM", "process name" },
	[COL_USER] = { "USER", "effective user" },
	[COL_UID] = { "UID", "effective user ID" },
	[COL_STATE] = { "STATE", "run state (R, S, D, T, Z...)" },
	[COL_CMDLINE] = { "CMDLINE", "command line" },
	[COL_SIGNAL] = { "SIGNAL",
			 "the last signal sent (with --dry-run: to be sent)" },
	[COL_RESULT] = { "RESULT",
			 "what happened: signaled, gone, exited, survived..." },
	[COL_EXIT] = { "EXIT", "exit status, or the signal that ended it" },
};

const char *
column_name(enum column col)
{
	return columns[col].name;
}

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

size_t
default_columns(bool dry_run, bool wait, bool tree, int *out)
{
	size_t n = 0;

	out[n++] = COL_PID;
	if (tree) {
		out[n++] = COL_PPID;
		out[n++] = COL_DEPTH;
	}
	out[n++] = COL_TOKEN;
	out[n++] = COL_COMM;
	if (dry_run)
		return n;
	out[n++] = COL_SIGNAL;
	out[n++] = COL_RESULT;
	if (wait)
		out[n++] = COL_EXIT;
	return n;
}
