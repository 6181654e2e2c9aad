/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nochildren.so - preloaded (LD_PRELOAD) into pidkill, it makes the
 * /proc/PID/task/TID/children files missing, as on a kernel built
 * without CONFIG_PROC_CHILDREN: an open of any path ending in
 * "/children" fails with ENOENT.  Each one refused appends a line to the
 * file $NOCHILDREN_LOG, if set, so that a test can tell the files were
 * asked for.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
refused(const char *path)
{
	size_t n = strlen(path);
	const char *log;
	int fd;

	if (n < 9 || strcmp(path + n - 9, "/children") != 0)
		return 0;
	log = getenv("NOCHILDREN_LOG");
	if (log) {
		fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
		if (fd >= 0) {
			if (write(fd, "refused\n", 8) < 0)
				(void)0;
			close(fd);
		}
	}
	errno = ENOENT;
	return 1;
}

int
openat(int dir, const char *path, int flags, ...)
{
	int (*next)(int, const char *, int, ...);
	mode_t mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	if (refused(path))
		return -1;
	next = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat");
	if (!next) {
		errno = ENOSYS;
		return -1;
	}
	return next(dir, path, flags, mode);
}

/* one function under both names, as in the C library on 64-bit systems */
int openat64(int dir, const char *path, int flags, ...)
	__attribute__((alias("openat")));
