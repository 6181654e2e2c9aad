/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * timeit - run one command and say how long it took, in what CPU and memory.
 *
 * Usage: timeit OUTFILE COMMAND [ARG...]
 *
 * Runs COMMAND (execvp, no shell) and appends one line to OUTFILE:
 *     start_ns=S end_ns=E wall_us=W user_us=U sys_us=Y maxrss_kb=M status=X
 * S and E are CLOCK_MONOTONIC, taken just before fork and just after the
 * command was reaped, so they compare with the spawner's last_exit_ns;
 * user, system and peak RSS come from wait4(2) with microsecond and
 * kilobyte resolution (GNU time rounds CPU to 10 ms).  X is the exit
 * status, or 128+N for a signal.  timeit exits with the command's status.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long
tv_us(struct timeval tv)
{
	return (long long)tv.tv_sec * 1000000LL + tv.tv_usec;
}

int
main(int argc, char **argv)
{
	struct rusage ru;
	long long start, end;
	int status, code;
	pid_t pid;
	FILE *out;

	if (argc < 3) {
		fprintf(stderr, "usage: timeit OUTFILE COMMAND [ARG...]\n");
		return 2;
	}
	out = fopen(argv[1], "a");
	if (!out) {
		perror(argv[1]);
		return 3;
	}
	start = now_ns();
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 3;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("wait4");
		return 3;
	}
	end = now_ns();
	code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	fprintf(out, "start_ns=%lld end_ns=%lld wall_us=%lld user_us=%lld "
		"sys_us=%lld maxrss_kb=%ld status=%d\n", start, end,
		(end - start) / 1000, tv_us(ru.ru_utime), tv_us(ru.ru_stime),
		ru.ru_maxrss, code);
	if (fclose(out) != 0) {
		perror(argv[1]);
		return 3;
	}
	return code;
}
