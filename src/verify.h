/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * verify.h - judging a pinned process: is it still what was selected?
 *
 * Pure functions: a target (what was selected, and how) and what was
 * read of the pinned process after pinning, in, an outcome out.  The
 * reading is select's business; the rules are here, and unit-tested
 * outcome by outcome.
 */
#ifndef PIDKILL_VERIFY_H
#define PIDKILL_VERIFY_H

#include <stdbool.h>
#include <sys/types.h>

#include "match.h"
#include "target.h"

struct verify_rules {
	const struct matcher *match;	/* the selection criteria */
	bool require_handler;		/* -H */
	int handler_signo;		/* the first signal of the schedule */
	bool logpidfile;		/* -L */
	bool named_by_pattern;		/* PIDs and patterns: both must name */
	pid_t self;			/* pidkill's own PID: never a target */
};

/*
 * Judge pinned target t against v, what was read of its process after
 * pinning (NULL: nothing could be read, it has been reaped).  Returns
 * the outcome: PENDING when it may be signaled; SIGNALED when it was
 * signaled before and is still the same process; otherwise the reason,
 * with *detail set to extra words or NULL.  A target judged already
 * (its outcome is not PENDING or SIGNALED) keeps its outcome.  pidkill
 * itself is EXCLUDED, but only once it is shown to be what was named:
 * a wrong identity token is reported as such, whoever holds the PID.
 */
enum target_outcome verify_target(const struct verify_rules *rules,
				  const struct target *t,
				  const struct proc_view *v,
				  const char **detail);

/*
 * Judge a pinned target that nothing needs to be read of (a PID or
 * PID:ID word with no filter and nothing to show): the pidfd is the
 * process the user named, if its pidfs id is the one demanded.
 */
enum target_outcome verify_unread(const struct verify_rules *rules,
				  const struct target *t,
				  const char **detail);

/*
 * Judge a pinned target that is alive (its pidfd says it has not been
 * reaped) but whose /proc entry could not be read: hidden from pidkill
 * (hidepid=) rather than gone.  A target that needs reading to be
 * verified (must_read: a start time, a filter, a thread...) is not
 * verified (FAILED, with *detail saying why); one named by PID or PID:ID
 * with nothing to compare is judged as by verify_unread; one signaled
 * before stays SIGNALED if it was pinned again by its pidfs id.
 */
enum target_outcome verify_unreadable(const struct verify_rules *rules,
				      const struct target *t, bool must_read,
				      const char **detail);

/*
 * Judge a pinned group leader: PENDING while it still is the process
 * first pinned and leads its group, else the reason.
 */
enum target_outcome verify_leader(const struct leader *l,
				  const struct proc_view *v,
				  const char **detail);

#endif /* PIDKILL_VERIFY_H */
