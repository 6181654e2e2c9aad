/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prompt.h - -I/--interactive: one question per target on the terminal.
 */
#ifndef PIDKILL_PROMPT_H
#define PIDKILL_PROMPT_H

#include <stdio.h>
#include <time.h>

#include "target.h"

enum answer { ANSWER_YES, ANSWER_NO, ANSWER_ALL, ANSWER_QUIT };

/* The controlling terminal, opened for reading and writing; NULL if none */
FILE *prompt_open(void);

/*
 * Ask whether to send signo to t, showing its PID, name, user, start
 * time (booted: the boot time, for showing it) and command line; repeat
 * until the answer is one of y, n, a, q (or yes, no, all, quit): any
 * other line, however long, is asked again.  End of input counts as
 * quit.
 */
enum answer prompt_target(FILE *tty, const struct target *t, int signo,
			  time_t booted);

/*
 * --tree: ask once whether to send signo to the tree of tree[0], shown
 * as prompt_target shows a target, followed by its n - 1 descendants
 * tree[1..n), depth first, each indented by its depth.  One that is not
 * to be signaled (pidkill itself, an ancestor, the terminal's server:
 * its outcome is not PENDING) is shown as such, and the question counts
 * only the others.  With intr >= 0,
 * a descriptor that polls readable once pidkill is interrupted
 * (interrupt.h): the question then ends as quit.
 */
enum answer prompt_tree(FILE *tty, const struct target *const *tree,
			size_t n, int signo, time_t booted, int intr);

#endif /* PIDKILL_PROMPT_H */
