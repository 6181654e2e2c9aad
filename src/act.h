/*
 * act.h - delivering signals through pinned handles, and waiting.
 */
#ifndef PIDKILL_ACT_H
#define PIDKILL_ACT_H

#include <stdio.h>

#include "options.h"
#include "select.h"
#include "target.h"

/* How act_* see the run: the list, and how many fds it may hold */
struct actor {
	const struct pidkill_opts *opts;
	struct selector *sel;
	struct target_list *list;
	size_t nselected;	/* targets [0, nselected) were selected;
				   group leaders follow */
	size_t batch;		/* targets pinned at once */
	bool all_fit;		/* every target stays pinned throughout */
};

/*
 * How many targets can be pinned at once: the soft RLIMIT_NOFILE, raised
 * to the hard limit, less the descriptors open now and those pidkill
 * needs for itself.  The open ones are counted only when want targets
 * might not fit otherwise.
 */
size_t pin_budget(size_t want);

/*
 * Keep only the newest (-n) or oldest (-o) of the pending targets;
 * the others are marked excluded.
 */
void narrow_targets(const struct pidkill_opts *opts, struct target_list *list);

/*
 * --scope=pgroup: pin and verify the leader of each pending target's
 * process group in [from, to), appending leaders to the list once each.
 * A member whose group has no leader to signal through is reported.
 */
void pin_group_leaders(struct actor *a, size_t from, size_t to);

/*
 * Deliver signo to the pending and signaled targets in [from, to),
 * through their pidfds (a group through its leader's), with the -q
 * payload if any; then, for SIGKILL with -m, process_mrelease(2).
 * A kernel that cannot send through pidfds is a fatal error: nothing is
 * ever sent by PID.
 */
void signal_targets(struct actor *a, size_t from, size_t to, int signo);

/*
 * -I: ask about each pending target, pinned and verified, on tty; those
 * declined (or left when the user quits) are marked excluded.
 */
void confirm_targets(struct actor *a, FILE *tty);

/* Close the fds of batch [from, to) and of its group leaders, unless
   every target stays pinned throughout */
void release_batch(struct actor *a, size_t from, size_t to);

/*
 * Run the schedule from step first: signals, waits with epoll on the
 * pidfds, loops.  Targets alive when it ends are marked survived.
 * Without room for every pidfd, each batch is pinned again, and checked
 * to be the same process, for each step.
 */
void run_schedule(struct actor *a, size_t first);

#endif /* PIDKILL_ACT_H */
