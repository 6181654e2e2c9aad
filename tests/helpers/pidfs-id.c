/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pidfs-id - print the pidfs inode number of a process (its pidfd's
 * st_ino), or fail when the kernel has no pidfs.  Used by the tests to
 * build PID:ID tokens independently of pidkill.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <unistd.h>

#ifndef PIDFS_MAGIC
# define PIDFS_MAGIC 0x50494446
#endif

int
main(int argc, char **argv)
{
	struct statfs sfs;
	struct stat st;
	int fd;

	if (argc != 2)
		return 2;
	fd = (int)syscall(SYS_pidfd_open, atoi(argv[1]), 0);
	if (fd < 0 || fstatfs(fd, &sfs) < 0 || sfs.f_type != PIDFS_MAGIC ||
	    fstat(fd, &st) < 0)
		return 1;
	printf("%llu\n", (unsigned long long)st.st_ino);
	return 0;
}
