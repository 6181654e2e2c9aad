/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tree.c - collecting, holding and releasing process trees (--tree).
 *
 * The walk goes down a level at a time.  Each member of a level is
 * pinned and verified, stopped through the gate and seen stopped in
 * /proc (every thread in a stop: nothing of it runs, so nothing forks),
 * and only then are its children read.  A child named there is only a
 * candidate: it is pinned, read, and admitted if the reading names the
 * listing member as its parent while that member's pidfd shows it not
 * reaped after the reading (so that PID was still that member's).  A
 * member that had exited when its children were read had them
 * reparented already: they are not guessed at.
 *
 * More members than file descriptors: a member's pin is given up once
 * its children are admitted; it is pinned again, as the same process
 * (its pidfs id), whenever it is needed: to verify a child's parent, to
 * deliver, to continue it.  Stopped, it cannot fork meanwhile.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "act.h"
#include "fail.h"
#include "fdlimit.h"
#include "interrupt.h"
#include "pidfd.h"
#include "proctree.h"
#include "prompt.h"
#include "status.h"
#include "tree.h"
#include "xalloc.h"

/* How long a member may take to be seen stopped (ms) */
#define STOP_WAIT_MS 3000

/* PID to target index, open addressing; index + 1, 0 for free */
struct pid_slot {
	pid_t pid;
	size_t index;
};

static size_t
map_hash(pid_t pid, size_t size)
{
	return ((size_t)pid * 2654435761u) & (size - 1);
}

static void
map_put(struct tree *tr, pid_t pid, size_t index)
{
	size_t k;

	for (k = map_hash(pid, tr->map_size); tr->map[k].index;
	     k = (k + 1) & (tr->map_size - 1))
		if (tr->map[k].pid == pid)
			break;
	tr->map[k].pid = pid;
	tr->map[k].index = index + 1;
}

/* The target noted for pid, or SIZE_MAX */
static size_t
map_get(const struct tree *tr, pid_t pid)
{
	size_t k;

	for (k = map_hash(pid, tr->map_size); tr->map[k].index;
	     k = (k + 1) & (tr->map_size - 1))
		if (tr->map[k].pid == pid)
			return tr->map[k].index - 1;
	return SIZE_MAX;
}

/* Whether t is in a tree: a selected target, or a member admitted (not
   a process that turned out not to be a child) */
static bool
is_member(const struct target *t)
{
	return t->origin != ORIGIN_TREE || target_cold(t)->admitted;
}

/* Room in the map for the list and as many again */
static void
map_build(struct tree *tr)
{
	size_t i, size = 1024;

	while (size < 4 * tr->list->n + 64)
		size *= 2;
	free(tr->map);
	tr->map = xcalloc(size, sizeof(*tr->map));
	tr->map_size = size;
	/* a member stands for its PID before what turned out not to be */
	for (i = 0; i < tr->list->n; i++)
		if (tr->list->v[i].pid > 0 &&
		    (is_member(&tr->list->v[i]) ||
		     map_get(tr, tr->list->v[i].pid) == SIZE_MAX))
			map_put(tr, tr->list->v[i].pid, i);
}

static void
map_grow(struct tree *tr)
{
	if (2 * tr->list->n + 64 > tr->map_size)
		map_build(tr);
}

/* The first of the words naming the process word i names */
static size_t
run_head(const struct target_list *list, size_t i)
{
	while (i > 0 && list->v[i].alias)
		i--;
	return i;
}

/* Whether a and b are known to be one process */
static bool
same_process(const struct target *a, const struct target *b)
{
	if (a->pid != b->pid)
		return false;
	if (a->id && b->id)
		return a->id == b->id;
	return a->start_known && b->start_known && a->start == b->start;
}

/* Which of pidkill's ancestors (or their tracers) t is, as read when it
   started, or NULL */
static const struct proc_id *
is_ancestor(const struct tree *tr, const struct target *t)
{
	const struct proc_id *anc;
	size_t i, n;

	anc = select_ancestors(tr->sel, &n);
	for (i = 0; i < n; i++)
		if (anc[i].pid == t->pid && t->start_known &&
		    anc[i].start == t->start)
			return &anc[i];
	return NULL;
}

/*
 * Whether t is pidkill itself, shown to be the process named or listed
 * (not one refused for a wrong token, or by a filter)
 */
static bool
is_self(const struct tree *tr, const struct target *t)
{
	return t->pid == tr->act->gate.self && target_is_self(t);
}

/*
 * Whether t stands for its process in a tree: a member admitted, or a
 * word that selected it (in play, walked through, or walked at a step
 * before).  A word that names another process (a wrong token), or that
 * the process does not pass (filters, -n, -o, -H, -L), selects nothing:
 * the process is then what it is for any other, a member of the tree it
 * descends in.
 */
static bool
stands_for(const struct tree *tr, const struct target *t)
{
	if (t->origin == ORIGIN_TREE)
		return target_cold(t)->admitted;
	return target_in_play(t) || target_cold(t)->through ||
	       target_cold(t)->walked || is_self(tr, t);
}

/* The target that stands for pid (of the words naming it, the first that
   does), or SIZE_MAX */
static size_t
standing(const struct tree *tr, pid_t pid)
{
	const struct target *v = tr->list->v;
	size_t k = map_get(tr, pid);

	if (k == SIZE_MAX || stands_for(tr, &v[k]))
		return k;
	if (v[k].origin == ORIGIN_TREE)
		return SIZE_MAX;
	/* the words for one process are a run: its head, then aliases */
	k = run_head(tr->list, k);
	do {
		if (stands_for(tr, &v[k]))
			return k;
		k++;
	} while (k < tr->list->n && v[k].alias);
	return SIZE_MAX;
}

/*
 * Mark t walked through (its children are members, it is not) if it is
 * pidkill itself or, when ancestor says it may be, one of its ancestors:
 * so a tree above them reaches every other descendant, never them.
 */
static void
walk_through(const struct tree *tr, struct target *t, bool ancestor)
{
	const struct proc_id *a;

	if (is_self(tr, t)) {
		target_more(t)->through = true;
		return;
	}
	if (!ancestor || !(a = is_ancestor(tr, t)))
		return;
	t->outcome = OUTCOME_EXCLUDED;
	target_more(t)->detail = a->detail;
	target_more(t)->through = true;
}

/*
 * Whether target i is to be walked now: a process in play (or one walked
 * through), not walked at this step yet, and the first in play of the
 * words that name it.
 */
static bool
walkable(const struct tree *tr, size_t i)
{
	const struct target *v = tr->list->v, *t = &v[i];
	size_t k;

	if (t->pid <= 0 || target_cold(t)->walked == tr->act->step)
		return false;
	if (!target_in_play(t) && !target_cold(t)->through &&
	    !is_self(tr, t))
		return false;
	for (k = i; k > 0 && v[k].alias; k--)
		if (target_in_play(&v[k - 1]))
			return false;
	return true;
}

/*
 * Make room to pin k more targets: while the whole list fits (the limit
 * raised if it may be), every target stays pinned; past that, pins are
 * given up and taken again as needed, and chunks are half the room.
 */
static void
make_room(struct tree *tr, size_t k)
{
	size_t want = tr->list->n + k;

	if (!tr->all_fit || want <= tr->room)
		return;
	tr->room += fd_grow(want - tr->room + 1024);
	if (want <= tr->room)
		return;
	tr->all_fit = false;
	unpin_targets(tr->list, 0, tr->list->n);
}

static size_t
chunk_size(const struct tree *tr)
{
	return tr->room / 2 > 1 ? tr->room / 2 - 1 : 1;
}

/* The end of the chunk of [from, end) walked at once: aliases stay with
   their run */
static size_t
chunk_end(const struct tree *tr, size_t from, size_t end)
{
	size_t to = tr->all_fit || end - from <= chunk_size(tr)
		? end : from + chunk_size(tr);

	while (to < tr->list->n && tr->list->v[to].alias)
		to++;
	return to;
}

/* Pin and verify target i alone, if it is not pinned; 0 or -1 */
static int
pin_one_target(struct tree *tr, size_t i)
{
	if (tr->list->v[i].fd >= 0)
		return 0;
	if (pin_targets(tr->list, i, i + 1, false, tr->fail) < 0)
		return -1;
	return select_verify(tr->sel, tr->list, i, i + 1);
}

/* A stop or continue that did not go through, as it bears on t */
static void
note_not_held(struct target *t, enum target_outcome r, int errnum,
	      const char *why)
{
	if (r == OUTCOME_GONE) {
		t->outcome = t->signaled ? OUTCOME_EXITED : OUTCOME_GONE;
		return;
	}
	if (t->signaled)
		return;		/* still waited for, as a later signal */
	t->outcome = r;
	target_more(t)->errnum = r == OUTCOME_FAILED ? errnum : 0;
	if (why)
		target_more(t)->detail = why;
}

/* Sleep up to us microseconds; true if a held signal is pending */
static bool
pause_interrupted(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };
	struct pollfd p = { .fd = interrupt_fd(), .events = POLLIN };

	if (p.fd < 0) {
		nanosleep(&ts, NULL);
		return false;
	}
	return ppoll(&p, 1, &ts, NULL) > 0 || interrupt_pending();
}

/*
 * Send SIGSTOP to the members of idx (n of them) that are in play and
 * running, noting them held and waiting[i] set; one stopped already (by
 * another) is left as it is, and not continued later.  Returns 0, or -1
 * when the kernel cannot send at all.
 */
static int
send_stops(struct tree *tr, const size_t *idx, size_t n, bool *waiting)
{
	const char *why;
	size_t i;
	char c;

	for (i = 0; i < n; i++) {
		struct target *t = &tr->list->v[idx[i]];
		enum target_outcome r;

		if (!target_in_play(t) || target_cold(t)->through || t->fd < 0)
			continue;
		target_more(t)->was_stopped = false;
		switch (proc_threads_state(t->pid, &c)) {
		case PROC_STOPPED:
			target_more(t)->was_stopped = true;
			continue;
		case PROC_EXITED:
			continue;	/* its children were reparented */
		case PROC_RUNNING:
			break;
		}
		r = act_hold(tr->act, t, SIGSTOP, &why);
		if (failed(tr->fail))
			return -1;
		if (r != OUTCOME_SIGNALED) {
			note_not_held(t, r, errno, why);
			continue;
		}
		target_more(t)->held = true;
		waiting[i] = true;
	}
	return 0;
}

/* Say which of the members still waited for did not stop in time */
static void
say_not_stopped(const struct tree *tr, const size_t *idx, size_t n,
		const bool *waiting)
{
	size_t i;
	char c;

	for (i = 0; i < n && !tr->opts->quiet; i++) {
		const struct target *t = &tr->list->v[idx[i]];

		if (!waiting[i])
			continue;
		proc_threads_state(t->pid, &c);
		warn_escaped("%d (%s): not seen stopped after %d s (state %c): "
			     "its children are read while it may run",
			     (int)t->pid, target_name(t), STOP_WAIT_MS / 1000, c);
	}
}

/*
 * Stop the members of idx (n of them) that are in play, and see them
 * stopped: every thread in a stop, or exited.  One not seen stopped in
 * STOP_WAIT_MS is said, and its children are read all the same.
 * Returns 0, or -1 when interrupted or failed.
 */
static int
stop_members(struct tree *tr, const size_t *idx, size_t n)
{
	bool *waiting = xcalloc(n ? n : 1, sizeof(*waiting));
	long long deadline;
	long us = 50;
	size_t i, left;
	int rc = 0;
	char c;

	if (send_stops(tr, idx, n, waiting) < 0)
		rc = -1;
	deadline = now_ms() + STOP_WAIT_MS;
	while (rc == 0) {
		for (i = 0, left = 0; i < n; i++) {
			waiting[i] = waiting[i] &&
				     proc_threads_state(tr->list->v[idx[i]].pid,
							&c) == PROC_RUNNING;
			left += waiting[i];
		}
		if (left == 0)
			break;
		if (now_ms() >= deadline) {
			say_not_stopped(tr, idx, n, waiting);
			break;
		}
		if (pause_interrupted(us)) {
			tr->interrupted = true;
			rc = fail_set(tr->fail, STATUS_ERROR, "interrupted");
		}
		us = us < 10000 ? 2 * us : 10000;
	}
	free(waiting);
	return rc;
}

/*
 * Append the children listed in kin[a, b) as candidates: members to be,
 * once admitted.  parents[] maps kin's parent numbers to targets.
 */
static size_t
add_candidates(struct tree *tr, const struct kin_list *kin, size_t a,
	       size_t b, const size_t *parents)
{
	size_t k, first = tr->list->n;

	for (k = a; k < b; k++) {
		size_t p = parents[kin->v[k].parent];
		struct target *t;
		unsigned depth = target_cold(&tr->list->v[p])->depth;
		pid_t listed_by = tr->list->v[p].pid;

		t = target_add(tr->list);
		t->pid = kin->v[k].pid;
		t->origin = ORIGIN_TREE;
		target_more(t)->parent = p + 1;
		target_more(t)->depth = depth + 1;
		target_more(t)->listed_by = listed_by;
	}
	return first;
}

/*
 * Word i, a selected target, is a child of target p, listed by it: one
 * member of that tree (its words, each process once), placed below p
 * and asked about with it
 */
static void
below_another(struct tree *tr, size_t i, size_t p)
{
	size_t head = run_head(tr->list, i);

	if (head != p)
		target_more(&tr->list->v[head])->parent = p + 1;
}

/* Whether word t names its process and did not select it: a filter, the
   pattern, -n, -o, -H or -L turned it down (not a wrong token: that
   names another process) */
static bool
turned_down(const struct tree *tr, const struct target *t)
{
	if (stands_for(tr, t))
		return false;
	switch (t->outcome) {
	case OUTCOME_EXCLUDED:
	case OUTCOME_NO_HANDLER:
	case OUTCOME_NOT_LOCKED:
	case OUTCOME_REFUSED:
		return true;
	default:
		return false;
	}
}

/*
 * Member i admitted: the words that named its process and did not select
 * it are shown beside it, at its depth, and say it is a member all the
 * same
 */
static void
beside_member(struct tree *tr, size_t i)
{
	struct target_list *list = tr->list;
	size_t k = map_get(tr, list->v[i].pid), j;

	if (k == SIZE_MAX || list->v[k].origin == ORIGIN_TREE)
		return;
	k = run_head(list, k);
	if (target_cold(&list->v[k])->parent)
		return;		/* beside a member, or below a target */
	for (j = k; j == k || (j < list->n && list->v[j].alias); j++) {
		struct target *w = &list->v[j];

		if (!turned_down(tr, w) || !same_process(w, &list->v[i]))
			continue;
		target_more(w)->member_too = true;
		target_more(&list->v[k])->beside = true;
		target_more(&list->v[k])->parent = i + 1;
	}
}

/*
 * Judge the candidates [first, n), pinned and read: admitted if the
 * reading named their parent (verify) and that parent's pidfd shows it
 * was not reaped since; one that is a process known already is dropped.
 */
static void
admit_candidates(struct tree *tr, size_t first)
{
	struct target_list *list = tr->list;
	size_t i, k;

	for (i = first; i < list->n; i++) {
		struct target *t = &list->v[i];
		const struct target *p = &list->v[target_cold(t)->parent - 1];
		size_t known;

		if (t->outcome != OUTCOME_PENDING && !is_self(tr, t))
			continue;
		if (p->fd < 0 || !pidfd_alive(p->fd)) {
			t->outcome = OUTCOME_IDENTITY;
			target_more(t)->detail = "its parent exited while it was "
						 "read: not followed";
			continue;
		}
		target_more(t)->admitted = true;
		known = standing(tr, t->pid);
		if (known != SIZE_MAX && known < first &&
		    same_process(&list->v[known], t)) {
			if (list->v[known].origin != ORIGIN_TREE)
				below_another(tr, known,
					      target_cold(t)->parent - 1);
			t->outcome = OUTCOME_EXCLUDED;
			target_more(t)->admitted = false;
			target_more(t)->parent = SIZE_MAX;	/* dropped */
			continue;
		}
		walk_through(tr, t, true);
	}
	/* drop what was dropped, keep the order */
	for (i = k = first; i < list->n; i++) {
		struct target *t = &list->v[i];

		if (target_cold(t)->parent == SIZE_MAX) {
			if (t->fd >= 0)
				close(t->fd);
			free(t->more);
			continue;
		}
		list->v[k++] = *t;
	}
	list->n = k;
	map_grow(tr);
	/* a member stands for its PID before what turned out not to be */
	for (i = first; i < list->n; i++) {
		if (target_cold(&list->v[i])->admitted)
			beside_member(tr, i);
		if (is_member(&list->v[i]) ||
		    map_get(tr, list->v[i].pid) == SIZE_MAX)
			map_put(tr, list->v[i].pid, i);
	}
}

/*
 * Whether a child listed is a process the tree has already, not to be
 * a candidate again: pidkill itself, said once, not at every step; or
 * a target that stands for it, still pinned and not reaped, which holds
 * its PID (a later step finds every member again)
 */
static bool
found_again(struct tree *tr, pid_t pid, size_t listed_by)
{
	size_t known = standing(tr, pid);
	struct target *t;

	if (known == SIZE_MAX)
		return false;
	if (pid == tr->act->gate.self)
		return true;
	t = &tr->list->v[known];
	if (t->fd < 0 || !pidfd_alive(t->fd))
		return false;
	/* pinned before the reading, not reaped since: the child listed;
	   a selected target, it is found below another */
	if (t->origin != ORIGIN_TREE)
		below_another(tr, known, listed_by);
	return true;
}

/*
 * Admit the children listed in kin, a chunk at a time: parents pinned
 * (again, as the same process, if their pins were given up), candidates
 * pinned and read, then judged.  Returns 0 or -1.
 */
static int
admit_children(struct tree *tr, const struct kin_list *kin,
	       const size_t *parents)
{
	size_t a, b, k, first;

	for (a = 0; a < kin->n; a = b) {
		b = kin->n;
		make_room(tr, b - a);
		if (!tr->all_fit && b - a > chunk_size(tr))
			b = a + chunk_size(tr);
		for (k = a; k < b; k++)
			if (pin_one_target(tr, parents[kin->v[k].parent]) < 0)
				return -1;
		first = add_candidates(tr, kin, a, b, parents);
		if (pin_targets(tr->list, first, tr->list->n, false,
				tr->fail) < 0 ||
		    select_verify(tr->sel, tr->list, first, tr->list->n) < 0)
			return -1;
		admit_candidates(tr, first);
		if (tr->all_fit)
			continue;
		unpin_targets(tr->list, first, tr->list->n);
		for (k = a; k < b; k++)
			unpin_targets(tr->list, parents[kin->v[k].parent],
				      parents[kin->v[k].parent] + 1);
	}
	return 0;
}

/*
 * The children of the members of idx (n of them), read in /proc once
 * they are stopped; a member reaped meanwhile (its pidfd says so, after
 * the reading) had its children taken over by another: the reading is
 * not its own and is dropped.  Then each child is admitted or not.
 */
static int
read_children(struct tree *tr, const size_t *idx, size_t n)
{
	struct kin_list kin = { 0 };
	pid_t *pids = xreallocarray(NULL, n ? n : 1, sizeof(*pids));
	size_t *parents = xreallocarray(NULL, n ? n : 1, sizeof(*parents));
	size_t i, k, np = 0;
	int rc = 0;

	for (i = 0; i < n; i++) {
		const struct target *t = &tr->list->v[idx[i]];

		/* one that could not be stopped for want of permission is
		   read as it runs, as one not seen stopped is */
		if (t->fd < 0 || (!target_in_play(t) &&
				  !target_cold(t)->through &&
				  t->outcome != OUTCOME_PERMISSION))
			continue;
		parents[np] = idx[i];
		pids[np++] = t->pid;
	}
	if (proc_children_of(pids, np, &kin) < 0) {
		rc = fail_set(tr->fail, STATUS_ERROR, "cannot read the "
			      "children of processes in /proc: %s",
			      strerror(errno));
		goto out;
	}
	for (i = 0; i < np; i++) {
		struct target *t = &tr->list->v[parents[i]];

		target_more(t)->walked = tr->act->step;
		if (pidfd_alive(t->fd))
			continue;
		for (k = 0; k < kin.n; k++)
			if (kin.v[k].parent == i)
				kin.v[k].pid = 0;
		if (target_in_play(t))
			note_not_held(t, OUTCOME_GONE, 0, NULL);
	}
	for (i = k = 0; i < kin.n; i++)
		if (kin.v[i].pid > 0 &&
		    !found_again(tr, kin.v[i].pid, parents[kin.v[i].parent]))
			kin.v[k++] = kin.v[i];
	kin.n = k;
	rc = admit_children(tr, &kin, parents);
out:
	kin_list_free(&kin);
	free(pids);
	free(parents);
	return rc;
}

/*
 * t, a later word for the process walked as w: excluded as w is when w
 * is walked through (pidkill, an ancestor), so that it is not sent to
 */
static void
same_as_walked(struct target *t, const struct target *w)
{
	if (t->outcome != OUTCOME_PENDING || !target_cold(w)->through)
		return;
	t->outcome = OUTCOME_EXCLUDED;
	target_more(t)->detail = target_cold(w)->detail;
}

/* Walk the targets of [from, to) that are to be walked; 0 or -1 */
static int
walk_chunk(struct tree *tr, size_t from, size_t to, bool hold)
{
	size_t *idx = xreallocarray(NULL, to - from, sizeof(*idx));
	size_t i, n = 0, run = from;
	int rc = -1;

	for (i = from; i < to; i++) {
		if (!walkable(tr, i))
			continue;
		/* pidkill itself, judged already: walked through, and so
		   pinned as the others are */
		walk_through(tr, &tr->list->v[i], false);
		n++;
	}
	if (n == 0) {
		free(idx);
		return 0;
	}
	if (pin_targets(tr->list, from, to, false, tr->fail) < 0)
		goto out;
	/* /proc directory fds cannot be pinned again as the same process,
	   which a held member may need to be continued */
	if (pidfd_open_missing()) {
		fail_set(tr->fail, STATUS_ERROR, "--tree needs pidfd_open "
			 "(Linux 5.3 or later); nothing was sent");
		goto out;
	}
	if (select_verify(tr->sel, tr->list, from, to) < 0)
		goto out;
	/* which word of a process is walked is known once each is judged:
	   one refused (a wrong token) leaves it to the next; pidkill and
	   its ancestors, as read, are walked through, never held, and the
	   words after the one walked share its exclusion */
	for (i = from, n = 0; i < to; i++) {
		struct target *t = &tr->list->v[i];

		if (!t->alias)
			run = i;
		if (n > 0 && idx[n - 1] >= run) {
			same_as_walked(t, &tr->list->v[idx[n - 1]]);
			continue;
		}
		if (!walkable(tr, i))
			continue;
		walk_through(tr, t, target_in_play(t) && !t->signaled);
		idx[n++] = i;
	}
	if (n > 0 && ((hold && stop_members(tr, idx, n) < 0) ||
		      read_children(tr, idx, n) < 0))
		goto out;
	if (!tr->all_fit)
		unpin_targets(tr->list, from, to);
	rc = 0;
out:
	free(idx);
	return rc;
}

static int
compare_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Read again the children of the members of idx (n of them, in order,
 * each once), a chunk of them pinned at a time, admitting a child not
 * known, to be walked next.  0 or -1.
 */
static int
read_again(struct tree *tr, const size_t *idx, size_t n)
{
	size_t i, from, to;
	int rc = 0;

	for (from = 0; from < n && rc == 0; from = to) {
		to = tr->all_fit || n - from <= chunk_size(tr)
			? n : from + chunk_size(tr);
		for (i = from; i < to && rc == 0; i++)
			rc = pin_one_target(tr, idx[i]);
		if (rc == 0)
			rc = read_children(tr, idx + from, to - from);
		if (!tr->all_fit)
			for (i = from; i < to; i++)
				unpin_targets(tr->list, idx[i], idx[i] + 1);
	}
	return rc;
}

/* Whether member i is read again: in play, and held or read as it runs
   (not pidkill or an ancestor, which are walked through) */
static bool
read_as_member(const struct tree *tr, size_t i)
{
	const struct target *t = &tr->list->v[i];

	return target_in_play(t) && !target_cold(t)->through;
}

/*
 * A member not held yet may start a child of its parent (clone with
 * CLONE_PARENT) after the parent's children were read.  So once every
 * member of [a, b) is held, the children of their parents are read
 * again, and a child not known is admitted, to be walked next (and its
 * parent read again after).  The parents walked through, pidkill and
 * its ancestors, run, and are read as they run; they are not read
 * again.  0 or -1.
 */
static int
read_parents_again(struct tree *tr, size_t a, size_t b)
{
	size_t *idx = xreallocarray(NULL, b > a ? b - a : 1, sizeof(*idx));
	size_t i, k, n = 0;
	int rc;

	for (i = a; i < b; i++) {
		size_t p = target_cold(&tr->list->v[i])->parent;

		if (p == 0 || p == SIZE_MAX ||
		    target_cold(&tr->list->v[i])->beside ||
		    !read_as_member(tr, p - 1))
			continue;
		idx[n++] = p - 1;
	}
	qsort(idx, n, sizeof(*idx), compare_index);
	for (i = k = 0; i < n; i++)
		if (k == 0 || idx[k - 1] != idx[i])
			idx[k++] = idx[i];
	rc = read_again(tr, idx, k);
	free(idx);
	return rc;
}

/*
 * Once the walk finds nothing new, every member is read again: one held
 * may have been given children meanwhile, orphans of a process below it
 * not held yet that exited (it is a child subreaper, or the init of a
 * PID namespace).  0 or -1.
 */
static int
read_members_again(struct tree *tr)
{
	size_t n = tr->list->n;
	size_t *idx = xreallocarray(NULL, n ? n : 1, sizeof(*idx));
	size_t i, k = 0;
	int rc;

	for (i = 0; i < n; i++)
		if (!tr->list->v[i].alias &&
		    !target_cold(&tr->list->v[i])->beside &&
		    read_as_member(tr, i))
			idx[k++] = i;
	rc = read_again(tr, idx, k);
	free(idx);
	return rc;
}

/*
 * Fds short, the targets are walked a chunk at a time: each word is
 * judged first, so that whether it selected its process (or names
 * another) is known before the children of any target are read, and a
 * target below another is known as the same process.  0 or -1.
 */
static int
judge_words(struct tree *tr)
{
	size_t n = 0, from, to;

	while (n < tr->list->n && tr->list->v[n].origin != ORIGIN_TREE)
		n++;
	for (from = 0; from < n; from = to) {
		to = chunk_end(tr, from, n);
		if (pin_targets(tr->list, from, to, false, tr->fail) < 0 ||
		    select_verify(tr->sel, tr->list, from, to) < 0)
			return -1;
		unpin_targets(tr->list, from, to);
	}
	return 0;
}

int
tree_walk(struct tree *tr, bool hold)
{
	size_t a = 0, b = tr->list->n, from, to;

	map_build(tr);
	if (!tr->all_fit && judge_words(tr) < 0)
		return -1;
	/* a level at a time: what one level admits is the next; held
	   whole, every member is read again, until nothing new */
	for (;;) {
		while (a < b) {
			for (from = a; from < b; from = to) {
				to = chunk_end(tr, from, b);
				if (walk_chunk(tr, from, to, hold) < 0)
					return -1;
			}
			if (hold && read_parents_again(tr, a, b) < 0)
				return -1;
			a = b;
			b = tr->list->n;
		}
		if (!hold)
			return 0;
		if (read_members_again(tr) < 0)
			return -1;
		if (b == tr->list->n)
			return 0;
		b = tr->list->n;
	}
}

/* ------------------------------------------------------------------ */

/* Whether i heads a tree of its own: the first word naming a process
   that was not found below another target */
static bool
heads_a_tree(const struct target_list *list, size_t i)
{
	return list->v[i].origin != ORIGIN_TREE && !list->v[i].alias &&
	       target_cold(&list->v[i])->parent == 0;
}

/* The end of the run of words that i heads, or i + 1 for a member */
static size_t
run_end(const struct target_list *list, size_t i)
{
	size_t end = i + 1;

	if (list->v[i].origin != ORIGIN_TREE)
		while (end < list->n && list->v[end].alias)
			end++;
	return end;
}

struct family {
	size_t *first_child, *last_child, *next_sibling;
	bool *placed;
};

/* r (a member, or the words of a run it heads) and what is below it,
   depth first, appended to out */
static size_t
subtree(const struct target_list *list, size_t r, struct family *f,
	size_t *out, size_t n)
{
	size_t end = run_end(list, r), i, c;

	if (f->placed[r])
		return n;	/* a loop of links, which a tree has not */
	for (i = r; i < end; i++) {
		out[n++] = i;
		f->placed[i] = true;
	}
	for (i = r; i < end; i++)
		for (c = f->first_child[i]; c != SIZE_MAX; c = f->next_sibling[c])
			n = subtree(list, c, f, out, n);
	return n;
}

/*
 * Every target in tree order, in out (list->n of them): the words naming
 * a process, then, each below its parent, the members of their trees
 * and the targets found there.
 */
static void
preorder(const struct target_list *list, size_t *out)
{
	size_t n = list->n, i, k = 0;
	struct family f = {
		.first_child = xreallocarray(NULL, n ? n : 1, sizeof(size_t)),
		.last_child = xreallocarray(NULL, n ? n : 1, sizeof(size_t)),
		.next_sibling = xreallocarray(NULL, n ? n : 1, sizeof(size_t)),
		.placed = xcalloc(n ? n : 1, sizeof(bool)),
	};

	for (i = 0; i < n; i++)
		f.first_child[i] = f.last_child[i] = f.next_sibling[i] = SIZE_MAX;
	for (i = 0; i < n; i++) {
		size_t p = target_cold(&list->v[i])->parent;

		if (p == 0 || p > n || list->v[i].alias)
			continue;
		p--;
		if (f.first_child[p] == SIZE_MAX)
			f.first_child[p] = i;
		else
			f.next_sibling[f.last_child[p]] = i;
		f.last_child[p] = i;
	}
	for (i = 0; i < n; i++)
		if (heads_a_tree(list, i))
			k = subtree(list, i, &f, out, k);
	/* what no tree reached (a member whose parent was dropped): last */
	for (i = 0; i < n && k < n; i++)
		if (!f.placed[i])
			out[k++] = i;
	free(f.first_child);
	free(f.last_child);
	free(f.next_sibling);
	free(f.placed);
}

/*
 * Depths as the trees are shown: a target found below another is a
 * member of that tree, one level below the member that listed it, and
 * so is what is below it
 */
static void
set_depths(struct target_list *list, const size_t *order)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		struct target *t = &list->v[order[i]];
		size_t p = target_cold(t)->parent;
		unsigned depth = 0;

		if (p > 0 && p <= list->n)
			depth = target_cold(&list->v[p - 1])->depth +
				!target_cold(t)->beside;
		else if (t->alias && order[i] > 0)
			depth = target_cold(&list->v[order[i] - 1])->depth;
		if (depth != target_cold(t)->depth)
			target_more(t)->depth = depth;
	}
}

void
tree_order(struct target_list *list)
{
	size_t *order = xreallocarray(NULL, list->n ? list->n : 1,
				      sizeof(*order));
	struct target *v = xreallocarray(NULL, list->cap ? list->cap : 1,
					 sizeof(*v));
	size_t i;

	preorder(list, order);
	set_depths(list, order);
	for (i = 0; i < list->n; i++)
		v[i] = list->v[order[i]];
	free(list->v);
	list->v = v;
	free(order);
}

/* Exclude t, if it is still to be signaled */
static void
decline(struct target *t, const char *why)
{
	if (t->outcome != OUTCOME_PENDING)
		return;
	t->outcome = OUTCOME_EXCLUDED;
	target_more(t)->detail = why;
}

/* Of the words naming one process, from its head on, the first in play,
   or else the head */
static const struct target *
run_shown(const struct target_list *list, size_t head)
{
	size_t k = head;

	do {
		if (list->v[k].outcome == OUTCOME_PENDING)
			return &list->v[k];
		k++;
	} while (k < list->n && list->v[k].alias);
	return &list->v[head];
}

/* Ask about the tree whose targets are order[from, to), rooted at r: the
   reason to exclude it, or NULL to signal it */
static const char *
ask_tree(struct tree *tr, FILE *tty, int signo, time_t booted, size_t r,
	 const size_t *order, size_t from, size_t to,
	 const struct target **members, bool *asking, bool *quit)
{
	const struct target_list *list = tr->list;
	size_t i, n = 0, sent = 0;

	if (*quit)
		return "not asked: quit";
	if (!*asking)
		return NULL;
	members[n++] = &list->v[r];
	sent += list->v[r].outcome == OUTCOME_PENDING;
	/* below the root's words: each process once, a member or a
	   target found there (the first of its words in play, or else
	   the first).  One not to be signaled (walked through: an
	   ancestor, the terminal's server; or refused, gone) is shown as
	   such, so that none of what it started is shown without its
	   parent */
	for (i = from; i < to; i++) {
		const struct target *t = &list->v[order[i]];

		if (t->origin != ORIGIN_TREE) {
			if (t->alias || !target_cold(t)->parent)
				continue;
			t = run_shown(list, order[i]);
		}
		if (t == &list->v[r])
			continue;
		members[n++] = t;
		sent += t->outcome == OUTCOME_PENDING;
	}
	/* a tree with nothing to signal (pidkill, an ancestor, and what
	   it went through) is not asked about */
	if (sent == 0)
		return NULL;
	switch (prompt_tree(tty, members, n, signo, booted, interrupt_fd())) {
	case ANSWER_YES:
		return NULL;
	case ANSWER_ALL:
		*asking = false;
		return NULL;
	case ANSWER_QUIT:
		*quit = true;
		break;
	case ANSWER_NO:
		break;
	}
	return "declined";
}

/*
 * Every member stays pinned from its question to the signal.  A walk
 * short of fds gave pins up while it admitted members, and may have
 * counted a child listed again as one more: what it admitted may fit
 * all the same, pinned again as the same processes.  0, or -1 when not.
 */
static int
pin_for_asking(struct tree *tr)
{
	size_t i, need = 0;

	if (tr->all_fit)
		return 0;
	for (i = 0; i < tr->list->n; i++)
		need += target_in_play(&tr->list->v[i]) ||
			target_cold(&tr->list->v[i])->through;
	if (need > tr->room)
		return fail_set(tr->fail, STATUS_ERROR, "too many processes "
				"in the trees to keep pinned while asking (%zu, "
				"room for %zu); nothing was sent", need,
				tr->room);
	tr->all_fit = true;
	return pin_targets(tr->list, 0, tr->list->n, false, tr->fail);
}

int
tree_confirm(struct tree *tr, FILE *tty, int signo, time_t booted)
{
	struct target_list *list = tr->list;
	const struct target **members;
	size_t *order, pos = 0, from, i;
	bool asking = true, quit = false;
	int rc = 0;

	if (pin_for_asking(tr) < 0)
		return -1;
	order = xreallocarray(NULL, list->n ? list->n : 1, sizeof(*order));
	members = xreallocarray(NULL, list->n ? list->n : 1, sizeof(*members));
	preorder(list, order);
	set_depths(list, order);
	while (pos < list->n && rc == 0) {
		size_t r = SIZE_MAX, via = SIZE_MAX;
		const char *why;

		/* the words naming one process, then what is below them;
		   the root is the first word in play, or else one walked
		   through, or else the first */
		from = pos;
		do {
			const struct target *t = &list->v[order[pos]];

			if (t->origin != ORIGIN_TREE && r == SIZE_MAX &&
			    t->outcome == OUTCOME_PENDING)
				r = order[pos];
			if (t->origin != ORIGIN_TREE && via == SIZE_MAX &&
			    target_cold(t)->through)
				via = order[pos];
			pos++;
		} while (pos < list->n &&
			 list->v[order[pos]].origin != ORIGIN_TREE &&
			 list->v[order[pos]].alias);
		while (pos < list->n && !heads_a_tree(list, order[pos]))
			pos++;
		/* a root that cannot be signaled (refused, say) is shown
		   as such: what it started is asked about all the same */
		if (r == SIZE_MAX)
			r = via;
		if (r == SIZE_MAX)
			r = order[from];
		why = ask_tree(tr, tty, signo, booted, r, order, from, pos,
			       members, &asking, &quit);
		if (interrupt_pending()) {
			tr->interrupted = true;
			rc = fail_set(tr->fail, STATUS_ERROR, "interrupted");
			break;
		}
		for (i = from; i < pos && why; i++)
			decline(&list->v[order[i]], why);
	}
	free(order);
	free(members);
	return rc;
}

/* ------------------------------------------------------------------ */

/*
 * A pin on t as the process it was: its own, or a new one whose pidfs
 * id (without pidfs: start time) is t's; -1 if its PID names another
 * process, or none, by now.  *own says whether it is t's own.
 */
static int
pin_again(const struct target *t, bool *own)
{
	unsigned long long ino, start;
	int fd;

	*own = t->fd >= 0;
	if (*own)
		return t->fd;
	fd = sys_pidfd_open(t->pid, 0);
	if (fd < 0)
		return -1;
	if (t->id ? pidfd_inode(fd, &ino) < 0 || ino != t->id
		  : !t->start_known || proc_start_time(t->pid, &start) < 0 ||
		    start != t->start) {
		close(fd);
		return -1;
	}
	return fd;
}

void
tree_resume(struct tree *tr, int signo)
{
	struct target_list *list = tr->list;
	unsigned step = tr->act->step;
	const char *why;
	size_t i;

	for (i = 0; i < list->n; i++) {
		struct target *t = &list->v[i];
		bool own, got;
		int fd;

		if (!target_cold(t)->held)
			continue;
		target_more(t)->held = false;
		got = t->signaled && target_cold(t)->sent_step == step;
		/* STOP leaves it stopped, as asked; CONT continued it; KILL
		   ends it, stopped or not */
		if (got && (signo == SIGSTOP || signo == SIGCONT ||
			    signo == SIGKILL))
			continue;
		fd = pin_again(t, &own);
		if (fd < 0)
			continue;	/* reaped: nothing to continue */
		t->fd = fd;
		if (act_hold(tr->act, t, SIGCONT, &why) != OUTCOME_SIGNALED &&
		    !tr->opts->quiet && errno != ESRCH)
			warn_escaped("%d (%s): could not be continued: %s; it "
				     "is left stopped", (int)t->pid,
				     target_name(t), why ? why : strerror(errno));
		if (!own) {
			close(fd);
			t->fd = -1;
		}
	}
}

void
tree_free(struct tree *tr)
{
	free(tr->map);
	tr->map = NULL;
	tr->map_size = 0;
}
