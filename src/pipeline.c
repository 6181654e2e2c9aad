/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pipeline.c - batches of targets through pin, verify, leaders, gate and
 * delivery, for every step of the schedule.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "act.h"
#include "fail.h"
#include "fdlimit.h"
#include "interrupt.h"
#include "pidfd.h"
#include "pipeline.h"
#include "prompt.h"
#include "status.h"
#include "tree.h"

/* A run of the pipeline */
struct run {
	const struct pidkill_opts *opts;
	struct selector *sel;
	struct target_list *list;
	struct leader_set leaders;
	struct actor act;
	struct fail *fail;
	size_t batch;			/* targets pinned at once */
	bool all_fit;			/* every target stays pinned */
	FILE *tty;			/* -I */
	bool asking;			/* -I: not answered "all" yet */
	bool quit;			/* -I: answered "quit" */
	bool shows_exit;		/* exit statuses are shown */
	struct tree tree;		/* --tree */
};

/* The end of the batch that starts at from: aliases stay with their run */
static size_t
batch_end(const struct run *r, size_t from)
{
	size_t n = r->list->n, to = from + r->batch < n ? from + r->batch : n;

	while (to < n && r->list->v[to].alias)
		to++;
	return to;
}

/* --scope=pgroup: find, pin and verify the leader of each target's group */
static int
stage_leaders(struct run *r, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		struct target *t = &r->list->v[i];
		size_t k;

		if (!target_in_play(t) || t->fd < 0 || target_cold(t)->pgrp <= 0)
			continue;
		k = leader_for(&r->leaders, target_cold(t)->pgrp);
		target_more(t)->leader = (unsigned)k + 1;
		if (pin_leader(&r->leaders.v[k], r->fail) < 0)
			return -1;
	}
	return select_verify_leaders(r->sel, &r->leaders);
}

/* Pin, verify, and pin and verify the group leaders: 0 or -1 */
static int
stage_pin_verify(struct run *r, size_t from, size_t to)
{
	const struct pidkill_opts *o = r->opts;

	if (pin_targets(r->list, from, to, o->scope == SCOPE_THREAD,
			r->fail) < 0)
		return -1;
	/* a /proc directory fd cannot be waited for */
	if (o->wait && pidfd_open_missing())
		return fail_set(r->fail, STATUS_ERROR, "waiting needs "
				"pidfd_open (Linux 5.3 or later); nothing was "
				"sent");
	/* nor pinned again as the same process, which a tree needs */
	if (o->tree && pidfd_open_missing())
		return fail_set(r->fail, STATUS_ERROR, "--tree needs "
				"pidfd_open (Linux 5.3 or later); nothing was "
				"sent");
	if (select_verify(r->sel, r->list, from, to) < 0)
		return -1;
	if (o->scope == SCOPE_PGROUP && stage_leaders(r, from, to) < 0)
		return -1;
	return 0;
}

/* Close the fds of [from, to) and of the leaders, unless all fit */
static void
stage_release(struct run *r, size_t from, size_t to)
{
	select_name_failures(r->sel, r->list, from, to);
	if (r->all_fit)
		return;
	unpin_targets(r->list, from, to);
	unpin_leaders(&r->leaders);
}

/*
 * -I: ask about each pending target of [from, to), pinned and verified;
 * those declined (or left when the user quits) are excluded.  A word
 * naming the same process as the one before shares its answer.
 */
static void
stage_confirm(struct run *r, size_t from, size_t to, int signo)
{
	size_t i;

	for (i = from; i < to && r->asking; i++) {
		struct target *t = &r->list->v[i];
		const struct target *prev = i > 0 ? &r->list->v[i - 1] : NULL;

		if (t->outcome != OUTCOME_PENDING)
			continue;
		if (r->quit) {
			t->outcome = OUTCOME_EXCLUDED;
			target_more(t)->detail = "not asked: quit";
			continue;
		}
		if (t->alias && prev && prev->outcome == OUTCOME_EXCLUDED) {
			t->outcome = OUTCOME_EXCLUDED;
			target_more(t)->detail = target_cold(prev)->detail;
			continue;
		}
		if (t->alias && prev && prev->outcome == OUTCOME_PENDING)
			continue;
		switch (prompt_target(r->tty, t, signo,
				      select_boot_time(r->sel))) {
		case ANSWER_YES:
			break;
		case ANSWER_ALL:
			r->asking = false;
			break;
		case ANSWER_QUIT:
			/* this one was asked, and not confirmed: declined;
			   the rest are not asked */
			r->quit = true;
			/* fall through */
		case ANSWER_NO:
			t->outcome = OUTCOME_EXCLUDED;
			target_more(t)->detail = "declined";
			break;
		}
	}
}

/* Whether any selected target may still be signaled or waited for */
static bool
any_in_play(const struct run *r)
{
	size_t i;

	for (i = 0; i < r->list->n; i++)
		if (target_in_play(&r->list->v[i]))
			return true;
	return false;
}

/*
 * --dry-run: what the real run would not send is not shown as matched:
 * what the gate refuses, a group without a leader to signal it through,
 * and what the kernel would not permit (a signal 0 probe sends nothing).
 */
static void
stage_preview(struct run *r, size_t from, size_t to)
{
	int signo = schedule_first_signal(&r->opts->schedule);
	bool pgroup = r->opts->scope == SCOPE_PGROUP;
	size_t i;

	for (i = from; i < to; i++) {
		struct target *t = &r->list->v[i];
		unsigned k = target_cold(t)->leader;
		struct leader *l = k ? &r->leaders.v[k - 1] : NULL;
		const char *why;

		if (t->outcome != OUTCOME_PENDING || t->fd < 0)
			continue;
		if (pgroup && (!l || l->state != OUTCOME_PENDING || l->fd < 0)) {
			t->outcome = OUTCOME_FAILED;
			target_more(t)->detail = "its process group has no "
						 "leader to signal through";
		} else if ((why = gate_refusal(&r->act.gate, t, l, signo))) {
			t->outcome = OUTCOME_REFUSED;
			target_more(t)->detail = why;
		} else if (pidfd_probe(pgroup ? l->fd : t->fd) == EPERM) {
			t->outcome = OUTCOME_PERMISSION;
		}
	}
}

/*
 * The first pass, for -n, -o and --dry-run, which must see every target
 * verified before choosing (narrow); it sends nothing.  With preview, each
 * is judged as the real run would (--dry-run; with --tree, once the trees
 * are walked, so that an ancestor is walked through, as the real run does).
 */
static int
verify_all(struct run *r, bool narrow, bool preview)
{
	size_t from, to;

	for (from = 0; from < r->list->n; from = to) {
		to = batch_end(r, from);
		if (stage_pin_verify(r, from, to) < 0)
			return -1;
		if (preview)
			stage_preview(r, from, to);
		stage_release(r, from, to);
	}
	if (narrow)
		narrow_targets(r->opts, r->list);
	return 0;
}

/* --tree: walk with the batch plan of the run, which the walk may
   change (more members than fds) */
static int
walk_trees(struct run *r, bool hold)
{
	int rc;

	r->tree.room = r->batch;
	r->tree.all_fit = r->all_fit;
	rc = tree_walk(&r->tree, hold);
	r->batch = r->tree.room;
	r->all_fit = r->tree.all_fit;
	return rc;
}

/* --dry-run with --tree: the trees as they are, a snapshot, each member
   judged as the first pass judges a target */
static int
preview_trees(struct run *r)
{
	r->act.step++;
	if (walk_trees(r, false) < 0)
		return -1;
	return verify_all(r, false, true);
}

/*
 * --tree, a signal step: walk the trees, held stopped (not for signal
 * 0, which sends nothing), ask with -I, deliver to every member batch by
 * batch, and only then continue what was held.  A failure or an
 * interruption while the trees are held continues every member held
 * first; an interruption then ends pidkill by its signal.  0 or -1.
 */
static int
run_tree_step(struct run *r, int signo, bool first_signal)
{
	bool hold = signo != 0;
	size_t from, to;
	int rc;

	if (hold && interrupt_hold() < 0)
		return fail_set(r->fail, STATUS_ERROR, "cannot hold INT, TERM "
				"and HUP back while the tree is stopped: %s; "
				"nothing was sent", strerror(errno));
	if (hold)
		warn_defer();
	rc = walk_trees(r, hold);
	if (rc == 0 && r->tty && first_signal) {
		rc = tree_confirm(&r->tree, r->tty, signo,
				  select_boot_time(r->sel));
		r->all_fit = r->tree.all_fit;
	}
	if (rc == 0 && interrupt_pending()) {
		r->tree.interrupted = true;
		rc = fail_set(r->fail, STATUS_ERROR, "interrupted");
	}
	/* a TSTP, TTIN or TTOU pending when the member is continued would
	   be discarded: each member is continued right before it */
	r->act.continue_held = signo == SIGTSTP || signo == SIGTTIN ||
			       signo == SIGTTOU;
	for (from = 0; rc == 0 && from < r->list->n; from = to) {
		to = batch_end(r, from);
		if (stage_pin_verify(r, from, to) < 0 ||
		    deliver_batch(&r->act, from, to, signo) < 0)
			rc = -1;
		else
			stage_release(r, from, to);
	}
	r->act.continue_held = false;
	tree_resume(&r->tree, rc == 0 ? signo : 0);
	/* a signal held back ends pidkill here, every member continued */
	if (hold) {
		warn_flush();
		interrupt_release();
	}
	return rc;
}

/*
 * The wait that follows a signal step, when statuses are shown and not
 * every target stays pinned: the kernel tells how a process ended only
 * through a pidfd held when it is reaped, so each batch is watched
 * before it is released: until its targets have exited, or HARVEST_IDLE
 * ms pass without an exit after the first.  All the batches of the step together watch
 * HARVEST_MS at most (less when the wait that follows is shorter).
 * Returns the end of that, or NO_HARVEST.
 */
#define HARVEST_MS 1000
#define HARVEST_IDLE 100
#define NO_HARVEST (-2)
#define REAP_MS 1000

static long long
harvest_deadline(const struct run *r, size_t pos)
{
	const struct schedule *s = &r->opts->schedule;
	long long wait;

	if (r->all_fit || !r->shows_exit || pos + 1 >= s->n ||
	    s->v[pos].kind != STEP_SIGNAL || s->v[pos + 1].kind != STEP_WAIT)
		return NO_HARVEST;
	wait = s->v[pos + 1].value;
	return now_ms() + (wait >= 0 && wait < HARVEST_MS ? wait : HARVEST_MS);
}

/* One step of the schedule, batch by batch: 0 or -1 */
static int
run_step(struct run *r, size_t pos, bool first_signal)
{
	const struct step *st = &r->opts->schedule.v[pos];
	long long until = st->kind == STEP_WAIT && st->value >= 0
		? now_ms() + st->value : -1;
	long long harvest = harvest_deadline(r, pos);
	/* a moment for slow parents to reap, shared by the batches */
	long long reaped = 0;
	size_t from, to;

	bool tree_signal = r->opts->tree && st->kind == STEP_SIGNAL;

	r->act.step++;
	if (tree_signal) {
		if (run_tree_step(r, (int)st->value, first_signal) < 0)
			return -1;
		/* the pins given up for lack of fds: watched again now */
		if (harvest == NO_HARVEST)
			return 0;
		until = harvest;
	}
	for (from = 0; from < r->list->n; from = to) {
		to = batch_end(r, from);
		if (stage_pin_verify(r, from, to) < 0)
			return -1;
		if (st->kind == STEP_SIGNAL && !tree_signal) {
			if (r->tty && first_signal)
				stage_confirm(r, from, to, (int)st->value);
			if (deliver_batch(&r->act, from, to, (int)st->value) < 0)
				return -1;
			until = harvest;
		}
		if ((st->kind == STEP_WAIT || until != NO_HARVEST) &&
		    wait_batch(&r->act, from, to, until,
			       st->kind == STEP_WAIT ? -1 : HARVEST_IDLE) < 0)
			return -1;
		if (r->shows_exit && !reaped)
			reaped = now_ms() + REAP_MS;
		if (r->shows_exit)
			collect_exit_statuses(&r->act, from, to, reaped);
		stage_release(r, from, to);
	}
	return 0;
}

static int
run_schedule(struct run *r)
{
	const struct schedule *s = &r->opts->schedule;
	bool first_signal = true;
	size_t pos = 0, i;

	while (pos < s->n && any_in_play(r)) {
		if (s->v[pos].kind == STEP_GOTO) {
			pos = (size_t)s->v[pos].value;
			continue;
		}
		if (run_step(r, pos, first_signal) < 0)
			return -1;
		first_signal &= s->v[pos].kind != STEP_SIGNAL;
		pos++;
	}
	if (!r->opts->wait)
		return 0;
	for (i = 0; i < r->list->n; i++)
		if (target_in_play(&r->list->v[i]))
			r->list->v[i].outcome = OUTCOME_SURVIVED;
	return 0;
}

int
run_pipeline(const struct pidkill_opts *opts, struct selector *sel,
	     struct target_list *list, FILE *tty, struct fail *fail)
{
	struct run r = {
		.opts = opts, .sel = sel, .list = list, .fail = fail,
		.tty = tty, .asking = true,
		.shows_exit = opts->verbose || shows_column(opts, COL_EXIT),
	};
	bool first_pass = opts->dry_run || opts->newest || opts->oldest ||
			  opts->schedule.v[0].kind != STEP_SIGNAL;
	size_t i, held = 0;
	int rc;

	for (i = 0; i < list->n; i++)
		held += list->v[i].fd >= 0;
	r.batch = fd_budget(list->n, held, fail);
	if (r.batch == 0)
		return -1;
	r.all_fit = list->n <= r.batch;
	/* -I: nothing is sent while questions remain, so every target must
	   stay pinned from its question to the signal */
	if (tty && !r.all_fit)
		return fail_set(fail, STATUS_ERROR, "too many targets to keep "
				"pinned while asking (%zu, room for %zu); "
				"narrow the selection; nothing was sent",
				list->n, r.batch);
	/* a scan's pins would crowd the batches: they are read again */
	if (!r.all_fit && held)
		unpin_targets(list, 0, list->n);
	if (opts->scope == SCOPE_PGROUP && !r.all_fit && r.batch > 1)
		r.batch /= 2;	/* room for the group leaders */
	/* a tree's walk holds a signalfd, and reads /proc two fds deep */
	if (opts->tree && r.batch > 4) {
		r.batch -= 2;
		r.all_fit = list->n <= r.batch;
	}
	r.act = (struct actor){
		.opts = opts, .list = list, .leaders = &r.leaders,
		.fail = fail,
		.gate = {
			.self = getpid(), .self_pgrp = getpgrp(),
			.include_ancestors = opts->include_ancestors,
			.scope = opts->scope,
		},
	};
	r.act.gate.anc_pgrps = select_ancestor_groups(sel, &r.act.gate.nanc);
	r.act.gate.anc = select_ancestors(sel, &r.act.gate.nanc_ids);
	r.act.gate.tree = opts->tree;
	r.tree = (struct tree){
		.opts = opts, .sel = sel, .list = list, .act = &r.act,
		.fail = fail,
	};
	rc = first_pass ? verify_all(&r, true, opts->dry_run && !opts->tree)
			: 0;
	if (rc == 0 && opts->dry_run && opts->tree)
		rc = preview_trees(&r);
	if (rc == 0 && !opts->dry_run)
		rc = run_schedule(&r);
	if (opts->tree)
		tree_order(list);
	tree_free(&r.tree);
	leader_set_free(&r.leaders);
	return rc;
}
