/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * floor - the least a safe pkill -x must do: the benchmarks' lower bound.
 *
 * Usage: floor SIGNO NAME...
 *
 * Lists /proc once; for each process reads /proc/PID/stat and compares its
 * comm with the NAMEs (exact match).  A match is pinned with pidfd_open(2),
 * its stat is read again and the start time (field 22) compared with the
 * first read, and only then is it signaled with pidfd_send_signal(2) and
 * the pidfd closed.  It skips itself.  No options, no output, no
 * allocation per process: the cost of a safe kill-by-name and nothing more.
 *
 * Exit status: 0 if at least one process was signaled, 1 if none, 3 on an
 * error reading /proc.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct proc_stat {
	char comm[64];
	unsigned long long start;
};

/* Read and parse PID/stat relative to the /proc fd; -1 if it is gone */
static int
read_stat(int proc, const char *pid, struct proc_stat *ps)
{
	char path[32], buf[1024], *open_paren, *close_paren, *p;
	size_t len;
	ssize_t n;
	int fd, field;

	snprintf(path, sizeof(path), "%s/stat", pid);
	fd = openat(proc, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	/* "PID (COMM) S ..." where COMM may hold spaces and parentheses */
	open_paren = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (!open_paren || !close_paren || close_paren < open_paren)
		return -1;
	len = (size_t)(close_paren - open_paren - 1);
	if (len >= sizeof(ps->comm))
		len = sizeof(ps->comm) - 1;
	memcpy(ps->comm, open_paren + 1, len);
	ps->comm[len] = '\0';
	/* field 3 (state) follows ") "; field 22 is the start time */
	p = close_paren + 2;
	for (field = 3; field < 22; field++) {
		p = strchr(p, ' ');
		if (!p)
			return -1;
		p++;
	}
	ps->start = strtoull(p, NULL, 10);
	return 0;
}

static int
name_matches(const char *comm, char **names, int nnames)
{
	int i;

	for (i = 0; i < nnames; i++)
		if (strcmp(comm, names[i]) == 0)
			return 1;
	return 0;
}

/* Pin, re-read, compare, signal, close: 1 if signaled */
static int
signal_pinned(int proc, const char *name, pid_t pid,
	      const struct proc_stat *seen, int signo)
{
	struct proc_stat now;
	int fd, ok = 0;

	fd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (fd < 0)
		return 0;
	if (read_stat(proc, name, &now) == 0 && now.start == seen->start &&
	    strcmp(now.comm, seen->comm) == 0)
		ok = syscall(SYS_pidfd_send_signal, fd, signo, NULL, 0) == 0;
	close(fd);
	return ok;
}

int
main(int argc, char **argv)
{
	struct proc_stat ps;
	struct dirent *de;
	pid_t self = getpid();
	long signo;
	char *end;
	DIR *dir;
	int proc, signaled = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: floor SIGNO NAME...\n");
		return 2;
	}
	errno = 0;
	signo = strtol(argv[1], &end, 10);
	if (errno || end == argv[1] || *end || signo < 0 || signo > 64) {
		fprintf(stderr, "floor: bad signal number: %s\n", argv[1]);
		return 2;
	}
	dir = opendir("/proc");
	if (!dir) {
		perror("/proc");
		return 3;
	}
	proc = dirfd(dir);
	while ((de = readdir(dir)) != NULL) {
		pid_t pid;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		pid = (pid_t)strtol(de->d_name, NULL, 10);
		if (pid == self || read_stat(proc, de->d_name, &ps) < 0)
			continue;
		if (name_matches(ps.comm, argv + 2, argc - 2))
			signaled += signal_pinned(proc, de->d_name, pid, &ps,
						  (int)signo);
	}
	closedir(dir);
	return signaled ? 0 : 1;
}
