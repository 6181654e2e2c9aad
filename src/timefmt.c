/*
 * timefmt.c - start times and user names for tables and prompts.
 */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "timefmt.h"

void
format_start(unsigned long long ticks, time_t booted, char *buf, size_t size)
{
	long hz = sysconf(_SC_CLK_TCK);
	time_t when;
	struct tm tm;

	/* the boot time as the kernel states it, a whole second, as ps uses:
	   the same process shows the same start in every run */
	when = booted + (time_t)(ticks / (unsigned long long)(hz > 0 ? hz : 100));
	if (!booted || !localtime_r(&when, &tm) ||
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
format_user(uid_t uid, char *buf, size_t size)
{
	struct passwd *pw = getpwuid(uid);

	if (pw)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "%u", (unsigned)uid);
}
