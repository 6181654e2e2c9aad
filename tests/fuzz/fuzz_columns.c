/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz parse_column_list(): columns are in range and never overflow */
#include "config.h"

#include "fuzz.h"
#include "columns.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), bad[64];
	int cols[8], n, i;

	n = parse_column_list(s, cols, 8, bad, sizeof(bad));
	FUZZ_ASSERT(n <= 8);
	for (i = 0; i < n; i++)
		FUZZ_ASSERT(cols[i] >= 0 && cols[i] < NCOLUMNS);
	free(s);
	return 0;
}
