/*
 * act.c - delivery.
 *
 * pidfd_send_signal(2) is the only way pidkill sends a signal.  ESRCH
 * means the pinned process has been reaped, so the target is reported
 * gone and never retried: its PID may already name another process.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "act.h"
#include "pidfd.h"

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

static void
deliver_one(const struct pidkill_opts *opts, struct target *t)
{
	siginfo_t info, *infop = NULL;

	if (opts->queue) {
		memset(&info, 0, sizeof(info));
		info.si_signo = opts->signo;
		info.si_code = SI_QUEUE;
		info.si_pid = getpid();
		info.si_uid = getuid();
		info.si_value.sival_int = opts->queue_value;
		infop = &info;
	}
	if (sys_pidfd_send_signal(t->fd, opts->signo, infop, 0) == 0) {
		t->outcome = OUTCOME_SIGNALED;
		return;
	}
	switch (errno) {
	case ESRCH:
		t->outcome = OUTCOME_GONE;
		break;
	case EPERM:
		t->outcome = OUTCOME_PERMISSION;
		break;
	case ENOSYS:
		errx(STATUS_ERROR, "this kernel cannot send signals through "
		     "pidfds (pidfd_send_signal, Linux 5.1 or later); "
		     "nothing was sent");
	default:
		t->outcome = OUTCOME_FAILED;
		t->errnum = errno;
	}
}

void
deliver_signals(const struct pidkill_opts *opts, struct target_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		if (list->v[i].outcome == OUTCOME_PENDING)
			deliver_one(opts, &list->v[i]);
}
