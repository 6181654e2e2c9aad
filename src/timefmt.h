/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * timefmt.h - how start times and users are shown.
 */
#ifndef PIDKILL_TIMEFMT_H
#define PIDKILL_TIMEFMT_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

/*
 * "2026-11-28 01:02:03": when a process started, from its start time in
 * clock ticks since boot and the boot time (seconds since the epoch; 0
 * when unknown, which shows the ticks).
 */
void format_start(unsigned long long ticks, time_t booted, char *buf,
		  size_t size);

/*
 * The same in ISO 8601 with the UTC offset, "2026-11-28T01:02:03+01:00",
 * for JSON.
 */
void format_start_iso(unsigned long long ticks, time_t booted, char *buf,
		      size_t size);

/*
 * The boot time (seconds since the epoch) from the clocks alone, as
 * CLOCK_REALTIME minus CLOCK_BOOTTIME, where /proc/stat cannot be read
 * (/proc mounted with subset=pid); 0 if the clocks cannot be read.
 */
time_t boot_time_from_clocks(void);

/* The user name for uid, or the number */
void format_user(uid_t uid, char *buf, size_t size);

#endif /* PIDKILL_TIMEFMT_H */
