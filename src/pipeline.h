/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pipeline.h - the one batch pipeline: pin, verify, group leaders, gate,
 * deliver (or wait), release.
 *
 * Every step of the schedule, the first signal and every later one, the
 * -I questions and the re-pinning for --wait go through it, batch by
 * batch when there are more targets than file descriptors.
 */
#ifndef PIDKILL_PIPELINE_H
#define PIDKILL_PIPELINE_H

#include <stdio.h>

#include "options.h"
#include "select.h"
#include "target.h"

struct fail;

/*
 * Act on the selected targets as opts say: pin, verify and signal them
 * step by step of the schedule (after a first pass that only verifies,
 * when -n, -o or --dry-run must see them all), asking on tty first with
 * -I.  Returns 0, or -1 with the failure recorded; the targets then say
 * what was already sent.
 */
int run_pipeline(const struct pidkill_opts *opts, struct selector *sel,
		 struct target_list *list, FILE *tty, struct fail *fail);

#endif /* PIDKILL_PIPELINE_H */
