/*
 * report.h - what pidkill prints.
 */
#ifndef PIDKILL_REPORT_H
#define PIDKILL_REPORT_H

#include "options.h"
#include "target.h"

/*
 * Print what happened (messages on stderr for targets not signaled, -e
 * lines, -c count, the --dry-run table) and return the exit status.
 */
int report_outcomes(const struct pidkill_opts *opts,
		    const struct target_list *list);

/* -l, -l SIG and --table; returns the exit status */
int report_signals(const struct pidkill_opts *opts);

#endif /* PIDKILL_REPORT_H */
