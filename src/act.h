/*
 * act.h - delivering signals through pinned handles.
 */
#ifndef PIDKILL_ACT_H
#define PIDKILL_ACT_H

#include "options.h"
#include "target.h"

/*
 * Keep only the newest (-n) or oldest (-o) of the pending targets;
 * the others are marked excluded.
 */
void narrow_targets(const struct pidkill_opts *opts, struct target_list *list);

/*
 * Send opts->signo, with the -q payload if any, to every pending target
 * through its pidfd, and record each outcome.  A kernel that cannot send
 * through pidfds is a fatal error: nothing is ever sent by PID.
 */
void deliver_signals(const struct pidkill_opts *opts, struct target_list *list);

#endif /* PIDKILL_ACT_H */
