/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * verify.c - the verdict on a pinned process.
 *
 * Start time alone is not enough: a PID recycled in a busy namespace is
 * often taken within the same clock tick.  So a target must also still
 * pass every criterion that selected it, read after it was pinned; and a
 * pinned process keeps its PID until it is reaped, after which delivery
 * fails, so what was read belonged to it if delivery succeeds.
 */
#include "config.h"

#include <stddef.h>

#include "verify.h"

/* Whether t is pidkill itself, as a process or as its main thread */
static bool
is_self(const struct verify_rules *r, const struct target *t)
{
	return r->self > 0 &&
	       (t->pid == r->self || (t->pid == 0 && target_tid(t) == r->self));
}

/* What t passed so far comes to: pidkill itself is never signaled */
static enum target_outcome
unless_self(const struct verify_rules *r, const struct target *t,
	    enum target_outcome o, const char **detail)
{
	if (o != OUTCOME_PENDING || !is_self(r, t))
		return o;
	*detail = DETAIL_SELF;
	return OUTCOME_EXCLUDED;
}

/* A target signaled by an earlier step: the same process, or exited */
static enum target_outcome
same_as_signaled(const struct target *t, const struct proc_view *v)
{
	if (!v || v->start != t->start)
		return OUTCOME_EXITED;
	return OUTCOME_SIGNALED;
}

/* Whether what was pinned is the process that was named */
static enum target_outcome
check_identity(const struct target *t, const struct proc_view *v,
	       const char **detail)
{
	if (v->overmounted) {
		*detail = "its /proc directory is overmounted: not trusted";
		return OUTCOME_FAILED;
	}
	if (t->start_known && v->start != t->start) {
		*detail = "its PID now names another process";
		return OUTCOME_GONE;
	}
	if (target_cold(t)->form == WORD_PID_ID && t->id != target_cold(t)->want) {
		*detail = "pidfs id differs";
		return OUTCOME_IDENTITY;
	}
	if (target_cold(t)->form == WORD_PID_START && v->start != target_cold(t)->want) {
		*detail = "start time differs";
		return OUTCOME_IDENTITY;
	}
	/* /proc/TID of a non-leader thread opens, but is no process */
	if (v->have_tgid && t->pid != 0 && v->tgid != t->pid) {
		if (target_tid(t) > 0)
			return OUTCOME_NOT_THREAD;
		*detail = "a thread, not a process (use /proc/PID/task/TID)";
		return OUTCOME_FAILED;
	}
	return OUTCOME_PENDING;
}

/*
 * As root, a pidfile that one unprivileged user could write names only
 * that user's processes: both its real and effective UIDs (systemd's
 * rule for PIDFile=)
 */
static bool
owned_as_bound(const struct target *t, const struct proc_view *v)
{
	const struct target_more *m = target_cold(t);

	return !m->pidfile_bound ||
	       (v->ruid == m->pidfile_uid && v->euid == m->pidfile_uid);
}

/* The criteria a target must still pass, by where it came from */
static enum target_outcome
check_criteria(const struct verify_rules *r, const struct target *t,
	       const struct proc_view *v, const char **detail)
{
	switch (t->origin) {
	case ORIGIN_MATCH:
		/* a scan that read it after pinning was the selection */
		if (t->prepinned || match_selected(r->match, v))
			return OUTCOME_PENDING;
		*detail = "no longer matches the selection";
		return OUTCOME_IDENTITY;
	case ORIGIN_TREE:
		/* a descendant is admitted once its parent is the member
		   whose children listed it (which the caller proves alive
		   after this reading); from then on its identity is enough:
		   its parent may exit and leave it to another */
		if (target_cold(t)->admitted ||
		    v->ppid == target_cold(t)->listed_by)
			return OUTCOME_PENDING;
		*detail = "not a child of the member that listed it any "
			  "more (reparented, or its PID reused)";
		return OUTCOME_IDENTITY;
	case ORIGIN_PIDFILE:
	case ORIGIN_WORD:
		if (!match_filters(r->match, v)) {
			*detail = "does not pass the filters";
			return OUTCOME_EXCLUDED;
		}
		if (r->named_by_pattern && !match_named(r->match, v)) {
			*detail = "does not match the pattern";
			return OUTCOME_EXCLUDED;
		}
		break;
	}
	if (t->origin == ORIGIN_PIDFILE && !owned_as_bound(t, v)) {
		*detail = "its pidfile is writable by another user than the "
			  "one it runs as (--unsafe-pidfile overrides)";
		return OUTCOME_REFUSED;
	}
	if (t->origin == ORIGIN_PIDFILE && r->logpidfile) {
		if (target_cold(t)->lock == LOCK_REPLACED) {
			*detail = "the pidfile was replaced";
			return OUTCOME_NOT_LOCKED;
		}
		if (target_cold(t)->lock == LOCK_UNPROVEN) {
			*detail = "its open files cannot be read to prove it "
				  "holds the lock";
			return OUTCOME_NOT_LOCKED;
		}
		if (target_cold(t)->lock != LOCK_HELD)
			return OUTCOME_NOT_LOCKED;
	}
	return OUTCOME_PENDING;
}

enum target_outcome
verify_target(const struct verify_rules *r, const struct target *t,
	      const struct proc_view *v, const char **detail)
{
	enum target_outcome o;

	*detail = NULL;
	if (t->outcome == OUTCOME_SIGNALED)
		return same_as_signaled(t, v);
	if (t->outcome != OUTCOME_PENDING)
		return t->outcome;
	if (!v)
		return OUTCOME_GONE;
	o = check_identity(t, v, detail);
	if (o == OUTCOME_PENDING)
		o = check_criteria(r, t, v, detail);
	o = unless_self(r, t, o, detail);
	/* -H selects: a tree's members are not selected, they descend */
	if (o == OUTCOME_PENDING && r->require_handler &&
	    t->origin != ORIGIN_TREE &&
	    !catches_signal(v->sigcatch, r->handler_signo))
		o = OUTCOME_NO_HANDLER;
	return o;
}

enum target_outcome
verify_unread(const struct verify_rules *r, const struct target *t,
	      const char **detail)
{
	*detail = NULL;
	if (t->outcome != OUTCOME_PENDING)
		return t->outcome;
	if (target_cold(t)->form == WORD_PID_ID && t->id != target_cold(t)->want) {
		*detail = "pidfs id differs";
		return OUTCOME_IDENTITY;
	}
	return unless_self(r, t, OUTCOME_PENDING, detail);
}

enum target_outcome
verify_unreadable(const struct verify_rules *r, const struct target *t,
		  bool must_read, const char **detail)
{
	*detail = NULL;
	/* signaled before, and pinned again by its pidfs id: the same */
	if (t->outcome == OUTCOME_SIGNALED && t->id)
		return OUTCOME_SIGNALED;
	if (t->outcome == OUTCOME_SIGNALED || (t->outcome == OUTCOME_PENDING &&
					       must_read)) {
		*detail = DETAIL_UNREADABLE;
		return OUTCOME_FAILED;
	}
	return verify_unread(r, t, detail);
}

enum target_outcome
verify_leader(const struct leader *l, const struct proc_view *v,
	      const char **detail)
{
	*detail = NULL;
	if (!v || (l->known && v->start != l->start))
		return OUTCOME_GONE;
	if (v->pgrp != l->pgid) {
		*detail = "no longer leads its process group";
		return OUTCOME_FAILED;
	}
	return OUTCOME_PENDING;
}
