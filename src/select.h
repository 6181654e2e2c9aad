/*
 * select.h - choosing processes, and re-reading them once pinned.
 *
 * The only module that talks to libproc2.  It reads just the items the
 * given options need, and evaluates the same criteria twice: once when
 * scanning, and again after each target is pinned.
 */
#ifndef PIDKILL_SELECT_H
#define PIDKILL_SELECT_H

#include <stdbool.h>
#include <time.h>

#include "options.h"
#include "target.h"

struct selector;

/*
 * Prepare a selector for opts: compile the patterns, choose the libproc2
 * items, read the --ns reference and the ancestors to exclude.  Usage
 * errors (a bad pattern, an --ns PID that does not exist) exit with
 * STATUS_USAGE; library failures exit with STATUS_ERROR.
 */
struct selector *selector_new(const struct pidkill_opts *opts);
void selector_free(struct selector *sel);

/* Whether a full scan of the process table is needed at all */
bool selector_needs_scan(const struct selector *sel);

/*
 * Scan every process and append those that match the patterns and
 * filters (never pidkill itself, nor its ancestors unless asked) to list
 * as ORIGIN_MATCH targets carrying their start time and name.  When room
 * fds are enough to pin every process first, the targets come back
 * pinned and verified (prepinned), as the scan read them after pinning.
 */
void select_scan(struct selector *sel, struct target_list *list,
		 size_t room);

/*
 * Re-read every pinned target in [from, to) and decide whether it may be
 * signaled: still the process that was selected (start time, thread
 * group), still passing every criterion (filters for named targets,
 * patterns and filters for matched ones), catching the signal with -H;
 * a group leader must still lead its group.  A target already signaled
 * and pinned again is checked for identity only (start time): if that
 * changed, it has exited.  Sets each failing target's outcome; fills
 * name, start time, parent and process group.
 */
void select_verify(struct selector *sel, struct target_list *list,
		   size_t from, size_t to);

/*
 * Read the name of each target in [from, to) that failed while pinned and
 * was not read after pinning, for the message that reports it; not when
 * it has been reaped (its PID may name another process by then).
 */
void select_name_failures(struct selector *sel, struct target_list *list,
			  size_t from, size_t to);

/*
 * Note the start time of the process each pidfile names, as it is when
 * the file is read, so that a PID reused before pinning is caught.
 */
void select_note_starts(struct selector *sel, struct target_list *list);

/* Whether any pattern was given and none matched anything, for the
   15-character warning */
bool selector_long_pattern_unmatched(const struct selector *sel,
				     const char **pattern);

/* When the system booted (seconds since the epoch), 0 if unknown */
time_t boot_time(void);

#endif /* PIDKILL_SELECT_H */
