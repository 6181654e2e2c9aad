/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz parse_pidfile_text(): only digits, with blanks around them and an
   optional LF or CRLF ending, make a PID, which is then in range; only
   blanks and that ending make "no PID".  And fdinfo_write_locked(): a
   lock is only ever seen on a "lock:" line */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "fuzz.h"
#include "pidfile.h"

static int
is_blank(uint8_t c)
{
	return c == ' ' || c == '\t';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pid_t pid = 0;
	size_t i, from = 0, len = size;
	int r = parse_pidfile_text((const char *)data, size, &pid);

	if (fdinfo_write_locked((const char *)data, size, 131))
		FUZZ_ASSERT(memmem(data, size, "lock:", 5) &&
			    memmem(data, size, "WRITE", 5));
	FUZZ_ASSERT(r == -1 || r == 0 || r == 1);
	if (r == -1)
		return 0;
	FUZZ_ASSERT(size < 64);
	if (len > 0 && data[len - 1] == '\n') {
		len--;
		if (len > 0 && data[len - 1] == '\r')
			len--;
	}
	while (len > 0 && is_blank(data[len - 1]))
		len--;
	while (from < len && is_blank(data[from]))
		from++;
	if (r == 1) {
		FUZZ_ASSERT(from == len);
		return 0;
	}
	FUZZ_ASSERT(pid > 0 && pid <= 4194304);
	FUZZ_ASSERT(from < len);
	for (i = from; i < len; i++)
		FUZZ_ASSERT(isdigit(data[i]));
	return 0;
}
