/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tree.h - --tree: the descendants of each selected target, collected
 * top down while the tree is held stopped, as members of the target
 * list.
 *
 * A member is admitted only once it is pinned and read, and its parent
 * (as that reading shows it) is the pinned member whose children listed
 * it, not reaped after the reading.  A member is stopped (SIGSTOP
 * through the gate), and seen stopped, before its children are read:
 * stopped, it cannot fork, so no child escapes the listing.  pidkill and
 * its ancestors are walked through, never stopped or signaled.
 */
#ifndef PIDKILL_TREE_H
#define PIDKILL_TREE_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "act.h"
#include "options.h"
#include "select.h"
#include "target.h"

struct fail;
struct pid_slot;

struct tree {
	const struct pidkill_opts *opts;
	struct selector *sel;
	struct target_list *list;
	struct actor *act;
	struct fail *fail;
	size_t room;		/* targets that may be pinned at once */
	bool all_fit;		/* every target stays pinned */
	bool interrupted;	/* INT, TERM or HUP came while holding */
	struct pid_slot *map;	/* PID to target, for the walk */
	size_t map_size;
};

/*
 * Walk from every target in play (at the first step the selected ones;
 * at a later step of -R every member still alive too): pin and verify
 * each, stop it when hold (and see it stopped), read its children, and
 * admit each child that passes as a new member, until a walk finds no
 * new one.  Members stopped by pidkill are noted as held; one that was
 * stopped before is not.  Without hold (--dry-run, signal 0) nothing is
 * stopped: the tree is read as it is, a snapshot.  Returns 0, or -1 with
 * the failure recorded (interrupted set when a held signal came); the
 * members held stay held, for tree_resume.
 */
int tree_walk(struct tree *tr, bool hold);

/*
 * -I: ask about each selected target's tree at once, listing it, while
 * it is held.  A tree declined (or left when the user quits) is
 * excluded, members and all.  Returns 0, or -1 with the failure
 * recorded when interrupted.
 */
int tree_confirm(struct tree *tr, FILE *tty, int signo, time_t booted);

/*
 * Continue (SIGCONT) every member held by pidkill, but not those that
 * signo itself was delivered to at this step when it is STOP (they stay
 * stopped), CONT (continued by it) or KILL; with signo 0, every member
 * held.  Each is pinned again as the same process if it was released.
 */
void tree_resume(struct tree *tr, int signo);

/*
 * Put the list in tree order for the report: each selected target (with
 * the words naming the same process) and then its descendants, depth
 * first, children in the order their parent's listing gave.
 */
void tree_order(struct target_list *list);

void tree_free(struct tree *tr);

#endif /* PIDKILL_TREE_H */
