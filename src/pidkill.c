/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pidkill - signal processes without ever signaling the wrong one.
 *
 * Targets are selected, pinned with pidfds, verified to still be what was
 * selected, and only then signaled through pidfd_send_signal(2).
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fail.h"
#include "options.h"
#include "pipeline.h"
#include "prompt.h"
#include "report.h"
#include "select.h"
#include "status.h"
#include "target.h"

/* A write error on stdout (a full disk, a closed pipe) is an error */
static void
close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		if (errno != EPIPE)
			warn("write error");
		_exit(STATUS_ERROR);
	}
}

/* Whether anything was sent: then a fatal error still reports it */
static bool
anything_sent(const struct target_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		if (list->v[i].signaled)
			return true;
	return false;
}

int
main(int argc, char **argv)
{
	struct pidkill_opts opts;
	struct target_list targets = { 0 };
	struct selector *sel = NULL;
	struct fail fail = { 0 };
	FILE *tty = NULL;
	const char *long_pattern;
	time_t booted = 0;
	int status = STATUS_ERROR;

	atexit(close_stdout);
	/* names are shown as the user's locale can (valid UTF-8 as is);
	   patterns still match bytes (match.c) */
	setlocale(LC_ALL, "");

	/* parse */
	parse_options(argc, argv, &opts);
	if (opts.list_signals || opts.table) {
		status = report_signals(&opts);
		free_options(&opts);
		return status;
	}
	if (opts.interactive && !(tty = prompt_open()))
		usage_exit("--interactive needs a terminal (/dev/tty)");

	/* retrieve: named targets first, then a scan if patterns or filters */
	if (!(sel = selector_new(&opts, &fail)) ||
	    select_targets(sel, &targets) < 0)
		goto out;

	/* pin, verify what the pinned processes are now, and act */
	run_pipeline(&opts, sel, &targets, tty, &fail);

	/* report: what was sent is reported even after a fatal error */
	if (!failed(&fail) || anything_sent(&targets)) {
		if (opts.show_table && shows_column(&opts, COL_START))
			booted = select_boot_time(sel);
		status = report_outcomes(&opts, &targets, booted);
	}
	if (!failed(&fail) && status == STATUS_NOMATCH && !opts.quiet &&
	    selector_long_pattern_unmatched(sel, &long_pattern))
		warn_escaped("pattern '%s' is longer than 15 characters, the "
			     "most a process name holds; try -f to match the "
			     "command line", long_pattern);
out:
	if (failed(&fail)) {
		warnx("%s", fail.msg);
		status = fail.status;
	}
	if (tty)
		fclose(tty);
	unpin_targets(&targets, 0, targets.n);
	target_list_free(&targets);
	selector_free(sel);
	free_options(&opts);
	return status;
}
