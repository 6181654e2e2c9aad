/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * samepid - run a command in a new PID namespace under the PID it would
 * have in the namespace above, with /proc left as that namespace's.
 *
 * Usage: samepid COMMAND [ARG...]
 *
 * It unshares a PID namespace and forks: the child is PID 1 of the new
 * namespace (no new /proc is mounted: /proc stays the outer one).  That
 * child starts the command with clone3() and set_tid = {P, P}, so the
 * command is PID P in both namespaces, P a PID free in the outer one:
 * getpid() and the outer /proc/self then agree, though /proc belongs to
 * another PID namespace.  samepid exits with the command's status (128 +
 * the signal that killed it), 125 if it could not set this up, 127 if
 * the command could not be run.  Needs CAP_SYS_ADMIN (root).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#ifndef CLONE_ARGS_SIZE_VER1
#define CLONE_ARGS_SIZE_VER1 80 /* up to set_tid_size (Linux 5.5) */
#endif

/* the exit status of a child as a shell would give it */
static int
status_of(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return 125;
}

static int
wait_for(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			perror("samepid: waitpid");
			return 125;
		}
	return status_of(st);
}

static long
read_long(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = -1;

	if (!f || fscanf(f, "%ld", &v) != 1)
		v = -1;
	if (f)
		fclose(f);
	return v;
}

/* PID 1 of the new namespace: start the command as PID P in both */
static int
init_main(long first, long pid_max, char **argv)
{
	char path[64];
	long p;
	int tries = 0;

	for (p = first; p < pid_max && tries < 50; p++) {
		pid_t tid[2] = { (pid_t)p, (pid_t)p };
		struct clone_args ca;
		long child;

		snprintf(path, sizeof(path), "/proc/%ld", p);
		if (access(path, F_OK) == 0)
			continue;
		tries++;
		memset(&ca, 0, sizeof(ca));
		ca.exit_signal = SIGCHLD;
		ca.set_tid = (uint64_t)(uintptr_t)tid;
		ca.set_tid_size = 2;
		child = syscall(SYS_clone3, &ca, CLONE_ARGS_SIZE_VER1);
		if (child == 0) {
			execvp(argv[0], argv);
			fprintf(stderr, "samepid: %s: %s\n", argv[0],
				strerror(errno));
			_exit(127);
		}
		if (child > 0)
			return wait_for((pid_t)child);
		if (errno != EEXIST) {
			perror("samepid: clone3");
			return 125;
		}
	}
	fprintf(stderr, "samepid: found no free PID from %ld\n", first);
	return 125;
}

int
main(int argc, char **argv)
{
	long last, pid_max, first;
	pid_t init;

	if (argc < 2) {
		fprintf(stderr, "usage: samepid COMMAND [ARG...]\n");
		return 125;
	}
	/* read in the outer namespace: the numbers are its own */
	last = read_long("/proc/sys/kernel/ns_last_pid");
	pid_max = read_long("/proc/sys/kernel/pid_max");
	if (last < 0 || pid_max < 0) {
		fprintf(stderr, "samepid: cannot read ns_last_pid/pid_max\n");
		return 125;
	}
	/* well above the PIDs being handed out, wrapping before pid_max */
	first = last + 1000;
	if (first + 100 >= pid_max)
		first = 1000;
	if (unshare(CLONE_NEWPID) < 0) {
		perror("samepid: unshare(CLONE_NEWPID)");
		return 125;
	}
	init = fork();
	if (init < 0) {
		perror("samepid: fork");
		return 125;
	}
	if (init == 0)
		_exit(init_main(first, pid_max, argv + 1));
	return wait_for(init);
}
