/*
 * target.c - target records and target words.
 */
#include "config.h"

#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "options.h"
#include "pidfd.h"
#include "target.h"

/* The kernel's PID_MAX_LIMIT on 64-bit: no PID is ever larger */
#define PID_LIMIT 4194304

/*
 * Parse a decimal number that starts at *s and runs to a delimiter in
 * stop (or the end).  Only digits are accepted: no sign, no blanks.
 * Advances *s past the number.  Returns 0, or -1 on anything else.
 */
static int
take_number(const char **s, const char *stop, unsigned long long max,
	    unsigned long long *out)
{
	const char *p = *s;
	unsigned long long v = 0;

	if (!isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p); p++) {
		unsigned digit = (unsigned)(*p - '0');

		if (v > (max - digit) / 10)
			return -1;
		v = v * 10 + digit;
	}
	if (*p != '\0' && !strchr(stop, *p))
		return -1;
	*s = p;
	*out = v;
	return 0;
}

int
parse_pid(const char *s, pid_t *pid)
{
	unsigned long long v;

	if (take_number(&s, "", PID_LIMIT, &v) < 0 || v == 0)
		return -1;
	*pid = (pid_t)v;
	return 0;
}

/* "N" followed by stop or the end, as a PID */
static int
take_pid(const char **s, const char *stop, pid_t *pid)
{
	unsigned long long v;

	if (take_number(s, stop, PID_LIMIT, &v) < 0 || v == 0)
		return -1;
	*pid = (pid_t)v;
	return 0;
}

/* /proc/N, /proc/N/, /proc/N/task/T, /proc/N/task/T/ */
static int
parse_proc_path(const char *s, struct target_word *tw)
{
	if (strncmp(s, "/proc/", 6) != 0)
		return -1;
	s += 6;
	if (take_pid(&s, "/", &tw->pid) < 0)
		return -1;
	tw->form = WORD_PROC;
	if (*s == '\0' || strcmp(s, "/") == 0)
		return 0;
	if (strncmp(s, "/task/", 6) != 0)
		return -1;
	s += 6;
	if (take_pid(&s, "/", &tw->tid) < 0)
		return -1;
	tw->form = WORD_PROC_TASK;
	return *s == '\0' || strcmp(s, "/") == 0 ? 0 : -1;
}

int
parse_target_word(const char *word, struct target_word *tw)
{
	const char *s = word;
	unsigned long long v;

	memset(tw, 0, sizeof(*tw));
	if (strncmp(word, "/proc", 5) == 0)
		return parse_proc_path(word, tw);
	if (!isdigit((unsigned char)word[0])) {
		tw->form = WORD_PATTERN;
		return 0;
	}
	if (take_pid(&s, ":@", &tw->pid) < 0)
		return -1;
	if (*s == '\0') {
		tw->form = WORD_PID;
		return 0;
	}
	tw->form = *s == ':' ? WORD_PID_ID : WORD_PID_START;
	s++;
	if (take_number(&s, "", UINT64_MAX, &v) < 0)
		return -1;
	/* pidfs inodes start at 1; a start time of 0 is a real tick */
	if (tw->form == WORD_PID_ID && v == 0)
		return -1;
	if (tw->form == WORD_PID_ID)
		tw->id = v;
	else
		tw->start = v;
	return 0;
}

struct target *
target_add(struct target_list *list)
{
	struct target *t;

	if (list->n == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 16;
		struct target *v = reallocarray(list->v, cap, sizeof(*v));

		if (!v)
			errx(STATUS_ERROR, "out of memory");
		list->v = v;
		list->cap = cap;
	}
	t = &list->v[list->n++];
	memset(t, 0, sizeof(*t));
	t->fd = -1;
	t->last_signal = -1;
	return t;
}

void
target_list_free(struct target_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free(list->v[i].cmdline);
	free(list->v);
	list->v = NULL;
	list->n = list->cap = 0;
}

const char *
outcome_name(enum target_outcome outcome)
{
	switch (outcome) {
	case OUTCOME_PENDING:
		return "pending";
	case OUTCOME_SIGNALED:
		return "signaled";
	case OUTCOME_GONE:
		return "gone";
	case OUTCOME_IDENTITY:
		return "identity changed";
	case OUTCOME_PERMISSION:
		return "permission denied";
	case OUTCOME_NO_HANDLER:
		return "no handler";
	case OUTCOME_EXCLUDED:
		return "excluded";
	case OUTCOME_NOT_LOCKED:
		return "pidfile not locked by it";
	case OUTCOME_NOT_THREAD:
		return "not a thread of that process";
	case OUTCOME_FAILED:
		return "failed";
	case OUTCOME_EXITED:
		return "exited";
	case OUTCOME_SURVIVED:
		return "still alive";
	}
	return "unknown";
}

void
target_token(const struct target *t, char *buf, size_t size)
{
	pid_t who = t->tid > 0 ? t->tid : t->pid;

	if (t->id)
		snprintf(buf, size, "%d:%llu", (int)who, t->id);
	else
		snprintf(buf, size, "%d@%llu", (int)who, t->start);
}

void
targets_from_words(const struct pidkill_opts *opts, struct target_list *list)
{
	size_t i;

	for (i = 0; i < opts->nwords; i++) {
		const struct word_target *w = &opts->words[i];
		struct target *t = target_add(list);

		t->pid = w->tw.pid;
		t->tid = w->tw.tid;
		if (opts->scope == SCOPE_THREAD && w->tw.form != WORD_PROC &&
		    w->tw.form != WORD_PROC_TASK) {
			/* a bare number names a thread; its process is read
			   after pinning */
			t->tid = w->tw.pid;
			t->pid = 0;
		}
		t->origin = ORIGIN_WORD;
		t->word = w->word;
		t->form = w->tw.form;
		t->want = w->tw.form == WORD_PID_ID ? w->tw.id : w->tw.start;
	}
}

static int
compare_targets(const void *a, const void *b)
{
	const struct target *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	if (x->tid != y->tid)
		return x->tid < y->tid ? -1 : 1;
	return (int)x->origin - (int)y->origin;
}

void
target_list_dedupe(struct target_list *list)
{
	size_t i, out = 0;

	if (list->n == 0)
		return;
	qsort(list->v, list->n, sizeof(*list->v), compare_targets);
	for (i = 0; i < list->n; i++) {
		struct target *t = &list->v[i];

		if (out > 0 && list->v[out - 1].pid == t->pid &&
		    list->v[out - 1].tid == t->tid) {
			if (t->fd >= 0)
				close(t->fd);
			continue;
		}
		list->v[out++] = *t;
	}
	list->n = out;
}

/*
 * A thread pidfd for tid.  A kernel without them (before 6.9) cannot do
 * thread targets at all: that is fatal, named by what asked for it.
 */
static int
open_thread_pidfd(pid_t tid, const char *what)
{
	int fd = sys_pidfd_open(tid, PIDFD_THREAD);

	if (fd < 0 && (errno == EINVAL || errno == ENOSYS))
		errx(STATUS_ERROR, "%s: thread targets need thread pidfds "
		     "(Linux 6.9 or later); nothing was sent", what);
	return fd;
}

/* /proc/PID or /proc/PID/task/TID: -1 with errno on failure */
static int
open_proc_target(const struct target *t)
{
	int fd, dir, saved;

	if (t->form == WORD_PROC)
		return open_proc_dir(t->pid, 0);
	/* the path must name a thread of that process right now */
	dir = open_proc_dir(t->pid, t->tid);
	if (dir < 0)
		return -1;
	fd = open_thread_pidfd(t->tid, t->word);
	saved = errno;
	close(dir);
	errno = saved;
	return fd;
}

/* Whether pid is a thread of some process, though not its leader */
static bool
is_thread_id(pid_t pid)
{
	int fd = sys_pidfd_open(pid, PIDFD_THREAD);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/*
 * Trade a /proc/PID directory fd for a pidfd on the same process, which
 * can also be polled for exit and carries the pidfs id: a pidfd opened
 * afterwards names the same process if the directory still answers then,
 * since a PID cannot be reused until its process is reaped.  Without
 * pidfd_open the directory fd stays.
 */
static int
proc_dir_to_pidfd(int dirfd, pid_t pid)
{
	int fd = pidfd_of_proc_dir(dirfd, pid);

	if (fd < 0)
		return dirfd;	/* gone meanwhile: delivery will say so */
	close(dirfd);
	return fd;
}

/* Open the pidfd a target needs: a thread pidfd for thread scope */
static int
open_pidfd(const struct target *t, bool thread_scope)
{
	int fd;

	if (t->form == WORD_PROC_TASK)
		return open_proc_target(t);
	if (t->form == WORD_PROC)
		return (fd = open_proc_target(t)) < 0
			? fd : proc_dir_to_pidfd(fd, t->pid);
	if (t->tid > 0 || thread_scope)
		return open_thread_pidfd(t->tid > 0 ? t->tid : t->pid,
					 t->word ? t->word : "--scope=thread");
	return pin_pid(t->pid);
}

static void
pin_failed(struct target *t)
{
	t->errnum = errno;
	if (errno == EXDEV)
		errx(STATUS_ERROR, "/proc is not a procfs mount");
	if (errno == EMFILE || errno == ENFILE || errno == ENOMEM)
		err(STATUS_ERROR, "cannot pin %d", (int)t->pid);
	t->outcome = errno == ESRCH || errno == ENOENT ? OUTCOME_GONE
						       : OUTCOME_FAILED;
	if (t->tid > 0 && t->outcome == OUTCOME_GONE && t->pid > 0 &&
	    is_thread_id(t->tid))
		t->outcome = OUTCOME_NOT_THREAD;
	if (t->tid == 0 && is_thread_id(t->pid)) {
		t->outcome = OUTCOME_FAILED;
		t->errnum = 0;
		t->detail = "a thread, not a process (use /proc/PID/task/TID)";
	}
}

static void
pin_one(struct target *t, pid_t self, bool thread_scope)
{
	unsigned long long ino;

	if (t->pid == self || (t->pid == 0 && t->tid == self)) {
		t->outcome = OUTCOME_EXCLUDED;
		t->detail = "pidkill itself";
		return;
	}
	t->fd = open_pidfd(t, thread_scope);
	if (t->fd < 0) {
		pin_failed(t);
		return;
	}
	if (pidfd_inode(t->fd, &ino) == 0)
		t->id = ino;
	if (t->form != WORD_PID_ID)
		return;
	if (!t->id)
		errx(STATUS_ERROR, "%s: this kernel has no pidfs inode numbers "
		     "(Linux 6.9 or later is needed); use the PID@START form",
		     t->word);
	if (t->id != t->want) {
		t->outcome = OUTCOME_IDENTITY;
		t->detail = "pidfs id differs";
	}
}

void
pin_targets(struct target_list *list, size_t from, size_t to,
	    bool thread_scope)
{
	pid_t self = getpid();
	size_t i;

	for (i = from; i < to; i++)
		if (list->v[i].outcome == OUTCOME_PENDING && list->v[i].fd < 0)
			pin_one(&list->v[i], self, thread_scope);
}

bool
repin_target(struct target *t, bool thread_scope)
{
	unsigned long long ino;
	int fd = open_pidfd(t, thread_scope);

	if (fd < 0) {
		if (errno == EMFILE || errno == ENFILE || errno == ENOMEM)
			err(STATUS_ERROR, "cannot pin %d", (int)t->pid);
		return false;
	}
	if (t->id && (pidfd_inode(fd, &ino) < 0 || ino != t->id)) {
		close(fd);
		return false;	/* the PID now names another process */
	}
	t->fd = fd;
	return true;
}

void
unpin_targets(struct target_list *list, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to && i < list->n; i++) {
		if (list->v[i].fd >= 0)
			close(list->v[i].fd);
		list->v[i].fd = -1;
	}
}

size_t
count_outcome(const struct target_list *list, enum target_outcome o)
{
	size_t i, n = 0;

	for (i = 0; i < list->n; i++)
		n += list->v[i].outcome == o;
	return n;
}
