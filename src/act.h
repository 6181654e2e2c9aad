/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * act.h - the gate, delivery through pinned handles, and waiting.
 *
 * Every signal pidkill sends passes gate_refusal() and leaves through
 * the one call of pidfd_send_signal(2) in act.c, on a target pinned and
 * verified in the current batch.
 */
#ifndef PIDKILL_ACT_H
#define PIDKILL_ACT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "options.h"
#include "target.h"

struct fail;

/* What the gate protects: pidkill, its ancestors and their process
   groups */
struct gate {
	pid_t self;			/* pidkill's PID */
	pid_t self_pgrp;		/* and its process group */
	const pid_t *anc_pgrps;		/* its ancestors' process groups */
	size_t nanc;
	const struct proc_id *anc;	/* its ancestors themselves */
	size_t nanc_ids;
	bool include_ancestors;		/* their groups may be signaled */
	bool tree;			/* --tree: no ancestor is a member */
	enum scope scope;
};

/*
 * The one gate (DESIGN §2): whether signo may be sent to target t,
 * pinned and verified, through leader l for the process-group scope (l
 * NULL: to t alone).  Returns NULL when it may, else why not: never
 * pidkill itself or one of its threads; with --tree, never one of its
 * ancestors; never a process group holding pidkill, or one of its
 * ancestors unless --include-ancestors; never a signal glibc reserves.
 */
const char *gate_refusal(const struct gate *g, const struct target *t,
			 const struct leader *l, int signo);

/* How act_* see the run */
struct actor {
	const struct pidkill_opts *opts;
	struct target_list *list;
	struct leader_set *leaders;	/* --scope=pgroup */
	struct gate gate;
	struct fail *fail;
	unsigned step;			/* 1 + the number of the step */
	bool continue_held;		/* continue a held target just before
					   the signal (--tree: SIGCONT
					   discards a pending TSTP, TTIN or
					   TTOU) */
};

/*
 * Deliver signo to the targets in [from, to) that are in play, each
 * process once (aliases share it) and each process group once per step,
 * through the gate and their pidfds (a group through its leader's), with
 * the -q payload if any; then, for SIGKILL with -m, process_mrelease(2).
 * Returns 0, or -1 with the failure recorded when the kernel cannot send
 * through pidfds at all (nothing is ever sent by PID).
 */
int deliver_batch(struct actor *a, size_t from, size_t to, int signo);

/*
 * --tree: stop (SIGSTOP) or continue (SIGCONT) target t, pinned and
 * verified, through the gate and its pidfd, without a payload: what
 * holds a tree still while it is walked, not the signal of the run, so
 * nothing about t is noted.  Returns SIGNALED, or REFUSED with *why set,
 * or what the failure means (GONE: reaped; errno kept).
 */
enum target_outcome act_hold(struct actor *a, const struct target *t,
			     int signo, const char **why);

/*
 * Wait until every target in [from, to) still in play has exited, or
 * until deadline (CLOCK_MONOTONIC ms; -1 for none), or, with idle >= 0,
 * until idle ms pass without an exit after one; noting how each ended where the
 * kernel can tell.  One that exits before any signal reached it is gone.
 * Returns 0, or -1 with the failure recorded.
 */
int wait_batch(struct actor *a, size_t from, size_t to, long long deadline,
	       int idle);

/*
 * Exit statuses come from PIDFD_GET_INFO once the parent has reaped a
 * target: give slow parents a moment, for targets in [from, to) seen to
 * exit and still pinned, as long as they keep reaping, and not past
 * until (CLOCK_MONOTONIC ms).
 */
void collect_exit_statuses(struct actor *a, size_t from, size_t to,
			   long long until);

/* Milliseconds on CLOCK_MONOTONIC */
long long now_ms(void);

/*
 * Keep only the newest (-n) or oldest (-o) of the pending targets, by
 * start time, then pidfs id, then PID; the others are marked excluded.
 */
void narrow_targets(const struct pidkill_opts *opts, struct target_list *list);

#endif /* PIDKILL_ACT_H */
