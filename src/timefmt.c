/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * timefmt.c - start times and user names for tables and prompts.
 */
#include "config.h"

#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "timefmt.h"

/* When a process started, in local time; false when the boot time is
   unknown */
static bool
start_time(unsigned long long ticks, time_t booted, struct tm *tm)
{
	long hz = sysconf(_SC_CLK_TCK);
	time_t when;

	/* the boot time as the kernel states it, a whole second, as ps uses:
	   the same process shows the same start in every run */
	when = booted + (time_t)(ticks / (unsigned long long)(hz > 0 ? hz : 100));
	return booted && localtime_r(&when, tm);
}

void
format_start(unsigned long long ticks, time_t booted, char *buf, size_t size)
{
	struct tm tm;

	if (!start_time(ticks, booted, &tm) ||
	    strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(buf, size, "%llu", ticks);
}

time_t
boot_time_from_clocks(void)
{
	struct timespec boot, real;
	long long ns;

	/* the kernel's own boot time is the offset between the two clocks;
	   the boot clock read first, so the small gap between the two reads
	   cannot take the whole second below it */
	if (clock_gettime(CLOCK_BOOTTIME, &boot) < 0 ||
	    clock_gettime(CLOCK_REALTIME, &real) < 0)
		return 0;
	ns = ((long long)real.tv_sec - boot.tv_sec) * 1000000000LL +
	     (real.tv_nsec - boot.tv_nsec);
	return ns > 0 ? (time_t)(ns / 1000000000LL) : 0;
}

void
format_start_iso(unsigned long long ticks, time_t booted, char *buf,
		 size_t size)
{
	struct tm tm;
	long off;
	size_t n;

	if (!start_time(ticks, booted, &tm) ||
	    (n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm)) == 0) {
		snprintf(buf, size, "%llu", ticks);
		return;
	}
	/* %z has no colon: ISO 8601's extended form wants +01:00 */
	off = tm.tm_gmtoff / 60;
	snprintf(buf + n, size - n, "%c%02ld:%02ld", off < 0 ? '-' : '+',
		 labs(off) / 60, labs(off) % 60);
}

void
format_user(uid_t uid, char *buf, size_t size)
{
	struct passwd *pw = getpwuid(uid);

	if (pw)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "%u", (unsigned)uid);
}
