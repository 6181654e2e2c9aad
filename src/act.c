/*
 * act.c - delivery and waiting.
 *
 * pidfd_send_signal(2) is the only way pidkill sends a signal.  ESRCH
 * means the pinned process has been reaped, so the target is reported
 * gone and never retried: its PID may already name another process.
 * Waiting uses epoll on the pidfds, which report exit (POLLIN) for any
 * process, child or not, as soon as it is a zombie.
 */
#include "config.h"

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "act.h"
#include "compat.h"
#include "pidfd.h"
#include "prompt.h"
#include "report.h"

#ifndef P_PIDFD
# define P_PIDFD 3
#endif

/* Descriptors open now (inherited ones included) */
static size_t
open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 3;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n > 0 ? n - 1 : 0;	/* less the directory's own */
}

/*
 * Counting the open fds lists /proc/self/fd.  Where the limit leaves room
 * for SURE_ROOM inherited fds besides the targets, assume ASSUMED_OPEN.
 */
#define SURE_ROOM 1024
#define ASSUMED_OPEN 64

size_t
pin_budget(size_t want)
{
	struct rlimit rl;
	size_t used, room, reserve;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		err(STATUS_ERROR, "getrlimit");
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > (1U << 20))
		rl.rlim_cur = 1U << 20;
	used = want + SURE_ROOM <= rl.rlim_cur ? ASSUMED_OPEN : open_fds();
	/* libproc2 reads one file at a time, waiting needs an epoll fd, a
	   pidfile check one more: keep two back, more when there is room */
	room = rl.rlim_cur > used ? rl.rlim_cur - used : 0;
	reserve = room / 8 > 24 ? 24 : room / 8 < 2 ? 2 : room / 8;
	if (room <= reserve)
		errx(STATUS_ERROR, "too few file descriptors (RLIMIT_NOFILE %lu, "
		     "%zu open): nothing was sent", (unsigned long)rl.rlim_cur,
		     used);
	return room - reserve;
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
		if (!keep || (opts->newest ? t->start > keep->start
					   : t->start < keep->start))
			keep = t;
	}
	for (i = 0; i < list->n; i++) {
		struct target *t = &list->v[i];

		if (t->outcome == OUTCOME_PENDING && t != keep) {
			t->outcome = OUTCOME_EXCLUDED;
			t->detail = opts->newest ? "not the newest"
						 : "not the oldest";
		}
	}
}

static bool
in_play(const struct target *t)
{
	return t->outcome == OUTCOME_PENDING || t->outcome == OUTCOME_SIGNALED;
}

/* The target that stands for t's process group, pinned on its leader */
static struct target *
leader_of(struct actor *a, struct target *t)
{
	return t->leader ? &a->list->v[t->leader - 1] : NULL;
}

void
pin_group_leaders(struct actor *a, size_t from, size_t to)
{
	struct target_list *list = a->list;
	size_t i, k, first_new = list->n;

	for (i = from; i < to; i++) {
		struct target *t = &list->v[i], *l;

		/* a leader is pinned apart even when it was selected itself,
		   so that each group has one handle and is signaled once */
		if (t->outcome != OUTCOME_PENDING)
			continue;
		for (k = a->nselected; k < list->n; k++)
			if (list->v[k].pid == t->pgrp)
				break;
		if (k == list->n) {
			pid_t pgid = t->pgrp;

			l = target_add(list);	/* may move list->v */
			l->pid = pgid;
			l->origin = ORIGIN_LEADER;
			l->form = WORD_PID;
		}
		list->v[i].leader = k + 1;
	}
	if (first_new == list->n)
		return;
	pin_targets(list, first_new, list->n, false);
	select_verify(a->sel, list, first_new, list->n);
}

static void
deliver_failed(struct target *t, unsigned int flags)
{
	switch (errno) {
	case ESRCH:
		t->outcome = t->signaled ? OUTCOME_EXITED : OUTCOME_GONE;
		break;
	case EPERM:
		t->outcome = OUTCOME_PERMISSION;
		break;
	case ENOSYS:
		errx(STATUS_ERROR, "this kernel cannot send signals through "
		     "pidfds (pidfd_send_signal, Linux 5.1 or later); "
		     "nothing was sent");
	case EINVAL:
		if (flags)
			errx(STATUS_ERROR, "this kernel cannot scope a signal "
			     "(--scope needs Linux 6.9 or later); nothing was "
			     "sent");
		/* fall through */
	default:
		t->outcome = OUTCOME_FAILED;
		t->errnum = errno;
	}
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

/* Free a killed target's memory now rather than when it finishes dying */
static void
release_memory(const struct target *t)
{
	static bool unsupported;

	if (unsupported || sys_process_mrelease(t->fd, 0) == 0 || errno == ESRCH)
		return;
	if (errno == ENOSYS || errno == EBADF) {
		/* said once: it is the kernel (or a /proc fd), not the target */
		warnx("--mrelease needs process_mrelease on a pidfd (Linux "
		      "5.15 or later); memory is released as usual");
		unsupported = true;
		return;
	}
	warn("%d (%s): process_mrelease", (int)t->pid, t->comm);
}

static void
deliver_one(struct actor *a, struct target *t, int signo, unsigned int flags)
{
	const struct pidkill_opts *o = a->opts;
	siginfo_t info, *infop = NULL;

	if (o->queue) {
		memset(&info, 0, sizeof(info));
		info.si_signo = signo;
		info.si_code = SI_QUEUE;
		info.si_pid = getpid();
		info.si_uid = getuid();
		info.si_value.sival_int = o->queue_value;
		infop = &info;
	}
	if (sys_pidfd_send_signal(t->fd, signo, infop, flags) < 0) {
		deliver_failed(t, flags);
		return;
	}
	t->signaled = true;
	t->outcome = OUTCOME_SIGNALED;
	t->last_signal = signo;
	if (o->mrelease && signo == SIGKILL && flags != PIDFD_SIGNAL_PROCESS_GROUP)
		release_memory(t);
}

void
signal_targets(struct actor *a, size_t from, size_t to, int signo)
{
	size_t i;

	unsigned int flags = scope_flags(a->opts->scope);

	for (i = from; i < to; i++) {
		struct target *t = &a->list->v[i], *l;

		if (!in_play(t))
			continue;
		if (a->opts->scope != SCOPE_PGROUP) {
			deliver_one(a, t, signo, flags);
			continue;
		}
		/* a group is signaled once, through its leader's pidfd */
		l = leader_of(a, t);
		if (l && l->outcome == OUTCOME_PENDING)
			deliver_one(a, l, signo, flags);
		if (l && l->outcome == OUTCOME_SIGNALED) {
			t->signaled = true;
			t->outcome = OUTCOME_SIGNALED;
			t->last_signal = signo;
		} else if (l && l->outcome == OUTCOME_PERMISSION) {
			t->outcome = OUTCOME_PERMISSION;
		} else if (t->signaled) {
			/* the leader exited after an earlier step: no handle
			   on the group is left, so later steps reach the
			   selected member alone, still through its pidfd */
			deliver_one(a, t, signo, 0);
		} else {
			t->outcome = OUTCOME_FAILED;
			t->detail = "its process group has no leader to signal "
				    "through";
		}
	}
	/* leaders signaled in this step may be signaled again next step */
	for (i = a->nselected; i < a->list->n; i++)
		if (a->list->v[i].outcome == OUTCOME_SIGNALED)
			a->list->v[i].outcome = OUTCOME_PENDING;
}

/* How the target ended, where the kernel can tell already */
static void
read_exit_status(struct target *t)
{
	siginfo_t si;

	if (t->exit_known || t->fd < 0)
		return;
	if (t->ppid == getpid()) {
		/* our own child (inherited across exec): reap it */
		memset(&si, 0, sizeof(si));
		if (waitid(P_PIDFD, (id_t)t->fd, &si, WEXITED | WNOHANG) == 0 &&
		    si.si_pid != 0) {
			t->exit_status = si.si_code == CLD_EXITED
				? (si.si_status & 0xff) << 8
				: si.si_status | (si.si_code == CLD_DUMPED ? 0x80 : 0);
			t->exit_known = true;
		}
		return;
	}
	if (pidfd_exit_status(t->fd, &t->exit_status) == 0)
		t->exit_known = true;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Wait until every signaled target in [from, to) has exited, or until
 * deadline (CLOCK_MONOTONIC ms; -1 for none).
 */
static void
wait_targets(struct actor *a, size_t from, size_t to, long long deadline)
{
	struct epoll_event ev, events[64];
	size_t i, alive = 0;
	int ep = epoll_create1(EPOLL_CLOEXEC);

	if (ep < 0)
		err(STATUS_ERROR, "epoll_create1");
	for (i = from; i < to; i++) {
		struct target *t = &a->list->v[i];

		if (!in_play(t) || t->fd < 0)
			continue;
		ev.events = EPOLLIN;
		ev.data.u64 = i;
		if (epoll_ctl(ep, EPOLL_CTL_ADD, t->fd, &ev) < 0)
			errx(STATUS_ERROR, "%d: cannot wait for it (waiting "
			     "needs pidfd_open, Linux 5.3 or later)", (int)t->pid);
		alive++;
	}
	while (alive > 0) {
		long long left = deadline < 0 ? -1 : deadline - now_ms();
		int n, k;

		if (deadline >= 0 && left < 0)
			left = 0;
		n = epoll_wait(ep, events, 64, left > INT_MAX ? INT_MAX : (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			err(STATUS_ERROR, "epoll_wait");
		if (n == 0)
			break;
		for (k = 0; k < n; k++) {
			struct target *t = &a->list->v[events[k].data.u64];

			epoll_ctl(ep, EPOLL_CTL_DEL, t->fd, NULL);
			t->outcome = OUTCOME_EXITED;
			read_exit_status(t);
			alive--;
		}
	}
	close(ep);
}

/*
 * With more targets than fds, pin a batch again before acting on it; a
 * target that cannot be pinned as the same process has exited.
 */
static void
repin_batch(struct actor *a, size_t from, size_t to)
{
	bool thread_scope = a->opts->scope == SCOPE_THREAD;
	size_t i;

	if (a->all_fit)
		return;
	for (i = from; i < to; i++) {
		struct target *t = &a->list->v[i];

		if (!in_play(t) || t->fd >= 0 || repin_target(t, thread_scope))
			continue;
		t->outcome = t->signaled ? OUTCOME_EXITED : OUTCOME_GONE;
	}
	select_verify(a->sel, a->list, from, to);
	/* group leaders too, checked again that they lead their groups */
	for (i = from; i < to; i++) {
		struct target *l = leader_of(a, &a->list->v[i]);
		size_t k;

		if (!l || l->fd >= 0 || l->outcome != OUTCOME_PENDING)
			continue;
		k = (size_t)(l - a->list->v);
		if (repin_target(l, false))
			select_verify(a->sel, a->list, k, k + 1);
		else
			l->outcome = OUTCOME_GONE;
	}
}

/* With more targets than fds, close a batch's fds (and its leaders') */
void
release_batch(struct actor *a, size_t from, size_t to)
{
	size_t i;

	if (a->all_fit)
		return;
	for (i = from; i < to; i++) {
		struct target *l = leader_of(a, &a->list->v[i]);

		if (l && l->fd >= 0) {
			close(l->fd);
			l->fd = -1;
		}
	}
	unpin_targets(a->list, from, to);
}

static bool
any_in_play(const struct actor *a)
{
	size_t i;

	for (i = 0; i < a->nselected; i++)
		if (in_play(&a->list->v[i]))
			return true;
	return false;
}

/* Exit statuses come from PIDFD_GET_INFO once the parent has reaped the
   target: give slow parents a moment, when the statuses are shown */
static void
collect_exit_statuses(struct actor *a)
{
	int tries;
	size_t i;

	for (tries = 0; tries < 20; tries++) {
		bool missing = false;

		for (i = 0; i < a->nselected; i++) {
			struct target *t = &a->list->v[i];

			if (t->outcome == OUTCOME_EXITED && !t->exit_known) {
				read_exit_status(t);
				missing |= !t->exit_known && t->fd >= 0;
			}
		}
		if (!missing || errno == ENOTTY)
			return;		/* all known, or no PIDFD_GET_INFO */
		usleep(10000);
	}
}

void
confirm_targets(struct actor *a, FILE *tty)
{
	const struct schedule *s = &a->opts->schedule;
	bool asking = true, quit = false;
	int signo = SIGTERM;
	size_t i;

	/* name the first signal the schedule will send */
	for (i = 0; i < s->n; i++)
		if (s->v[i].kind == STEP_SIGNAL) {
			signo = (int)s->v[i].value;
			break;
		}

	for (i = 0; i < a->nselected; i++) {
		struct target *t = &a->list->v[i];

		if (t->outcome != OUTCOME_PENDING || !asking)
			continue;
		if (quit) {
			t->outcome = OUTCOME_EXCLUDED;
			t->detail = "not asked: quit";
			continue;
		}
		switch (prompt_target(tty, t, signo)) {
		case ANSWER_YES:
			break;
		case ANSWER_ALL:
			asking = false;
			break;
		case ANSWER_QUIT:
			quit = true;
			/* fall through */
		case ANSWER_NO:
			t->outcome = OUTCOME_EXCLUDED;
			t->detail = quit ? "not asked: quit" : "declined";
			break;
		}
	}
}

void
run_schedule(struct actor *a, size_t first)
{
	const struct schedule *s = &a->opts->schedule;
	size_t pos = first, from, n = a->nselected;

	while (pos < s->n && any_in_play(a)) {
		const struct step *st = &s->v[pos];
		long long deadline = st->value < 0 ? -1 : now_ms() + st->value;

		if (st->kind == STEP_GOTO) {
			pos = (size_t)st->value;
			continue;
		}
		for (from = 0; from < n; from += a->batch) {
			size_t to = from + a->batch < n ? from + a->batch : n;

			repin_batch(a, from, to);
			if (st->kind == STEP_SIGNAL)
				signal_targets(a, from, to, (int)st->value);
			else
				wait_targets(a, from, to, deadline);
			release_batch(a, from, to);
		}
		pos++;
	}
	if (a->opts->wait) {
		for (from = 0; from < n; from++)
			if (in_play(&a->list->v[from]))
				a->list->v[from].outcome = OUTCOME_SURVIVED;
		if (a->opts->verbose || report_needs(a->opts, COL_EXIT))
			collect_exit_statuses(a);
	}
}
