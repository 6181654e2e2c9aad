/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * proctree.c - children and stops, read in /proc.
 *
 * /proc/PID/task/TID/children lists the processes whose parent is that
 * thread.  The kernel builds the list as it is read: a long one is read
 * in several calls, each starting again at a position in the list, so a
 * child that leaves the list between calls (a sibling reaped at once, its
 * parent ignoring SIGCHLD) shifts the rest and one may be skipped.  Such
 * a list is read again until two readings agree; every child any reading
 * showed is a candidate.  The list is only exact for a stopped parent,
 * which cannot add to it: the caller stops a process before it asks.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/kcmp.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "proctree.h"
#include "xalloc.h"

/* A children list that fits in one reading is read once */
#define ONE_READING 3000
#define MAX_READINGS 8

/* The devices of pty slaves (linux/major.h) */
#ifndef UNIX98_PTY_SLAVE_MAJOR
#define UNIX98_PTY_SLAVE_MAJOR 136
#endif
#ifndef UNIX98_PTY_MAJOR_COUNT
#define UNIX98_PTY_MAJOR_COUNT 8
#endif

struct pids {
	pid_t *v;
	size_t n, cap;
};

static void
pids_push(struct pids *p, pid_t pid)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	p->v[p->n++] = pid;
}

static int
compare_pids(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

/* Sort and drop repeats */
static void
pids_unique(struct pids *p, size_t from)
{
	size_t i, k;

	if (p->n - from < 2)
		return;
	qsort(p->v + from, p->n - from, sizeof(*p->v), compare_pids);
	for (i = k = from + 1; i < p->n; i++)
		if (p->v[i] != p->v[k - 1])
			p->v[k++] = p->v[i];
	p->n = k;
}

/* The whole of a /proc file, NUL-terminated, in *buf; its length, or -1 */
static ssize_t
read_whole(int dir, const char *name, char **buf, size_t *size)
{
	size_t len = 0;
	ssize_t n;
	int fd = openat(dir, name, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	for (;;) {
		if (len + 4097 > *size) {
			*size = 2 * *size + 8192;
			*buf = xreallocarray(*buf, *size, 1);
		}
		n = read(fd, *buf + len, *size - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (n < 0)
		return -1;
	(*buf)[len] = '\0';
	return (ssize_t)len;
}

/* The PIDs a children list holds, appended to out */
static void
parse_pids(const char *text, struct pids *out)
{
	const char *p = text;

	while (*p) {
		char *end;
		long v;

		while (*p == ' ' || *p == '\n')
			p++;
		if (!*p)
			break;
		errno = 0;
		v = strtol(p, &end, 10);
		if (end == p || errno || v <= 0 || v > 4194304)
			break;		/* not a list of PIDs: nothing more */
		pids_push(out, (pid_t)v);
		p = end;
	}
}

/*
 * The children of one thread (its task directory is dir, the thread
 * name): read until two readings agree when the list is long.  0, or -1
 * when the file does not exist.
 */
static int
thread_children(int dir, const char *tid, struct pids *out, char **buf,
		size_t *size, char **prev, size_t *prev_size)
{
	char name[300];
	ssize_t len, before = -1;
	int k;

	snprintf(name, sizeof(name), "%s/children", tid);
	for (k = 0; k < MAX_READINGS; k++) {
		len = read_whole(dir, name, buf, size);
		if (len < 0)
			return errno == ENOENT && k == 0 ? -1 : 0;
		parse_pids(*buf, out);
		if (len < ONE_READING ||
		    (len == before && memcmp(*buf, *prev, (size_t)len) == 0))
			break;
		if ((size_t)len + 1 > *prev_size) {
			*prev_size = (size_t)len + 1;
			*prev = xreallocarray(*prev, *prev_size, 1);
		}
		memcpy(*prev, *buf, (size_t)len + 1);
		before = len;
	}
	return 0;
}

/*
 * The children of pid, from the children file of each of its threads.
 * 0; -1 with errno ENOTSUP when the kernel has no children files.
 */
static int
children_by_files(pid_t pid, struct pids *out)
{
	static char *buf, *prev;
	static size_t size, prev_size;
	char path[64];
	struct dirent *e;
	int fd, rc = 0;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return 0;	/* gone: no children */
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return 0;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		if (thread_children(dirfd(d), e->d_name, out, &buf, &size,
				    &prev, &prev_size) < 0) {
			/* the thread may just have exited; the file is
			   missing only if the kernel has none at all */
			if (faccessat(dirfd(d), e->d_name, F_OK, 0) == 0) {
				rc = -1;
				errno = ENOTSUP;
				break;
			}
		}
	}
	closedir(d);
	return rc;
}

/*
 * The fields of a stat file (of dir, or of /proc with AT_FDCWD) after
 * the name, from the state on, into buf; NULL if it cannot be read.
 */
static const char *
stat_fields(int dir, const char *name, char *buf, size_t size)
{
	ssize_t n;
	char *p;
	int fd = openat(dir, name, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	/* the name may hold anything, ')' too: the last one ends it */
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p + 2 : NULL;
}

/* The PPid of process pid from its stat file; -1 if it cannot be read */
static pid_t
stat_ppid(int proc, const char *pid)
{
	char name[300], buf[1024];
	const char *f;
	int ppid;

	snprintf(name, sizeof(name), "%s/stat", pid);
	f = stat_fields(proc, name, buf, sizeof(buf));
	if (!f || sscanf(f, "%*c %d", &ppid) != 1)
		return -1;
	return (pid_t)ppid;
}

int
proc_start_time(pid_t pid, unsigned long long *start)
{
	char name[300], buf[1024];
	const char *f;

	snprintf(name, sizeof(name), "/proc/%d/stat", (int)pid);
	f = stat_fields(AT_FDCWD, name, buf, sizeof(buf));
	/* from the state (field 3), the start time is the 20th */
	if (!f || sscanf(f, "%*c %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s "
			 "%*s %*s %*s %*s %*s %*s %*s %*s %llu", start) != 1)
		return -1;
	return 0;
}

pid_t
proc_tracer(pid_t pid)
{
	char name[64], *line = NULL;
	size_t cap = 0;
	long tracer = 0;
	FILE *f;

	snprintf(name, sizeof(name), "/proc/%d/status", (int)pid);
	f = fopen(name, "re");
	if (!f)
		return 0;
	while (getline(&line, &cap, f) > 0)
		if (sscanf(line, "TracerPid: %ld", &tracer) == 1)
			break;
	free(line);
	fclose(f);
	return tracer > 0 ? (pid_t)tracer : 0;
}

/*
 * Whether descriptor fd (its name in dir, /proc/PID/fd) is the master
 * of pty index: its link names a ptmx, and its fdinfo (in info,
 * /proc/PID/fdinfo) gives that tty-index.  A master of another devpts
 * instance with the same index passes too.
 */
static bool
is_master_of(int dir, int info, const char *fd, int index)
{
	char link[64], line[128];
	ssize_t len;
	int ifd, at;
	bool hit = false;
	FILE *f;

	len = readlinkat(dir, fd, link, sizeof(link) - 1);
	if (len <= 0)
		return false;
	link[len] = '\0';
	if (strcmp(link, "/dev/ptmx") != 0 && strcmp(link, "/dev/pts/ptmx") != 0)
		return false;
	ifd = openat(info, fd, O_RDONLY | O_CLOEXEC);
	if (ifd < 0 || !(f = fdopen(ifd, "r"))) {
		if (ifd >= 0)
			close(ifd);
		return false;
	}
	while (!hit && fgets(line, sizeof(line), f))
		hit = sscanf(line, "tty-index: %d", &at) == 1 && at == index;
	fclose(f);
	return hit;
}

/* Whether the fd table of thread task (/proc/PID/task/TID) holds the
   master of pty index */
static bool
table_serves(const char *task, int index)
{
	char path[600];
	struct dirent *e;
	int info;
	bool hit = false;
	DIR *d;

	snprintf(path, sizeof(path), "%s/fdinfo", task);
	info = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (info < 0)
		return false;
	snprintf(path, sizeof(path), "%s/fd", task);
	d = opendir(path);
	while (d && !hit && (e = readdir(d)))
		hit = e->d_name[0] != '.' &&
		      is_master_of(dirfd(d), info, e->d_name, index);
	if (d)
		closedir(d);
	close(info);
	return hit;
}

/*
 * Whether process name (in /proc) holds the master of pty index, in the
 * fd table of any of its threads: a thread may have one of its own
 * (unshare(CLONE_FILES)), and a leader that exited has none.  A thread
 * that shares the leader's table is not read again.
 */
static bool
serves_pty(const char *name, int index)
{
	char path[560];
	struct dirent *e;
	pid_t pid = (pid_t)strtol(name, NULL, 10), tid;
	bool hit = false;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%s/task", name);
	d = opendir(path);
	while (d && !hit && (e = readdir(d))) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		tid = (pid_t)strtol(e->d_name, NULL, 10);
		if (tid != pid &&
		    syscall(SYS_kcmp, pid, tid, KCMP_FILES, 0, 0) == 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%s/task/%s", name,
			 e->d_name);
		hit = table_serves(path, index);
	}
	if (d)
		closedir(d);
	return hit;
}

int
proc_pty_index(int fd)
{
	unsigned int dev;
	struct stat st;

	/* /dev/tty is a device of its own: the kernel tells which
	   terminal it stands for */
	if (ioctl(fd, TIOCGDEV, &dev) == 0)
		st.st_rdev = (dev_t)dev;
	else if (fstat(fd, &st) < 0 || !S_ISCHR(st.st_mode))
		return -1;
	if (major(st.st_rdev) < UNIX98_PTY_SLAVE_MAJOR ||
	    major(st.st_rdev) >= UNIX98_PTY_SLAVE_MAJOR +
				  UNIX98_PTY_MAJOR_COUNT)
		return -1;
	return (int)((major(st.st_rdev) - UNIX98_PTY_SLAVE_MAJOR) * 256 +
		     minor(st.st_rdev));
}

size_t
proc_pty_servers(int index, pid_t **pids)
{
	struct pids found = { 0 };
	struct dirent *e;
	DIR *d;

	d = opendir("/proc");
	while (d && (e = readdir(d)))
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9' &&
		    serves_pty(e->d_name, index))
			pids_push(&found, (pid_t)strtol(e->d_name, NULL, 10));
	if (d)
		closedir(d);
	*pids = found.v;
	return found.n;
}

struct parent_key {
	pid_t pid;
	size_t index;
};

static int
compare_keys(const void *a, const void *b)
{
	const struct parent_key *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

static void
kin_push(struct kin_list *kin, size_t parent, pid_t pid)
{
	if (kin->n == kin->cap) {
		kin->cap = kin->cap ? 2 * kin->cap : 64;
		kin->v = xreallocarray(kin->v, kin->cap, sizeof(*kin->v));
	}
	kin->v[kin->n].parent = parent;
	kin->v[kin->n++].pid = pid;
}

/* Without children files: one scan of /proc, every process's PPid */
static int
children_by_scan(const pid_t *parents, size_t n, struct kin_list *kin)
{
	struct parent_key *keys = xreallocarray(NULL, n, sizeof(*keys));
	struct parent_key key, *hit;
	struct dirent *e;
	size_t i;
	DIR *d;

	for (i = 0; i < n; i++)
		keys[i] = (struct parent_key){ parents[i], i };
	qsort(keys, n, sizeof(*keys), compare_keys);
	d = opendir("/proc");
	if (!d) {
		free(keys);
		return -1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		key.pid = stat_ppid(dirfd(d), e->d_name);
		if (key.pid <= 0 ||
		    !(hit = bsearch(&key, keys, n, sizeof(*keys), compare_keys)))
			continue;
		kin_push(kin, hit->index, (pid_t)strtol(e->d_name, NULL, 10));
	}
	closedir(d);
	free(keys);
	return 0;
}

int
proc_children_of(const pid_t *parents, size_t n, struct kin_list *kin)
{
	static bool no_files;
	struct pids found = { 0 };
	size_t i, k;

	for (i = 0; i < n && !no_files; i++) {
		found.n = 0;
		if (children_by_files(parents[i], &found) < 0) {
			no_files = true;
			break;
		}
		pids_unique(&found, 0);
		for (k = 0; k < found.n; k++)
			kin_push(kin, i, found.v[k]);
	}
	free(found.v);
	if (!no_files)
		return 0;
	kin->n = 0;
	return children_by_scan(parents, n, kin);
}

void
kin_list_free(struct kin_list *kin)
{
	free(kin->v);
	kin->v = NULL;
	kin->n = kin->cap = 0;
}

/* The state letter of one thread, '?' when it cannot be read */
static char
thread_state(int dir, const char *tid)
{
	char name[300], buf[1024];
	const char *f;

	snprintf(name, sizeof(name), "%s/stat", tid);
	f = stat_fields(dir, name, buf, sizeof(buf));
	return f && *f ? *f : '?';
}

/* How a one-thread process is, from /proc/PID/stat alone: 0, or -1 when
   it has more threads (or cannot be read) */
static int
lone_thread_state(pid_t pid, enum proc_run *run, char *state)
{
	char name[64], buf[1024];
	const char *f;
	int threads;

	snprintf(name, sizeof(name), "/proc/%d/stat", (int)pid);
	f = stat_fields(AT_FDCWD, name, buf, sizeof(buf));
	/* from the state (field 3), the number of threads is the 18th */
	if (!f || sscanf(f, "%c %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s "
			 "%*s %*s %*s %*s %*s %*s %d", state, &threads) != 2 ||
	    threads != 1)
		return -1;
	switch (*state) {
	case 'T':
	case 't':
		*run = PROC_STOPPED;
		break;
	case 'Z':
	case 'X':
	case 'x':
		*run = PROC_EXITED;
		break;
	default:
		*run = PROC_RUNNING;
	}
	return 0;
}

enum proc_run
proc_threads_state(pid_t pid, char *state)
{
	enum proc_run run = PROC_EXITED;
	char path[64], c;
	struct dirent *e;
	DIR *d;
	int fd;

	/* most processes have one thread: its line is the whole story */
	if (lone_thread_state(pid, &run, state) == 0)
		return run;
	run = PROC_EXITED;
	*state = 'X';
	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || !(d = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return PROC_EXITED;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		c = thread_state(dirfd(d), e->d_name);
		/* a thread gone since the listing, or one that exited */
		if (c == '?' || c == 'Z' || c == 'X' || c == 'x')
			continue;
		if (c == 'T' || c == 't') {
			if (run == PROC_EXITED) {
				run = PROC_STOPPED;
				*state = c;
			}
			continue;
		}
		run = PROC_RUNNING;
		*state = c;
		break;
	}
	closedir(d);
	return run;
}
