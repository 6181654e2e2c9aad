/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz.h - shared by the libFuzzer harnesses: the input as a C string.
 *
 * Each harness defines LLVMFuzzerTestOneInput(); built with clang's
 * -fsanitize=fuzzer it is fuzzed ("make fuzz"), built with replay.c it
 * replays the kept corpus in "make check".
 */
#ifndef PIDKILL_FUZZ_H
#define PIDKILL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of the input (which may hold NULs itself) */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* A broken invariant is a crash, which the fuzzer reports */
#define FUZZ_ASSERT(cond) do { if (!(cond)) abort(); } while (0)

#endif /* PIDKILL_FUZZ_H */
