/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * target.c - target records and target words.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "fail.h"
#include "pidfd.h"
#include "status.h"
#include "target.h"
#include "xalloc.h"

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

/* What follows the PID of a token: ":ID" or "@START" to the end */
static int
take_identity(const char *s, struct target_word *tw)
{
	unsigned long long v;

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

/*
 * /proc/N, /proc/N/, /proc/N/task/T, /proc/N/task/T/, and a thread's
 * token: /proc/N/task/T:ID or /proc/N/task/T@START
 */
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
	if (take_pid(&s, "/:@", &tw->tid) < 0)
		return -1;
	if (*s == ':' || *s == '@')
		return take_identity(s, tw);
	tw->form = WORD_PROC_TASK;
	return *s == '\0' || strcmp(s, "/") == 0 ? 0 : -1;
}

int
parse_target_word(const char *word, struct target_word *tw)
{
	const char *s = word;

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
	return take_identity(s, tw);
}

const struct target_more target_no_more;

struct target_more *
target_more(struct target *t)
{
	if (!t->more)
		t->more = xcalloc(1, sizeof(*t->more));
	return t->more;
}

/* Names are short: a block holds thousands, and is never moved */
#define NAME_BLOCK 65536

void
target_set_name(struct target_list *list, struct target *t, const char *name)
{
	struct name_pool *p = &list->names;
	size_t len;

	if (!name)
		name = "?";
	len = strlen(name) + 1;
	if (t->comm && strcmp(t->comm, name) == 0)
		return;
	if (len > NAME_BLOCK / 4)
		len = NAME_BLOCK / 4;
	if (!p->block || p->used + len > p->size) {
		p->blocks = xreallocarray(p->blocks, p->nblocks + 1,
					  sizeof(*p->blocks));
		p->block = p->blocks[p->nblocks++] = xcalloc(1, NAME_BLOCK);
		p->size = NAME_BLOCK;
		p->used = 0;
	}
	memcpy(p->block + p->used, name, len - 1);
	p->block[p->used + len - 1] = '\0';
	t->comm = p->block + p->used;
	p->used += len;
}

struct target *
target_add(struct target_list *list)
{
	struct target *t;

	if (list->n == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 16;
		list->v = xreallocarray(list->v, list->cap, sizeof(*list->v));
	}
	t = &list->v[list->n++];
	memset(t, 0, sizeof(*t));
	t->fd = -1;
	t->last_signal = -1;
	return t;
}

static void
target_free(struct target *t)
{
	if (t->more)
		free(t->more->cmdline);
	free(t->more);
	t->more = NULL;
}

void
target_list_free(struct target_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		target_free(&list->v[i]);
	for (i = 0; i < list->names.nblocks; i++)
		free(list->names.blocks[i]);
	free(list->names.blocks);
	free(list->v);
	memset(list, 0, sizeof(*list));
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
	case OUTCOME_REFUSED:
		return "refused";
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

bool
target_in_play(const struct target *t)
{
	return t->outcome == OUTCOME_PENDING || t->outcome == OUTCOME_SIGNALED;
}

bool
target_is_self(const struct target *t)
{
	const char *why = target_cold(t)->detail;

	return t->outcome == OUTCOME_EXCLUDED && why &&
	       strcmp(why, DETAIL_SELF) == 0;
}

void
target_token(const struct target *t, char *buf, size_t size)
{
	pid_t who = target_tid(t) > 0 ? target_tid(t) : t->pid;
	char path[64] = "";

	/* a thread: its task path, which names a thread in every scope */
	if (target_tid(t) > 0 && t->pid > 0)
		snprintf(path, sizeof(path), "/proc/%d/task/", (int)t->pid);
	if (t->id)
		snprintf(buf, size, "%s%d:%llu", path, (int)who, t->id);
	else
		snprintf(buf, size, "%s%d@%llu", path, (int)who, t->start);
}

int
target_key_compare(const struct target *x, const struct target *y,
		   enum target_key key)
{
	pid_t xp = x->pid, yp = y->pid;
	pid_t xt = target_tid(x), yt = target_tid(y);

	if (key == KEY_THREAD) {
		/* a thread, whatever named it: a bare number, a task path,
		   or a process (its main thread) */
		xt = xt ? xt : xp;
		yt = yt ? yt : yp;
		xp = yp = 0;
	} else if (key == KEY_PROCESS) {
		xt = yt = 0;
	}
	if (xp != yp)
		return xp < yp ? -1 : 1;
	if (xt != yt)
		return xt < yt ? -1 : 1;
	return 0;
}

/* The order of named targets: by delivery, then as given */
static int
compare_named(const void *a, const void *b, void *key)
{
	const struct target *x = a, *y = b;
	int c = target_key_compare(x, y, *(enum target_key *)key);

	if (c)
		return c;
	/* as given: named targets are not pinned yet, so their fd holds
	   their place in the list while they are sorted */
	return (x->fd > y->fd) - (x->fd < y->fd);
}

static int
compare_matches(const void *a, const void *b, void *key)
{
	return target_key_compare(a, b, *(enum target_key *)key);
}

void
target_list_dedupe(struct target_list *list, enum target_key key)
{
	struct target *v = list->v, *named;
	size_t i, k, a, nnamed = 0, n = list->n;
	bool sorted = true;

	if (n == 0)
		return;
	/* the named targets come first, in command-line order */
	while (nnamed < n && v[nnamed].origin != ORIGIN_MATCH)
		nnamed++;
	for (i = 0; i < nnamed; i++)
		v[i].fd = (int)i;
	qsort_r(v, nnamed, sizeof(*v), compare_named, &key);
	for (i = 0; i < nnamed; i++)
		v[i].fd = -1;
	/* the matches, as a scan lists them: by PID */
	for (i = nnamed + 1; i < n && sorted; i++)
		sorted = target_key_compare(&v[i - 1], &v[i], key) < 0;
	if (!sorted)
		qsort_r(v + nnamed, n - nnamed, sizeof(*v), compare_matches,
			&key);
	if (nnamed > 0 && nnamed < n) {
		/* merge the two runs, a name before a match of its process;
		   the named targets are few */
		named = xreallocarray(NULL, nnamed, sizeof(*named));
		memcpy(named, v, nnamed * sizeof(*v));
		for (i = 0, a = nnamed, k = 0; k < n; k++) {
			if (i < nnamed && (a == n ||
			    target_key_compare(&named[i], &v[a], key) <= 0))
				v[k] = named[i++];
			else
				v[k] = v[a++];
		}
		free(named);
	}
	/* what names one delivery as the target before it is its alias */
	for (i = 0; i < n; i++)
		v[i].alias = i > 0 &&
			     target_key_compare(&v[i - 1], &v[i], key) == 0;
}

/*
 * A thread pidfd for tid.  A kernel without them (before 6.9) cannot do
 * thread targets at all: that is fatal, named by what asked for it.
 */
static int
open_thread_pidfd(pid_t tid, const char *what, struct fail *fail)
{
	int fd = sys_pidfd_open(tid, PIDFD_THREAD);

	if (fd < 0 && (errno == EINVAL || errno == ENOSYS))
		return fail_set(fail, STATUS_ERROR, "%s: thread targets need "
				"thread pidfds (Linux 6.9 or later); nothing "
				"was sent", what), -2;
	return fd;
}

/* /proc/PID or /proc/PID/task/TID: -1 with errno on failure */
static int
open_proc_target(const struct target *t, struct fail *fail)
{
	int fd, dir, saved;

	if (target_cold(t)->form == WORD_PROC)
		return open_proc_dir(t->pid, 0);
	/* the path must name a thread of that process right now */
	dir = open_proc_dir(t->pid, target_tid(t));
	if (dir < 0)
		return -1;
	fd = open_thread_pidfd(target_tid(t), target_cold(t)->word, fail);
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

/*
 * Open the handle a target needs: a thread pidfd for thread scope.
 * Returns the fd, -1 with errno set, or -2 after recording a failure.
 */
static int
open_pidfd(const struct target *t, bool thread_scope, struct fail *fail)
{
	int fd;

	if (target_cold(t)->form == WORD_PROC_TASK)
		return open_proc_target(t, fail);
	if (target_cold(t)->form == WORD_PROC)
		return (fd = open_proc_target(t, fail)) < 0
			? fd : proc_dir_to_pidfd(fd, t->pid);
	if (target_tid(t) > 0 || thread_scope)
		return open_thread_pidfd(target_tid(t) > 0 ? target_tid(t) : t->pid,
					 target_cold(t)->word ? target_cold(t)->word : "--scope=thread",
					 fail);
	return pin_pid(t->pid);
}

/* Errors that mean pinning cannot go on, rather than a target's fate */
static int
pin_fatal(struct target *t, struct fail *fail)
{
	if (errno == EXDEV)
		return fail_set(fail, STATUS_ERROR, "/proc is not a procfs "
				"mount; nothing was sent");
	if (errno == EMFILE || errno == ENFILE || errno == ENOMEM)
		return fail_set(fail, STATUS_ERROR, "cannot pin %d: %s",
				(int)(target_tid(t) > 0 ? target_tid(t) : t->pid),
				strerror(errno));
	return 0;
}

/* Whether /proc hides process pid from pidkill (hidepid=), though it
   is alive: its directory does not open, a pidfd does */
static bool
proc_hidden(pid_t pid)
{
	int fd = open_proc_dir(pid, 0);

	if (fd >= 0) {
		close(fd);
		return false;
	}
	if ((fd = sys_pidfd_open(pid, 0)) < 0)
		return false;
	close(fd);
	return true;
}

static void
pin_failed(struct target *t)
{
	target_more(t)->errnum = errno;
	t->outcome = errno == ESRCH || errno == ENOENT ? OUTCOME_GONE
						       : OUTCOME_FAILED;
	/* a /proc path that /proc hides: not gone, just not to be read */
	if (t->outcome == OUTCOME_GONE &&
	    (target_cold(t)->form == WORD_PROC ||
	     target_cold(t)->form == WORD_PROC_TASK) && proc_hidden(t->pid)) {
		t->outcome = OUTCOME_FAILED;
		target_more(t)->errnum = 0;
		target_more(t)->detail = DETAIL_UNREADABLE;
		return;
	}
	if (target_tid(t) > 0 && t->outcome == OUTCOME_GONE && t->pid > 0 &&
	    is_thread_id(target_tid(t)))
		t->outcome = OUTCOME_NOT_THREAD;
	if (target_tid(t) == 0 && is_thread_id(t->pid)) {
		t->outcome = OUTCOME_FAILED;
		target_more(t)->errnum = 0;
		target_more(t)->detail = "a thread, not a process (use /proc/PID/task/TID)";
	}
}

/* A PID:ID token cannot be checked without pidfs ids: a fatal error */
static int
need_pidfs_id(const struct target *t, struct fail *fail)
{
	if (target_cold(t)->form != WORD_PID_ID || t->id)
		return 0;
	return fail_set(fail, STATUS_ERROR, "%s: this kernel has no pidfs "
			"inode numbers (Linux 6.9 or later is needed); use the "
			"PID@START form", target_cold(t)->word);
}

static int
pin_one(struct target *t, bool thread_scope, struct fail *fail)
{
	unsigned long long ino;

	t->fd = open_pidfd(t, thread_scope, fail);
	if (t->fd == -2)
		return -1;
	if (t->fd < 0) {
		if (pin_fatal(t, fail) < 0)
			return -1;
		pin_failed(t);
		return 0;
	}
	t->verified = false;
	if (pidfd_inode(t->fd, &ino) == 0) {
		/* pinned before (more targets than fds): the same process,
		   or its PID names another by now */
		if (t->id && ino != t->id) {
			close(t->fd);
			t->fd = -1;
			t->outcome = OUTCOME_GONE;
			target_more(t)->detail = "its PID now names another "
						 "process";
			return 0;
		}
		t->id = ino;
	}
	return need_pidfs_id(t, fail);
}

/*
 * A target of a run shares the pin another target of the run holds: one
 * process, pinned once.  It knows that process as the other does.
 */
static int
share_pin(struct target *t, const struct target *first, struct fail *fail)
{
	t->fd = fcntl(first->fd, F_DUPFD_CLOEXEC, 0);
	if (t->fd < 0)
		return fail_set(fail, STATUS_ERROR, "cannot pin %d: %s",
				(int)t->pid, strerror(errno));
	t->id = first->id;
	if (first->start_known && !t->start_known) {
		t->start = first->start;
		t->start_known = true;
	}
	t->verified = false;
	return need_pidfs_id(t, fail);
}

/* A pinned target of the run target i belongs to (the targets around it
   that name the same delivery), or NULL */
static const struct target *
pinned_in_run(const struct target_list *list, size_t i)
{
	size_t k;

	for (k = i; k > 0 && list->v[k].alias; k--)
		if (list->v[k - 1].fd >= 0)
			return &list->v[k - 1];
	for (k = i + 1; k < list->n && list->v[k].alias; k++)
		if (list->v[k].fd >= 0)
			return &list->v[k];
	return NULL;
}

/*
 * Pin a signaled target again (more targets than fds): the same process
 * only, else it has exited.
 */
static int
repin_one(struct target *t, bool thread_scope, struct fail *fail)
{
	unsigned long long ino;
	int fd = open_pidfd(t, thread_scope, fail);

	if (fd == -2)
		return -1;
	if (fd < 0) {
		if ((errno == EMFILE || errno == ENFILE || errno == ENOMEM) &&
		    pin_fatal(t, fail) < 0)
			return -1;
		t->outcome = OUTCOME_EXITED;
		return 0;
	}
	if (t->id && (pidfd_inode(fd, &ino) < 0 || ino != t->id)) {
		close(fd);
		t->outcome = OUTCOME_EXITED;	/* its PID names another */
		return 0;
	}
	t->fd = fd;
	t->verified = false;
	return 0;
}

int
pin_targets(struct target_list *list, size_t from, size_t to,
	    bool thread_scope, struct fail *fail)
{
	size_t i;
	int rc = 0;

	for (i = from; i < to && rc == 0; i++) {
		struct target *t = &list->v[i];
		const struct target *first;

		if ((!target_in_play(t) && !target_cold(t)->through) ||
		    t->fd >= 0)
			continue;
		if ((first = pinned_in_run(list, i)))
			rc = share_pin(t, first, fail);
		else if (t->signaled)
			rc = repin_one(t, thread_scope, fail);
		else
			rc = pin_one(t, thread_scope, fail);
	}
	return rc;
}

void
unpin_targets(struct target_list *list, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to && i < list->n; i++) {
		if (list->v[i].fd >= 0)
			close(list->v[i].fd);
		list->v[i].fd = -1;
		list->v[i].verified = false;
		list->v[i].prepinned = false;
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

size_t
leader_for(struct leader_set *set, pid_t pgid)
{
	size_t i;

	for (i = set->n; i > 0; i--)
		if (set->v[i - 1].pgid == pgid)
			return i - 1;
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 16;
		set->v = xreallocarray(set->v, set->cap, sizeof(*set->v));
	}
	memset(&set->v[set->n], 0, sizeof(set->v[0]));
	set->v[set->n].pgid = pgid;
	set->v[set->n].fd = -1;
	return set->n++;
}

int
pin_leader(struct leader *l, struct fail *fail)
{
	unsigned long long ino;
	int fd;

	if (l->fd >= 0 || l->state != OUTCOME_PENDING)
		return 0;
	fd = pin_pid(l->pgid);
	if (fd < 0 && (errno == EMFILE || errno == ENFILE || errno == ENOMEM))
		return fail_set(fail, STATUS_ERROR, "cannot pin %d: %s",
				(int)l->pgid, strerror(errno));
	if (fd < 0) {
		l->state = OUTCOME_GONE;
		return 0;
	}
	if (pidfd_inode(fd, &ino) == 0) {
		if (l->known && l->id && ino != l->id) {
			close(fd);	/* its PID names another process now */
			l->state = OUTCOME_GONE;
			return 0;
		}
		l->id = ino;
	}
	l->fd = fd;
	l->verified = false;
	return 0;
}

void
unpin_leaders(struct leader_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		if (set->v[i].fd >= 0)
			close(set->v[i].fd);
		set->v[i].fd = -1;
		set->v[i].verified = false;
	}
}

void
leader_set_free(struct leader_set *set)
{
	unpin_leaders(set);
	free(set->v);
	set->v = NULL;
	set->n = set->cap = 0;
}
