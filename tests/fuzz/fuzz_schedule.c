/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz parse_schedule(): an accepted schedule sends a signal, ends by
   waiting or looping, and loops only backwards to a step that exists,
   over steps that wait some time */
#include "config.h"

#include <signal.h>

#include "fuzz.h"
#include "schedule.h"
#include "signals.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), bad[64];
	struct schedule sched = { 0 };
	size_t k;

	if (parse_schedule(s, SIGTERM, &sched, bad, sizeof(bad)) == 0) {
		FUZZ_ASSERT(sched.n >= 2);
		FUZZ_ASSERT(sched.v[sched.n - 1].kind != STEP_SIGNAL);
		for (k = 0; k < sched.n; k++) {
			const struct step *st = &sched.v[k];

			if (st->kind == STEP_SIGNAL)
				FUZZ_ASSERT(signal_is_valid((int)st->value));
			if (st->kind == STEP_GOTO) {
				long long waited = 0;
				size_t j;

				FUZZ_ASSERT(st->value >= 0 &&
					    (size_t)st->value < k);
				for (j = (size_t)st->value; j < k; j++)
					if (sched.v[j].kind == STEP_WAIT)
						waited += sched.v[j].value;
				FUZZ_ASSERT(waited > 0);
			}
		}
	}
	free(sched.v);
	free(s);
	return 0;
}
