/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz parse_duration(): accepted durations are within a year */
#include "config.h"

#include "fuzz.h"
#include "schedule.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	long long ms = -1;

	if (parse_duration(s, &ms) == 0)
		FUZZ_ASSERT(ms >= 0 && ms <= 366LL * 24 * 3600 * 1000);
	free(s);
	return 0;
}
