/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sharevm - two processes that share one address space (CLONE_VM
 * without CLONE_THREAD), as a test target whose memory process_mrelease
 * cannot release while the other lives.
 *
 * Usage: sharevm NAME READY
 *
 * Both are named NAME (prctl PR_SET_NAME).  The parent clones the child
 * with CLONE_VM, writes "pid=PARENT" and "child=CHILD" to READY (to a
 * temporary name, then renamed) and sleeps until killed, without reaping
 * the child: a child that dies stays a zombie while the parent lives.
 * The child sleeps until killed, and is killed when the parent dies
 * (PR_SET_PDEATHSIG).  Exits 125 if it cannot set this up.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

#define STACK_SIZE (256 * 1024)

static pid_t parent;

static int
child_main(void *arg)
{
	(void)arg;
	/* the name is per thread, not per address space: set it here too */
	prctl(PR_SET_NAME, (unsigned long)getenv("SHAREVM_NAME"), 0, 0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (getppid() != parent)
		_exit(0);	/* the parent died before the line above */
	for (;;)
		pause();
	return 0;
}

int
main(int argc, char **argv)
{
	char tmp[4096];
	char *stack;
	FILE *f;
	pid_t child;

	if (argc != 3) {
		fprintf(stderr, "usage: sharevm NAME READY\n");
		return 125;
	}
	if (setenv("SHAREVM_NAME", argv[1], 1) < 0 ||
	    prctl(PR_SET_NAME, (unsigned long)argv[1], 0, 0, 0) < 0)
		return 125;
	parent = getpid();
	stack = malloc(STACK_SIZE);
	if (!stack)
		return 125;
	child = clone(child_main, stack + STACK_SIZE, CLONE_VM | SIGCHLD, NULL);
	if (child < 0) {
		perror("sharevm: clone");
		return 125;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[2]);
	f = fopen(tmp, "w");
	if (!f || fprintf(f, "pid=%d\nchild=%d\n", (int)parent, (int)child) < 0 ||
	    fclose(f) != 0 || rename(tmp, argv[2]) < 0) {
		perror("sharevm: ready file");
		return 125;
	}
	for (;;)
		pause();
}
