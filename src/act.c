/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * act.c - the gate, delivery and waiting.
 *
 * pidfd_send_signal(2) is the only way pidkill sends a signal, and
 * send_gated() the only place it is called to deliver one.  ESRCH means
 * the pinned process has been reaped, so the target is reported gone
 * and never retried: its PID may already name another process.  Waiting
 * uses epoll on the pidfds, which report exit (POLLIN) for any process,
 * child or not, as soon as it is a zombie.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "act.h"
#include "compat.h"
#include "fail.h"
#include "pidfd.h"
#include "signals.h"
#include "status.h"

#ifndef P_PIDFD
# define P_PIDFD 3
#endif

/* How long reaping may stall before exit statuses are given up (ms) */
#define REAP_IDLE 100

const char *
gate_refusal(const struct gate *g, const struct target *t,
	     const struct leader *l, int signo)
{
	size_t i;

	if (signo != 0 && !signal_is_valid(signo))
		return "a signal reserved by the C library";
	if (t->pid == g->self || (t->pid == 0 && target_tid(t) == g->self))
		return DETAIL_SELF;
	/* a tree holds whatever its members started: pidkill's ancestors,
	   by PID and, once read, start time, are never among them */
	for (i = 0; i < g->nanc_ids && g->tree; i++)
		if (g->anc[i].pid == t->pid &&
		    (!t->start_known || g->anc[i].start == t->start))
			return g->anc[i].detail;
	if (!l)
		return NULL;
	/* the group signal reaches every member: pidkill's group, or an
	   ancestor's (the shell that runs it), is not to be hit */
	if (l->pgid == g->self_pgrp)
		return "its process group holds pidkill itself";
	for (i = 0; i < g->nanc && !g->include_ancestors; i++)
		if (g->anc_pgrps[i] == l->pgid)
			return "its process group holds an ancestor of pidkill "
			       "(--include-ancestors overrides)";
	return NULL;
}

static unsigned int
scope_flags(enum scope scope)
{
	switch (scope) {
	case SCOPE_PROCESS:
		return PIDFD_SIGNAL_THREAD_GROUP;
	case SCOPE_THREAD:
		return PIDFD_SIGNAL_THREAD;
	case SCOPE_PGROUP:
		return PIDFD_SIGNAL_PROCESS_GROUP;
	default:
		return 0;	/* the pidfd's own kind decides */
	}
}

/* The outcome of a send that failed with errno; fatal ones recorded */
static enum target_outcome
send_failed(struct actor *a, unsigned int flags)
{
	switch (errno) {
	case ESRCH:
		return OUTCOME_GONE;
	case EPERM:
		return OUTCOME_PERMISSION;
	case ENOSYS:
		fail_set(a->fail, STATUS_ERROR, "this kernel cannot send "
			 "signals through pidfds (pidfd_send_signal, Linux 5.1 "
			 "or later); nothing was sent");
		return OUTCOME_FAILED;
	case EINVAL:
		if (flags)
			fail_set(a->fail, STATUS_ERROR, "this kernel cannot "
				 "scope a signal (--scope needs Linux 6.9 or "
				 "later); nothing was sent");
		return OUTCOME_FAILED;
	default:
		return OUTCOME_FAILED;
	}
}

/*
 * The only delivery: the gate, then pidfd_send_signal(2) on fd (t's own,
 * or its group leader l's), with the -q payload if payload.  Returns
 * SIGNALED, or REFUSED with *why set, or what the failure means (errno
 * kept).
 */
static enum target_outcome
send_gated(struct actor *a, const struct target *t, const struct leader *l,
	   int fd, int signo, unsigned int flags, bool payload,
	   const char **why)
{
	const struct pidkill_opts *o = a->opts;
	siginfo_t info, *infop = NULL;

	*why = gate_refusal(&a->gate, t, l, signo);
	if (*why)
		return OUTCOME_REFUSED;
	if (o->queue && payload) {
		memset(&info, 0, sizeof(info));
		info.si_signo = signo;
		info.si_code = SI_QUEUE;
		info.si_pid = getpid();
		info.si_uid = getuid();
		info.si_value.sival_int = o->queue_value;
		infop = &info;
	}
	if (sys_pidfd_send_signal(fd, signo, infop, flags) < 0)
		return send_failed(a, flags);
	return OUTCOME_SIGNALED;
}

/* Free a killed target's memory now rather than when it finishes dying */
static void
release_memory(const struct target *t)
{
	static bool unsupported;

	if (unsupported || sys_process_mrelease(t->fd, 0) == 0 || errno == ESRCH)
		return;
	if (errno == ENOSYS || errno == EBADF) {
		/* said once: it is the kernel (or a /proc fd), not the target */
		warn_escaped("--mrelease needs process_mrelease on a pidfd (Linux "
			     "5.15 or later); memory is released as usual");
		unsupported = true;
		return;
	}
	if (errno == EINVAL) {
		/* the kernel frees an address space only when every process
		   that uses it is dying */
		warn_escaped("%d (%s): its memory could not be released "
			     "early: another process shares it (EINVAL)",
			     (int)t->pid, target_name(t));
		return;
	}
	warn_escaped("%d (%s): process_mrelease: %s", (int)t->pid,
		     target_name(t), strerror(errno));
}

/*
 * Record what a delivery to t did.  A target already signaled by an
 * earlier step stays signaled when a later signal cannot be sent: it is
 * still waited for, and reported alive if it outlives the schedule.
 */
static void
note_result(const struct actor *a, struct target *t,
	    enum target_outcome result, int signo, int errnum, const char *why)
{
	if (result == OUTCOME_SIGNALED) {
		t->signaled = true;
		t->outcome = OUTCOME_SIGNALED;
		t->last_signal = signo;
		/* a tree continues what this signal did not */
		if (a->opts->tree)
			target_more(t)->sent_step = a->step;
		return;
	}
	if (result == OUTCOME_GONE && t->signaled) {
		t->outcome = OUTCOME_EXITED;
		return;
	}
	if (t->signaled) {
		target_more(t)->errnum = errnum;
		target_more(t)->detail = result == OUTCOME_PERMISSION
			? "a later signal was not permitted"
			: why ? why : "a later signal could not be sent";
		return;
	}
	t->outcome = result;
	target_more(t)->errnum = result == OUTCOME_FAILED ? errnum : 0;
	if (why)
		target_more(t)->detail = why;
}

/* Whether a and b pin one process for one delivery (aliases share a
   pidfd, or pinned the same process on their own) */
static bool
same_process(const struct target *a, const struct target *b,
	     enum target_key key)
{
	if (target_key_compare(a, b, key) != 0)
		return false;
	if (a->id && b->id)
		return a->id == b->id;
	return a->start_known && b->start_known && a->start == b->start;
}

/* The last send of a batch, which the aliases of its target share */
struct last_send {
	size_t at;			/* the target's index, or SIZE_MAX */
	enum target_outcome result;
	int errnum;
	const char *why;
};

/* Whether target i is an alias of the target the last send was for */
static bool
shares_last_send(const struct actor *a, size_t i, const struct last_send *ls)
{
	const struct target *v = a->list->v;
	size_t k = i;

	if (ls->at == SIZE_MAX || ls->at >= i)
		return false;
	while (k > ls->at && v[k].alias)
		k--;
	return k == ls->at && same_process(&v[ls->at], &v[i], delivery_key(a->opts));
}

/*
 * --scope=pgroup: signal t's group through its leader, once a step.
 * Returns what was sent to t alone (the leader gone), or PENDING when
 * nothing was.
 */
static enum target_outcome
deliver_to_group(struct actor *a, struct target *t, int signo,
		 const char **why)
{
	struct leader *l = target_cold(t)->leader ? &a->leaders->v[target_cold(t)->leader - 1] : NULL;
	enum target_outcome r;

	if (l && l->state == OUTCOME_PENDING && l->fd >= 0 &&
	    l->sent_step != a->step) {
		l->sent = send_gated(a, t, l, l->fd, signo,
				     PIDFD_SIGNAL_PROCESS_GROUP, true, why);
		l->errnum = errno;
		l->sent_step = a->step;
		l->detail = *why;
		if (l->sent == OUTCOME_GONE)
			l->state = OUTCOME_GONE;	/* reaped meanwhile */
	}
	if (l && l->sent_step == a->step && l->sent != OUTCOME_GONE) {
		note_result(a, t, l->sent, signo, l->errnum, l->detail);
		return OUTCOME_PENDING;
	}
	if (t->signaled) {
		/* the leader exited after an earlier step: no handle on the
		   group is left, so later steps reach the member alone,
		   still through its own pidfd and the gate */
		r = send_gated(a, t, NULL, t->fd, signo, 0, true, why);
		note_result(a, t, r, signo, errno, *why);
		return r;
	}
	t->outcome = OUTCOME_FAILED;
	target_more(t)->detail = "its process group has no leader to signal through";
	return OUTCOME_PENDING;
}

int
deliver_batch(struct actor *a, size_t from, size_t to, int signo)
{
	unsigned int flags = scope_flags(a->opts->scope);
	struct last_send ls = { .at = SIZE_MAX };
	const char *why;
	size_t i;

	for (i = from; i < to && !failed(a->fail); i++) {
		struct target *t = &a->list->v[i];
		enum target_outcome r;

		if (!target_in_play(t) || t->fd < 0)
			continue;
		if (shares_last_send(a, i, &ls)) {
			/* one process, named twice: signaled once */
			note_result(a, t, ls.result, signo, ls.errnum, ls.why);
			continue;
		}
		why = NULL;
		if (a->opts->scope == SCOPE_PGROUP)
			r = deliver_to_group(a, t, signo, &why);
		else {
			if (a->continue_held && target_cold(t)->held &&
			    act_hold(a, t, SIGCONT, &why) == OUTCOME_SIGNALED)
				target_more(t)->held = false;
			why = NULL;
			r = send_gated(a, t, NULL, t->fd, signo, flags, true,
				       &why);
			note_result(a, t, r, signo, errno, why);
		}
		if (r == OUTCOME_PENDING)
			continue;
		ls = (struct last_send){ i, r, errno, why };
		if (r == OUTCOME_SIGNALED && a->opts->mrelease &&
		    signo == SIGKILL && a->opts->scope != SCOPE_PGROUP)
			release_memory(t);
	}
	return failed(a->fail) ? -1 : 0;
}

enum target_outcome
act_hold(struct actor *a, const struct target *t, int signo, const char **why)
{
	if (t->fd < 0) {
		*why = NULL;
		errno = EBADF;
		return OUTCOME_FAILED;
	}
	return send_gated(a, t, NULL, t->fd, signo, 0, false, why);
}

/* How the target ended, where the kernel can tell already */
static void
read_exit_status(struct target *t)
{
	siginfo_t si;
	int status;

	if (target_cold(t)->exit_known || t->fd < 0)
		return;
	if (target_cold(t)->ppid == getpid()) {
		/* our own child (inherited across exec): reap it */
		memset(&si, 0, sizeof(si));
		if (waitid(P_PIDFD, (id_t)t->fd, &si, WEXITED | WNOHANG) == 0 &&
		    si.si_pid != 0) {
			target_more(t)->exit_status = si.si_code == CLD_EXITED
				? (si.si_status & 0xff) << 8
				: si.si_status | (si.si_code == CLD_DUMPED ? 0x80 : 0);
			target_more(t)->exit_known = true;
		}
		return;
	}
	/* reaped: the kernel keeps the status with the pidfd; a zombie
	   still shows it in /proc */
	if (pidfd_exit_status(t->fd, &status) == 0 ||
	    (t->pid > 0 && pidfd_zombie_status(t->fd, t->pid, &status) == 0) ||
	    pidfd_exit_status(t->fd, &status) == 0) {
		target_more(t)->exit_status = status;
		target_more(t)->exit_known = true;
	}
}

long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Watch every pinned target of [from, to) still in play: signaled, or
 * not yet (a schedule that begins with a timeout); how many
 */
static int
watch_batch(struct actor *a, int ep, size_t from, size_t to, size_t *alive)
{
	struct epoll_event ev;
	size_t i;

	*alive = 0;
	for (i = from; i < to; i++) {
		struct target *t = &a->list->v[i];

		if (!target_in_play(t) || t->fd < 0)
			continue;
		ev.events = EPOLLIN;
		ev.data.u64 = i;
		if (epoll_ctl(ep, EPOLL_CTL_ADD, t->fd, &ev) < 0)
			return fail_set(a->fail, STATUS_ERROR, "%d: cannot "
					"wait for it (waiting needs pidfd_open, "
					"Linux 5.3 or later)", (int)t->pid);
		(*alive)++;
	}
	return 0;
}

int
wait_batch(struct actor *a, size_t from, size_t to, long long deadline,
	   int idle)
{
	struct epoll_event events[64];
	size_t alive;
	bool seen = false;
	int ep = epoll_create1(EPOLL_CLOEXEC);

	if (ep < 0)
		return fail_set(a->fail, STATUS_ERROR, "epoll_create1: %s",
				strerror(errno));
	if (watch_batch(a, ep, from, to, &alive) < 0)
		alive = 0;
	while (alive > 0) {
		long long left = deadline < 0 ? -1 : deadline - now_ms();
		int n, k;

		if (deadline >= 0 && left < 0)
			left = 0;
		/* idle counts from an exit on: the first may take a while */
		if (idle >= 0 && seen && (left < 0 || left > idle))
			left = idle;
		n = epoll_wait(ep, events, 64, left > INT_MAX ? INT_MAX : (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fail_set(a->fail, STATUS_ERROR, "epoll_wait: %s",
				 strerror(errno));
			break;
		}
		if (n == 0)
			break;
		seen = true;
		for (k = 0; k < n; k++) {
			struct target *t = &a->list->v[events[k].data.u64];

			epoll_ctl(ep, EPOLL_CTL_DEL, t->fd, NULL);
			alive--;
			if (!t->signaled) {
				/* it went before its first signal */
				t->outcome = OUTCOME_GONE;
				target_more(t)->detail = "exited before it was "
							 "signaled";
				continue;
			}
			t->outcome = OUTCOME_EXITED;
			read_exit_status(t);
		}
	}
	close(ep);
	return failed(a->fail) ? -1 : 0;
}

void
collect_exit_statuses(struct actor *a, size_t from, size_t to,
		      long long until)
{
	long long idle_until = now_ms() + REAP_IDLE;
	size_t i, missing, before = SIZE_MAX;

	for (;;) {
		missing = 0;
		for (i = from; i < to; i++) {
			struct target *t = &a->list->v[i];

			if (t->outcome == OUTCOME_EXITED &&
			    !target_cold(t)->exit_known) {
				read_exit_status(t);
				missing += !target_cold(t)->exit_known &&
					   t->fd >= 0;
			}
		}
		if (missing == 0 || errno == ENOTTY)
			return;		/* all known, or no PIDFD_GET_INFO */
		if (missing < before)	/* parents are reaping: keep on */
			idle_until = now_ms() + REAP_IDLE;
		before = missing;
		if (now_ms() >= until || now_ms() >= idle_until)
			return;
		usleep(5000);
	}
}

/*
 * Which of two processes was created later (> 0) or earlier (< 0): by
 * start time, which has clock-tick resolution; on a tie by pidfs id,
 * which follows creation order exactly; without one, by PID as pkill
 * does (two processes of one tick seldom straddle a PID wrap).
 */
static int
compare_age(const struct target *a, const struct target *b)
{
	if (a->start != b->start)
		return a->start > b->start ? 1 : -1;
	if (a->id && b->id && a->id != b->id)
		return a->id > b->id ? 1 : -1;
	if (a->pid != b->pid)
		return a->pid > b->pid ? 1 : -1;
	return 0;
}

void
narrow_targets(const struct pidkill_opts *opts, struct target_list *list)
{
	struct target *keep = NULL;
	size_t i;

	if (!opts->newest && !opts->oldest)
		return;
	for (i = 0; i < list->n; i++) {
		struct target *t = &list->v[i];

		if (t->outcome != OUTCOME_PENDING)
			continue;
		if (!keep || (opts->newest ? compare_age(t, keep) > 0
					   : compare_age(t, keep) < 0))
			keep = t;
	}
	for (i = 0; i < list->n; i++) {
		struct target *t = &list->v[i];

		if (t->outcome == OUTCOME_PENDING && t != keep &&
		    !same_process(t, keep, delivery_key(opts))) {
			t->outcome = OUTCOME_EXCLUDED;
			target_more(t)->detail = opts->newest ? "not the newest"
						 : "not the oldest";
		}
	}
}
