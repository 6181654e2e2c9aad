/*
 * pidkill - signal processes without ever signaling the wrong one.
 *
 * Targets are selected, pinned with pidfds, verified to still be what was
 * selected, and only then signaled through pidfd_send_signal(2).
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "act.h"
#include "options.h"
#include "pidfile.h"
#include "report.h"
#include "select.h"
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

/* Each target holds an fd: take every descriptor the hard limit allows */
static void
raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

int
main(int argc, char **argv)
{
	struct pidkill_opts opts;
	struct target_list targets = { 0 };
	struct selector *sel;
	const char *long_pattern;
	int status;

	atexit(close_stdout);

	/* parse */
	parse_options(argc, argv, &opts);
	if (opts.list_signals || opts.table) {
		status = report_signals(&opts);
		free_options(&opts);
		return status;
	}

	/* retrieve: named targets first, then a scan if patterns or filters */
	raise_fd_limit();
	sel = selector_new(&opts);
	targets_from_words(&opts, &targets);
	targets_from_pidfiles(&opts, &targets);
	select_note_starts(sel, &targets);
	if (selector_needs_scan(sel))
		select_scan(sel, &targets);
	target_list_dedupe(&targets);

	/* pin, then verify what the pinned processes are now */
	pin_targets(&targets);
	select_verify(sel, &targets);
	check_pidfile_locks(&opts, &targets);
	narrow_targets(&opts, &targets);

	/* act */
	if (!opts.dry_run)
		deliver_signals(&opts, &targets);

	/* report */
	status = report_outcomes(&opts, &targets);
	if (status == STATUS_NOMATCH && !opts.quiet &&
	    selector_long_pattern_unmatched(sel, &long_pattern))
		warnx("pattern '%s' is longer than 15 characters, the most a "
		      "process name holds; try -f to match the command line",
		      long_pattern);

	unpin_targets(&targets);
	target_list_free(&targets);
	selector_free(sel);
	free_options(&opts);
	return status;
}
