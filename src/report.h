/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * report.h - what pidkill prints.
 *
 * The report reads no process: everything it shows was noted in the
 * targets by the stages before it.
 */
#ifndef PIDKILL_REPORT_H
#define PIDKILL_REPORT_H

#include <time.h>

#include "options.h"
#include "target.h"

/*
 * Print what happened (messages on stderr for targets not signaled, -e
 * lines, -c count, the table; booted is the boot time, for START) and
 * return the exit status.  A process named by several words counts once.
 */
int report_outcomes(const struct pidkill_opts *opts,
		    const struct target_list *list, time_t booted);

/* -l, -l SIG and --table; returns the exit status */
int report_signals(const struct pidkill_opts *opts);

#endif /* PIDKILL_REPORT_H */
