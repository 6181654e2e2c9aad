/* Fuzz parse_pidfile_text(): only digits and one optional newline make a
   PID, which is then in range */
#include "config.h"

#include <ctype.h>

#include "fuzz.h"
#include "pidfile.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pid_t pid = 0;
	size_t i, len = size;

	if (parse_pidfile_text((const char *)data, size, &pid) == 0) {
		FUZZ_ASSERT(pid > 0 && pid <= 4194304);
		if (len > 0 && data[len - 1] == '\n')
			len--;
		for (i = 0; i < len; i++)
			FUZZ_ASSERT(isdigit(data[i]));
	}
	return 0;
}
