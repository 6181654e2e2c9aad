/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * locker - take a lock on a pidfile, write a PID into it, and run a
 * command that keeps the lock through the inherited file descriptor.
 *
 * Usage: locker KIND FILE [PID] -- COMMAND [ARG...]
 *
 * KIND is fcntl (a POSIX record lock, F_SETLK), ofd (an open file
 * description lock, F_OFD_SETLK) or flock (flock(2), LOCK_EX).  FILE is
 * opened (created, mode 0644, truncated) without O_CLOEXEC, locked, and
 * filled with PID and a newline: PID defaults to locker's own, which
 * COMMAND keeps, since locker execs it.  All three kinds of lock survive
 * execve(2) while the descriptor stays open.  Exits 2 on a usage error, 3
 * if the file cannot be locked, 127 if COMMAND cannot be run.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#ifndef F_OFD_SETLK
#define F_OFD_SETLK 37
#endif

int
main(int argc, char **argv)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	char buf[32];
	int fd, n, cmd = 3, rc;
	long pid = (long)getpid();

	if (argc < 5)
		goto usage;
	if (strcmp(argv[3], "--") != 0) {
		pid = strtol(argv[3], NULL, 10);
		cmd = 4;
	}
	if (cmd >= argc - 1 || strcmp(argv[cmd], "--") != 0)
		goto usage;
	fd = open(argv[2], O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror(argv[2]);
		return 3;
	}
	if (strcmp(argv[1], "fcntl") == 0)
		rc = fcntl(fd, F_SETLK, &fl);
	else if (strcmp(argv[1], "ofd") == 0)
		rc = fcntl(fd, F_OFD_SETLK, &fl);
	else if (strcmp(argv[1], "flock") == 0)
		rc = flock(fd, LOCK_EX | LOCK_NB);
	else
		goto usage;
	if (rc < 0) {
		perror("lock");
		return 3;
	}
	n = snprintf(buf, sizeof(buf), "%ld\n", pid);
	if (write(fd, buf, (size_t)n) != n) {
		perror("write");
		return 3;
	}
	execvp(argv[cmd + 1], argv + cmd + 1);
	perror(argv[cmd + 1]);
	return 127;
usage:
	fprintf(stderr, "usage: locker fcntl|ofd|flock FILE [PID] -- COMMAND...\n");
	return 2;
}
