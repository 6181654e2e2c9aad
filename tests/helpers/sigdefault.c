/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sigdefault - run a command with some signals at their default action
 * and unblocked, as env --default-signal does, for any signal number:
 * 32 and 33 too, which the C library keeps for its threads and will not
 * touch (GNU make, for one, starts its commands ignoring them).
 *
 * Usage: sigdefault SIGNO[,SIGNO...] COMMAND [ARG...]
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The kernel's struct sigaction (asm-generic layout) */
struct kernel_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

int
main(int argc, char **argv)
{
	char *list, *tok, *save = NULL, *end;
	uint64_t unblock = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: sigdefault SIGNO[,SIGNO...] COMMAND [ARG...]\n");
		return 2;
	}
	list = strdup(argv[1]);
	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		struct kernel_sigaction ka = { .handler = SIG_DFL };
		long signo = strtol(tok, &end, 10);

		if (*end || signo < 1 || signo > 64 ||
		    syscall(SYS_rt_sigaction, (int)signo, &ka, NULL,
			    sizeof(uint64_t)) < 0) {
			fprintf(stderr, "sigdefault: %s: cannot set it to its "
				"default action\n", tok);
			return 2;
		}
		unblock |= (uint64_t)1 << (signo - 1);
	}
	if (syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &unblock, NULL,
		    sizeof(uint64_t)) < 0) {
		perror("sigdefault: rt_sigprocmask");
		return 2;
	}
	execvp(argv[2], argv + 2);
	perror(argv[2]);
	return 127;
}
