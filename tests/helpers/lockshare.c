/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lockshare - a POSIX lock that outlives the process that took it, and a
 * newcomer that takes that process's PID: the attack on trusting the PID
 * a lock query reports.  Root only, in a private PID namespace.
 *
 * Usage: lockshare hold FILE READY HOSTPROC_FD
 *        lockshare spawn NSPIDS CMD [ARG...]
 *        lockshare getlk FILE
 *
 * hold: open FILE, and start a child that shares the fd table
 * (clone(CLONE_FILES)): the child takes a POSIX write lock on FILE,
 * writes its own PID into it, and exits.  The lock stays, held through
 * the fd table the holder still has, and the kernel keeps the child's
 * PID as the lock's.  Then write to READY (through a temporary name):
 *     pid=HOLDER
 *     taker=CHILD
 *     nspids=P0,P1,...   the child's PID in each PID namespace, innermost
 *                        first, as seen through the procfs of the outer
 *                        namespace open as fd HOSTPROC_FD
 * and sleep until killed.
 *
 * spawn: run CMD as a child with the PID list NSPIDS (innermost first),
 * through clone3(2)'s set_tid, so that a lock query translating the dead
 * taker's PID finds it at every level; wait for it and exit with its
 * status.  Exits 3 when one of those PIDs is taken.
 *
 * getlk: print the PID that F_GETLK reports for a write lock on FILE
 * (0: none), which is what a lock query would trust.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/sched.h>

#define MAX_LEVELS 32

static int lock_fd = -1;
static int report[2];
static int hostproc = -1;

/* The child of hold: lock, write its PID, report its PIDs, exit */
static int
take_lock(void *arg)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	char buf[4096], *line;
	ssize_t n;
	int fd;

	(void)arg;
	if (fcntl(lock_fd, F_SETLK, &fl) < 0) {
		perror("F_SETLK");
		_exit(2);
	}
	n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (write(lock_fd, buf, (size_t)n) != n)
		_exit(2);
	/* NSpid in the outer procfs: outermost first */
	fd = openat(hostproc, "self/status", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || (n = read(fd, buf, sizeof(buf) - 1)) <= 0)
		_exit(2);
	buf[n] = '\0';
	line = strstr(buf, "\nNSpid:");
	if (!line)
		_exit(2);
	line += 7;
	line[strcspn(line, "\n")] = '\0';
	if (write(report[1], line, strlen(line)) < 0)
		_exit(2);
	_exit(0);
}

static int
hold(const char *file, const char *ready, const char *fdarg)
{
	static char stack[64 * 1024];
	char got[512] = "", tmp[4096], *tok, *save = NULL;
	long levels[MAX_LEVELS];
	int n = 0, status;
	ssize_t len;
	pid_t child;
	FILE *f;

	hostproc = atoi(fdarg);
	lock_fd = open(file, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (lock_fd < 0 || pipe(report) < 0) {
		perror(file);
		return 2;
	}
	child = clone(take_lock, stack + sizeof(stack), CLONE_FILES | SIGCHLD,
		      NULL);
	if (child < 0 || waitpid(child, &status, 0) != child ||
	    !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "lockshare: the taker failed\n");
		return 2;
	}
	len = read(report[0], got, sizeof(got) - 1);
	if (len <= 0)
		return 2;
	got[len] = '\0';
	for (tok = strtok_r(got, " \t", &save); tok && n < MAX_LEVELS;
	     tok = strtok_r(NULL, " \t", &save))
		levels[n++] = strtol(tok, NULL, 10);
	snprintf(tmp, sizeof(tmp), "%s.tmp", ready);
	f = fopen(tmp, "w");
	if (!f)
		return 2;
	fprintf(f, "pid=%d\ntaker=%d\nnspids=", (int)getpid(), (int)child);
	while (n-- > 0)
		fprintf(f, "%ld%s", levels[n], n ? "," : "\n");
	if (fclose(f) != 0 || rename(tmp, ready) != 0)
		return 2;
	for (;;)
		pause();
}

static int
spawn(const char *list, char **argv)
{
	pid_t set_tid[MAX_LEVELS], child;
	struct clone_args args;
	char *copy = strdup(list), *tok, *save = NULL;
	int n = 0, status;

	for (tok = strtok_r(copy, ",", &save); tok && n < MAX_LEVELS;
	     tok = strtok_r(NULL, ",", &save))
		set_tid[n++] = (pid_t)strtol(tok, NULL, 10);
	memset(&args, 0, sizeof(args));
	args.exit_signal = SIGCHLD;
	args.set_tid = (uint64_t)(uintptr_t)set_tid;
	args.set_tid_size = (uint64_t)n;
	child = (pid_t)syscall(SYS_clone3, &args, sizeof(args));
	if (child < 0) {
		perror("clone3");
		return errno == EEXIST ? 3 : 2;
	}
	if (child == 0) {
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	if (waitpid(child, &status, 0) != child)
		return 2;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int
getlk(const char *file)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	int fd = open(file, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fcntl(fd, F_GETLK, &fl) < 0) {
		perror(file);
		return 2;
	}
	printf("%d\n", fl.l_type == F_UNLCK ? 0 : (int)fl.l_pid);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "hold") == 0)
		return hold(argv[2], argv[3], argv[4]);
	if (argc >= 4 && strcmp(argv[1], "spawn") == 0)
		return spawn(argv[2], argv + 3);
	if (argc == 3 && strcmp(argv[1], "getlk") == 0)
		return getlk(argv[2]);
	fprintf(stderr, "usage: lockshare hold FILE READY HOSTPROC_FD | "
		"spawn NSPIDS CMD [ARG...] | getlk FILE\n");
	return 2;
}
