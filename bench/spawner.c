/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * spawner - start many tiny target processes for the benchmarks, fast.
 *
 * Usage: spawner -n TOTAL [-m MATCHING] [-a NAME] [-b NAME]
 *                [-p PIDFILE] [-r READYFILE] [-s STAMPFILE]
 *
 * Forks TOTAL children (no exec: they share the spawner's pages).  MATCHING
 * of them (default: all) name themselves NAME-A (default pkbenchmatch), the
 * others NAME-B (default pkbenchother), interleaved so that matching PIDs
 * are spread over the whole range.  Each child sets its comm with
 * prctl(PR_SET_NAME), asks for SIGKILL if the spawner dies, and pause()s.
 *
 * When every child is running the spawner writes their PIDs, one a line,
 * to PIDFILE, then "pid=N start=TICKS" (its own identity, for a safe
 * clean-up) to READYFILE; both are written under a temporary name and
 * renamed.  It then reaps its children as they die and notes the
 * CLOCK_MONOTONIC times of the first and the last reap.  When none is
 * left it writes "children=N first_exit_ns=T1 last_exit_ns=T2" to
 * STAMPFILE and exits 0.
 *
 * SIGTERM, SIGINT or SIGHUP, or the death of the spawner's parent (it
 * asks for SIGTERM then): SIGKILL every child not yet reaped (they are
 * its own unreaped children, so their PIDs cannot have been reused), reap
 * them, and exit.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The kernel's PID_MAX_LIMIT on 64-bit: no PID is ever larger */
#define PID_LIMIT 4194304

static volatile sig_atomic_t stop_requested;

static void
on_stop(int signo)
{
	(void)signo;
	stop_requested = 1;
}

static void
on_child(int signo)
{
	(void)signo;	/* only wakes sigsuspend() */
}

static void
die(const char *what)
{
	perror(what);
	exit(3);
}

static unsigned long
number(const char *s, const char *what)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end) {
		fprintf(stderr, "spawner: bad %s: %s\n", what, s);
		exit(2);
	}
	return v;
}

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Field 22 of /proc/self/stat: this process's start time in ticks */
static unsigned long long
own_start(void)
{
	char buf[1024], *p;
	unsigned long long start = 0;
	FILE *f = fopen("/proc/self/stat", "r");
	int field;

	if (!f || !fgets(buf, sizeof(buf), f))
		die("/proc/self/stat");
	fclose(f);
	p = strrchr(buf, ')');
	for (field = 2; p && field < 22; field++)
		p = strchr(p + 1, ' ');
	if (p)
		start = strtoull(p + 1, NULL, 10);
	return start;
}

/* Write text to path through a temporary name, so readers see all or none */
static void
write_file(const char *path, const char *text, size_t len)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0)
		die(tmp);
	if (rename(tmp, path) < 0)
		die(path);
}

static void
write_pids(const char *path, const pid_t *pids, size_t n)
{
	char *buf = malloc(n * 12 + 1);
	size_t i, len = 0;

	if (!buf)
		die("malloc");
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(buf + len, "%d\n", (int)pids[i]);
	write_file(path, buf, len);
	free(buf);
}

static void
child(const char *name, pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(0);
	prctl(PR_SET_NAME, name);
	for (;;)
		pause();
}

int
main(int argc, char **argv)
{
	const char *name_a = "pkbenchmatch", *name_b = "pkbenchother";
	const char *pidfile = NULL, *readyfile = NULL, *stampfile = NULL;
	unsigned long total = 0, matching = (unsigned long)-1, i;
	size_t started = 0, reaped = 0;
	long long first_exit = 0, last_exit = 0;
	struct sigaction sa;
	sigset_t block, old;
	pid_t *pids, self = getpid(), starter = getppid();
	unsigned *slot;
	char text[256];
	int opt;

	while ((opt = getopt(argc, argv, "n:m:a:b:p:r:s:")) != -1) {
		switch (opt) {
		case 'n': total = number(optarg, "count"); break;
		case 'm': matching = number(optarg, "count"); break;
		case 'a': name_a = optarg; break;
		case 'b': name_b = optarg; break;
		case 'p': pidfile = optarg; break;
		case 'r': readyfile = optarg; break;
		case 's': stampfile = optarg; break;
		default: return 2;
		}
	}
	if (total == 0 || optind != argc) {
		fprintf(stderr, "usage: spawner -n TOTAL [-m MATCHING] "
			"[-a NAME] [-b NAME] [-p PIDFILE] [-r READY] "
			"[-s STAMP]\n");
		return 2;
	}
	if (matching > total)
		matching = total;
	pids = calloc(total, sizeof(*pids));
	if (!pids)
		die("calloc");

	/* stop and child signals are only taken inside sigsuspend() */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_child;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	/* if whoever started us dies, clean up as if told to */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != starter)
		stop_requested = 1;

	for (i = 0; i < total && !stop_requested; i++) {
		/* child i matches when the running share of matches steps up */
		int match = (i + 1) * matching / total != i * matching / total;
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0) {
			sigprocmask(SIG_SETMASK, &old, NULL);
			signal(SIGTERM, SIG_DFL);
			signal(SIGINT, SIG_DFL);
			signal(SIGHUP, SIG_DFL);
			signal(SIGCHLD, SIG_DFL);
			child(match ? name_a : name_b, self);
		}
		pids[started++] = pid;
	}
	/* PID -> index + 1, to forget a reaped child in constant time */
	slot = calloc(PID_LIMIT + 1, sizeof(*slot));
	if (!slot)
		die("calloc");
	for (i = 0; i < started; i++)
		slot[pids[i]] = (unsigned)i + 1;
	if (pidfile)
		write_pids(pidfile, pids, started);
	if (readyfile) {
		int len = snprintf(text, sizeof(text), "pid=%d start=%llu\n",
				   (int)self, own_start());

		write_file(readyfile, text, (size_t)len);
	}

	for (;;) {
		int status;
		pid_t pid;

		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			last_exit = now_ns();
			if (reaped++ == 0)
				first_exit = last_exit;
			/* forget it: it must never be signaled again */
			if (pid <= PID_LIMIT && slot[pid]) {
				pids[slot[pid] - 1] = 0;
				slot[pid] = 0;
			}
		}
		if (pid < 0 && errno == ECHILD)
			break;
		if (stop_requested) {
			for (i = 0; i < started; i++)
				if (pids[i] > 0)
					kill(pids[i], SIGKILL);
			stop_requested = 0;
			stampfile = NULL;	/* not a measured ending */
		}
		sigsuspend(&old);
	}
	if (stampfile) {
		int len = snprintf(text, sizeof(text),
				   "children=%zu first_exit_ns=%lld "
				   "last_exit_ns=%lld\n",
				   reaped, first_exit, last_exit);

		write_file(stampfile, text, (size_t)len);
	}
	free(slot);
	free(pids);
	return 0;
}
