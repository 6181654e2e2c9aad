/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz parse_signal() and signal_name(): every parsed signal is valid,
   and its name parses back to the same number */
#include "config.h"

#include "fuzz.h"
#include "signals.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), name[32];
	int any;

	for (any = 0; any < 2; any++) {
		int signo = parse_signal(s, any);

		if (signo < 0)
			continue;
		FUZZ_ASSERT(signal_is_valid(signo));
		FUZZ_ASSERT(signal_name(signo, name, sizeof(name)) == 0);
		FUZZ_ASSERT(parse_signal(name, false) == signo);
	}
	free(s);
	return 0;
}
