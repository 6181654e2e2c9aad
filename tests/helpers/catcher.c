/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * catcher - a test target that logs every signal it receives.
 *
 * Usage: catcher [--name NAME] [--log FILE] [--ready FILE] [--threads N]
 *                [--only SIG,...] [--block SIG,...] [--exit-on SIG]
 *                [--lock-pidfile FILE] [--pidfile FILE] [--setsid]
 *                [--setpgid] [--drop-to UID] [--regain-on SIG]
 *                [--lock-kind KIND]
 *
 * Sets its name (comm) with prctl(PR_SET_NAME), installs SA_SIGINFO
 * handlers for every catchable signal (or only those given with --only),
 * and appends one line per signal to the log:
 *     signo=N code=N pid=N uid=N value=N tid=N
 * When ready it writes "pid=N" and, with --threads, "tids=T1,T2,..." to
 * the ready file (written to a temporary name, then renamed).  It runs
 * until killed, or exits 0 after logging the --exit-on signal.
 *
 * --drop-to UID (started as root): before it writes the ready file, set
 * the real and effective UIDs to UID and keep the saved UID 0
 * (setresuid(UID, UID, 0)), so that UID may signal it; the filesystem
 * UID goes back to 0 (setfsuid), to write the ready file where root
 * can.  --regain-on SIG: after logging SIG, set every UID back to 0
 * (setresuid(0, 0, 0), allowed by the saved UID), so that UID may no
 * longer signal it.  The regain changes the calling thread's credentials
 * only (a raw system call, async-signal-safe): use it without --threads.
 *
 * --lock-pidfile FILE writes the pidfile and keeps it open with a lock of
 * the --lock-kind given before it: posix (fcntl F_WRLCK, the default),
 * ofd (F_OFD_SETLK, F_WRLCK), flock (LOCK_EX), posix-read (F_RDLCK),
 * flock-shared (LOCK_SH), or none (open, no lock).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/fsuid.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "asyncfmt.h"

#ifndef F_OFD_SETLK
#define F_OFD_SETLK 37
#endif

static int log_fd = -1;
static const char *lock_kind = "posix";
static int exit_on = -1;
static int regain_on = -1;

static void
on_signal(int signo, siginfo_t *si, void *ctx)
{
	char line[256], *p = line;
	int saved = errno;

	(void)ctx;
	p = put_str(p, "signo=");
	p = put_num(p, signo);
	p = put_str(p, " code=");
	p = put_num(p, si->si_code);
	p = put_str(p, " pid=");
	p = put_num(p, si->si_pid);
	p = put_str(p, " uid=");
	p = put_num(p, (long)si->si_uid);
	p = put_str(p, " value=");
	p = put_num(p, si->si_value.sival_int);
	p = put_str(p, " tid=");
	p = put_num(p, (long)syscall(SYS_gettid));
	*p++ = '\n';
	if (log_fd >= 0 && write(log_fd, line, (size_t)(p - line)) < 0)
		(void)0;
	if (signo == regain_on && syscall(SYS_setresuid, 0, 0, 0) < 0)
		_exit(3);
	if (signo == exit_on)
		_exit(0);
	errno = saved;
}

static int
sig_from(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end == '\0' && v > 0)
		return (int)v;
	if (strncmp(s, "SIG", 3) == 0)
		s += 3;
	for (int i = 1; i < SIGRTMIN; i++)
		if (sigabbrev_np(i) && strcmp(sigabbrev_np(i), s) == 0)
			return i;
	fprintf(stderr, "catcher: bad signal %s\n", s);
	exit(2);
}

static void
parse_sigset(const char *list, sigset_t *set)
{
	char *copy = strdup(list), *save = NULL, *tok;

	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		sigaddset(set, sig_from(tok));
	free(copy);
}

static void *
idle_thread(void *arg)
{
	int *tid = arg;

	*tid = (int)syscall(SYS_gettid);
	for (;;)
		pause();
	return NULL;
}

/* Lock fd as lock_kind says: 0 or -1 */
static int
take_lock(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

	if (strcmp(lock_kind, "posix") == 0)
		return fcntl(fd, F_SETLK, &fl);
	if (strcmp(lock_kind, "ofd") == 0)
		return fcntl(fd, F_OFD_SETLK, &fl);
	if (strcmp(lock_kind, "flock") == 0)
		return flock(fd, LOCK_EX | LOCK_NB);
	if (strcmp(lock_kind, "flock-shared") == 0)
		return flock(fd, LOCK_SH | LOCK_NB);
	if (strcmp(lock_kind, "none") == 0)
		return 0;
	fl.l_type = F_RDLCK;
	if (strcmp(lock_kind, "posix-read") == 0)
		return fcntl(fd, F_SETLK, &fl);
	fprintf(stderr, "catcher: bad lock kind %s\n", lock_kind);
	exit(2);
}

static void
hold_pidfile(const char *path)
{
	char buf[32];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	int n;

	if (fd < 0 || take_lock(fd) < 0) {
		perror(path);
		exit(2);
	}
	n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (write(fd, buf, (size_t)n) != n)
		exit(2);
	/* the fd stays open: closing it would drop the lock */
}

static void
write_pidfile(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f || fprintf(f, "%d\n", (int)getpid()) < 0 || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

static void
write_ready(const char *path, const int *tids, int n)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		exit(2);
	fprintf(f, "pid=%d\n", (int)getpid());
	if (n > 0) {
		fprintf(f, "tids=");
		for (int i = 0; i < n; i++)
			fprintf(f, "%s%d", i ? "," : "", tids[i]);
		fprintf(f, "\n");
	}
	if (fclose(f) != 0 || rename(tmp, path) != 0)
		exit(2);
}

int
main(int argc, char **argv)
{
	const char *name = NULL, *log = NULL, *ready = NULL;
	sigset_t only, block;
	int nthreads = 0, *tids;
	int have_only = 0;
	long drop_to = -1;

	sigemptyset(&only);
	sigemptyset(&block);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--setsid") == 0) {
			setsid();
			continue;
		}
		if (strcmp(a, "--setpgid") == 0) {
			setpgid(0, 0);
			continue;
		}
		if (!v) {
			fprintf(stderr, "catcher: %s needs a value\n", a);
			return 2;
		}
		i++;
		if (strcmp(a, "--name") == 0)
			name = v;
		else if (strcmp(a, "--log") == 0)
			log = v;
		else if (strcmp(a, "--ready") == 0)
			ready = v;
		else if (strcmp(a, "--threads") == 0)
			nthreads = atoi(v);
		else if (strcmp(a, "--only") == 0) {
			parse_sigset(v, &only);
			have_only = 1;
		} else if (strcmp(a, "--block") == 0)
			parse_sigset(v, &block);
		else if (strcmp(a, "--exit-on") == 0)
			exit_on = sig_from(v);
		else if (strcmp(a, "--regain-on") == 0)
			regain_on = sig_from(v);
		else if (strcmp(a, "--drop-to") == 0)
			drop_to = atol(v);
		else if (strcmp(a, "--lock-kind") == 0)
			lock_kind = v;
		else if (strcmp(a, "--lock-pidfile") == 0)
			hold_pidfile(v);
		else if (strcmp(a, "--pidfile") == 0)
			write_pidfile(v);
		else {
			fprintf(stderr, "catcher: unknown option %s\n", a);
			return 2;
		}
	}
	if (name && prctl(PR_SET_NAME, name) < 0)
		perror("prctl");
	if (log) {
		log_fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		if (log_fd < 0) {
			perror(log);
			return 2;
		}
	}
	for (int s = 1; s <= SIGRTMAX; s++) {
		struct sigaction sa = { .sa_sigaction = on_signal,
					.sa_flags = SA_SIGINFO | SA_RESTART };

		if (s == SIGKILL || s == SIGSTOP || (s > 31 && s < SIGRTMIN))
			continue;
		if (have_only && !sigismember(&only, s))
			continue;
		sigfillset(&sa.sa_mask);
		sigaction(s, &sa, NULL);
	}
	/* threads inherit the mask: block first so tests see pending bits */
	sigprocmask(SIG_BLOCK, &block, NULL);
	tids = calloc((size_t)nthreads + 1, sizeof(*tids));
	for (int i = 0; i < nthreads; i++) {
		pthread_t th;

		pthread_create(&th, NULL, idle_thread, &tids[i]);
		while (__atomic_load_n(&tids[i], __ATOMIC_SEQ_CST) == 0)
			usleep(1000);
	}
	if (drop_to >= 0) {
		if (setresuid((uid_t)drop_to, (uid_t)drop_to, 0) < 0) {
			perror("setresuid");
			return 2;
		}
		setfsuid(0);
		if (setfsuid((uid_t)-1) != 0) {
			fprintf(stderr, "catcher: setfsuid(0) failed\n");
			return 2;
		}
	}
	if (ready)
		write_ready(ready, tids, nthreads);
	for (;;)
		pause();
}
