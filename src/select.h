/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * select.h - choosing processes, and reading them once pinned.
 *
 * The only module that talks to libproc2.  It reads just the items the
 * options need, and hands what it read to match (the criteria) and
 * verify (the verdict): once when scanning, and again after each target
 * is pinned.
 */
#ifndef PIDKILL_SELECT_H
#define PIDKILL_SELECT_H

#include <stdbool.h>
#include <time.h>

#include "options.h"
#include "target.h"

struct fail;
struct selector;

/*
 * Prepare a selector for opts: check /proc, compile the patterns, choose
 * the libproc2 items, read the --ns reference and pidkill's ancestors.
 * Failures are recorded in fail, which the selector keeps for its later
 * errors too (a bad pattern or an --ns PID that does not exist:
 * STATUS_USAGE; the rest STATUS_ERROR).  Returns NULL on failure.
 */
struct selector *selector_new(const struct pidkill_opts *opts,
			      struct fail *fail);
void selector_free(struct selector *sel);

/*
 * Build the target list: the PID words, the pidfiles (with the start
 * time of the process each names as read), and the matches of a scan of
 * every process when patterns or filters ask for one (never pidkill
 * itself, nor its ancestors unless asked).  The scan pins each process
 * before it reads it; matches come back pinned and verified by that
 * reading, as far as fds allow.  Returns 0, or -1 with the failure
 * recorded.
 */
int select_targets(struct selector *sel, struct target_list *list);

/*
 * Read every pinned, not yet verified target in [from, to) and judge it
 * (verify.h): still the process that was selected, passing every
 * criterion; one signaled before, still the same process.  Sets each
 * target's outcome and what the reading shows of it (name, start time,
 * parent, process group...).  Returns 0, or -1 with the failure
 * recorded.
 */
int select_verify(struct selector *sel, struct target_list *list,
		  size_t from, size_t to);

/* Read and judge every pinned, unverified leader; 0 or -1 */
int select_verify_leaders(struct selector *sel, struct leader_set *set);

/*
 * Read the name of each target in [from, to) that failed while pinned and
 * was not read after pinning, for the message that reports it; not when
 * it has been reaped (its PID may name another process by then).
 */
void select_name_failures(struct selector *sel, struct target_list *list,
			  size_t from, size_t to);

/*
 * The process groups of pidkill's ancestors (its parent, up to init), as
 * read when the selector was made; *n of them.
 */
const pid_t *select_ancestor_groups(const struct selector *sel, size_t *n);

/*
 * pidkill's ancestors (its parent, up to init) with their start times,
 * as read when the selector was made (with --tree, with
 * --scope=pgroup, or for a scan); *n of them.
 */
const struct proc_id *select_ancestors(const struct selector *sel, size_t *n);

/* Whether any pattern was given and none matched anything, for the
   15-character warning */
bool selector_long_pattern_unmatched(const struct selector *sel,
				     const char **pattern);

/* When the system booted (seconds since the epoch), 0 if unknown */
time_t select_boot_time(struct selector *sel);

#endif /* PIDKILL_SELECT_H */
