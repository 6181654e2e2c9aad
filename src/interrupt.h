/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * interrupt.h - INT, TERM, HUP and the other signals that would end
 * pidkill, held back while pidkill holds
 * processes stopped (--tree), so that it continues them before it goes.
 *
 * The signals are blocked, never caught: one that comes stays pending,
 * a file descriptor (signalfd) says so to whatever waits, and when it is
 * unblocked again it ends pidkill as it would have, by the signal.
 */
#ifndef PIDKILL_INTERRUPT_H
#define PIDKILL_INTERRUPT_H

#include <stdbool.h>

/*
 * Start holding those signals (INT, TERM, HUP, QUIT, PIPE...) that
 * pidkill was not started ignoring or blocking (a shell may have started
 * it ignoring INT).  Returns 0, or -1 with errno set.
 */
int interrupt_hold(void);

/* A descriptor that polls readable once a held signal is pending, -1
   when none is held */
int interrupt_fd(void);

/* Whether a held signal is pending */
bool interrupt_pending(void);

/*
 * Stop holding: a pending signal now ends pidkill, by that signal.
 * Returns only if none was pending, or if it did not end pidkill (it
 * then returns the signal's number, else 0).
 */
int interrupt_release(void);

#endif /* PIDKILL_INTERRUPT_H */
