/*
 * pidkill - signal processes without ever signaling the wrong one.
 *
 * Targets are selected, pinned with pidfds, verified to still be what was
 * selected, and only then signaled through pidfd_send_signal(2).
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "act.h"
#include "options.h"
#include "pidfd.h"
#include "pidfile.h"
#include "prompt.h"
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

/*
 * Pin and verify the targets batch by batch, as many as fds allow, and
 * deliver the first signal to each batch while it is pinned and freshly
 * verified (unless -n/-o must first see every target).  Returns the step
 * of the schedule to go on from.
 */
static size_t
pin_verify_deliver(struct actor *a)
{
	const struct pidkill_opts *o = a->opts;
	bool deliver_now = !o->dry_run && !o->newest && !o->oldest &&
			   !o->interactive && o->schedule.v[0].kind == STEP_SIGNAL;
	size_t from, n = a->nselected;

	for (from = 0; from < n; from += a->batch) {
		size_t to = from + a->batch < n ? from + a->batch : n;

		pin_targets(a->list, from, to, o->scope == SCOPE_THREAD);
		if (o->wait && pidfd_open_missing())
			errx(STATUS_ERROR, "waiting needs pidfd_open (Linux 5.3 "
			     "or later); nothing was sent");
		select_verify(a->sel, a->list, from, to);
		check_pidfile_locks(o, a->list, from, to);
		if (o->scope == SCOPE_PGROUP)
			pin_group_leaders(a, from, to);
		if (deliver_now)
			signal_targets(a, from, to, (int)o->schedule.v[0].value);
		select_name_failures(a->sel, a->list, from, to);
		release_batch(a, from, to);
	}
	return deliver_now ? 1 : 0;
}

int
main(int argc, char **argv)
{
	struct pidkill_opts opts;
	struct target_list targets = { 0 };
	struct selector *sel;
	struct actor a;
	FILE *tty = NULL;
	const char *long_pattern;
	size_t first;
	int status;

	atexit(close_stdout);

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
	sel = selector_new(&opts);
	targets_from_words(&opts, &targets);
	targets_from_pidfiles(&opts, &targets);
	select_note_starts(sel, &targets);
	if (selector_needs_scan(sel))
		select_scan(sel, &targets, pin_budget(SIZE_MAX / 4));
	target_list_dedupe(&targets);

	/* pin, verify what the pinned processes are now, and act */
	a.opts = &opts;
	a.sel = sel;
	a.list = &targets;
	a.nselected = targets.n;
	a.batch = pin_budget(targets.n);
	a.all_fit = targets.n <= a.batch;
	if (opts.scope == SCOPE_PGROUP && !a.all_fit && a.batch > 1)
		a.batch /= 2;	/* room for the group leaders */
	first = pin_verify_deliver(&a);
	narrow_targets(&opts, &targets);
	if (tty) {
		if (!a.all_fit)
			errx(STATUS_ERROR, "too many targets to keep pinned "
			     "while asking; narrow the selection");
		confirm_targets(&a, tty);
		fclose(tty);
	}
	if (!opts.dry_run)
		run_schedule(&a, first);

	/* report */
	status = report_outcomes(&opts, &targets);
	if (status == STATUS_NOMATCH && !opts.quiet &&
	    selector_long_pattern_unmatched(sel, &long_pattern))
		warnx("pattern '%s' is longer than 15 characters, the most a "
		      "process name holds; try -f to match the command line",
		      long_pattern);

	unpin_targets(&targets, 0, targets.n);
	target_list_free(&targets);
	selector_free(sel);
	free_options(&opts);
	return status;
}
