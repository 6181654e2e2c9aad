/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fdlimit.h - how many file descriptors pidkill may hold as pins.
 */
#ifndef PIDKILL_FDLIMIT_H
#define PIDKILL_FDLIMIT_H

#include <stddef.h>

struct fail;

/*
 * How many targets can be pinned at once: the soft RLIMIT_NOFILE, raised
 * to the hard limit (and the hard limit towards want and fs.nr_open,
 * where pidkill may: as root with CAP_SYS_RESOURCE), less the
 * descriptors open now that are not among the held pins of targets, and
 * those pidkill needs for itself.  Returns 0 with the failure recorded
 * when not even a few fit.
 */
size_t fd_budget(size_t want, size_t held, struct fail *fail);

/*
 * Make room for more descriptors than the limit allows now, by raising
 * it (as root) towards fs.nr_open.  Returns how many more fit, 0 if the
 * limit cannot be raised.
 */
size_t fd_grow(size_t more);

#endif /* PIDKILL_FDLIMIT_H */
