/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz parse_target_word(): PID forms carry sane numbers, and anything
   that starts with a digit or "/proc" is never taken as a pattern */
#include "config.h"

#include <ctype.h>

#include "fuzz.h"
#include "target.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	struct target_word tw;

	if (parse_target_word(s, &tw) == 0) {
		if (tw.form == WORD_PATTERN) {
			FUZZ_ASSERT(!isdigit((unsigned char)s[0]));
			FUZZ_ASSERT(strncmp(s, "/proc", 5) != 0);
		} else {
			FUZZ_ASSERT(tw.pid > 0 && tw.pid <= 4194304);
			FUZZ_ASSERT(tw.form != WORD_PROC_TASK || tw.tid > 0);
			FUZZ_ASSERT(tw.form != WORD_PID_ID || tw.id > 0);
		}
	}
	free(s);
	return 0;
}
