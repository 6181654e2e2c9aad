/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pidfile.c - strict pidfiles.
 *
 * A stale pidfile names a stranger, so pidkill is strict about what it
 * reads: one PID, blanks around it and a line ending.  As root it
 * follows systemd's rule for PIDFile=: a file that one unprivileged user
 * could have written (the file, or a directory on its path, is theirs)
 * names only that user's processes, and one that a group, every user or
 * two users could have written names none.  Its owner can chmod it, so
 * the mode of a file a user owns does not matter.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fail.h"
#include "pidfile.h"
#include "status.h"
#include "target.h"
#include "xalloc.h"

/* Enough for any PID with blanks around it, and one byte to spot excess */
#define PIDFILE_MAX 64
/* The symlinks a path may go through, as the kernel allows */
#define MAX_SYMLINKS 40
/* The most of one fdinfo file read: its lock lines come first */
#define FDINFO_MAX (1 << 20)

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

int
parse_pidfile_text(const char *buf, size_t len, pid_t *pid)
{
	char text[PIDFILE_MAX];
	size_t from = 0;

	/* a file read to its limit holds more than one PID could need */
	if (len >= sizeof(text))
		return -1;
	if (len > 0 && buf[len - 1] == '\n') {
		len--;
		if (len > 0 && buf[len - 1] == '\r')
			len--;
	}
	while (len > 0 && is_blank(buf[len - 1]))
		len--;
	while (from < len && is_blank(buf[from]))
		from++;
	if (from == len)
		return 1;
	len -= from;
	if (memchr(buf + from, '\0', len))
		return -1;
	memcpy(text, buf + from, len);
	text[len] = '\0';
	return parse_pid(text, pid);
}

/* As root: who could have written a pidfile, through it or its path */
struct trust {
	char why[PATH_MAX + 80];	/* why it is refused; "" if it is not */
	bool bound;			/* one unprivileged user could: uid */
	uid_t uid;
};

/* Note that uid could write the file or a directory on its path */
static void
note_writer(struct trust *tr, uid_t uid)
{
	if (uid == 0 || tr->why[0])
		return;
	if (tr->bound && tr->uid != uid) {
		snprintf(tr->why, sizeof(tr->why), "writable by two users "
			 "(uid %u and uid %u)", (unsigned)tr->uid,
			 (unsigned)uid);
		return;
	}
	tr->bound = true;
	tr->uid = uid;
}

/*
 * A directory on the path: its owner may replace what it holds; so may
 * a group or every user allowed to write it, unless the sticky bit
 * keeps them to their own entries (whose owners are judged in turn).
 */
static void
judge_directory(struct trust *tr, const struct stat *st, const char *dir)
{
	note_writer(tr, st->st_uid);
	if (tr->why[0] || (st->st_mode & S_ISVTX))
		return;
	if (st->st_mode & S_IWOTH)
		snprintf(tr->why, sizeof(tr->why), "its directory %s is "
			 "writable by every user", dir);
	else if ((st->st_mode & S_IWGRP) && st->st_gid != 0)
		snprintf(tr->why, sizeof(tr->why), "its directory %s is "
			 "writable by a group other than root's", dir);
}

/* The file itself: its owner may chmod it, whatever its mode */
static void
judge_file(struct trust *tr, const struct stat *st)
{
	if (tr->why[0])
		return;
	if (!S_ISREG(st->st_mode))
		snprintf(tr->why, sizeof(tr->why), "not a regular file");
	else if (st->st_mode & S_IWOTH)
		snprintf(tr->why, sizeof(tr->why), "writable by every user");
	else if ((st->st_mode & S_IWGRP) && st->st_gid != 0)
		snprintf(tr->why, sizeof(tr->why), "writable by a group other "
			 "than root's");
	else
		note_writer(tr, st->st_uid);
}

/* Step into directory name of *dfd, whose path is where: 0 or -1 */
static int
enter_directory(int *dfd, char *where, const char *name, int nfd,
		const struct stat *st, struct trust *tr)
{
	size_t len = strlen(where);

	if (!S_ISDIR(st->st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	if (len + strlen(name) + 2 > PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	snprintf(where + len, PATH_MAX - len, "%s%s",
		 len > 1 ? "/" : "", name);
	judge_directory(tr, st, where);
	close(*dfd);
	*dfd = nfd;
	return 0;
}

/* ".." of *dfd, whose path is where (judged on the way down) */
static int
leave_directory(int *dfd, char *where)
{
	int nfd = openat(*dfd, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
	char *slash = strrchr(where, '/');

	if (nfd < 0)
		return -1;
	if (slash)
		slash[slash == where ? 1 : 0] = '\0';
	close(*dfd);
	*dfd = nfd;
	return 0;
}

/*
 * Follow the symlink nfd, met with rest still to walk: todo becomes
 * its target and rest; an absolute target starts again from /.
 */
static int
follow_symlink(int nfd, char *todo, const char *rest, int *dfd,
	       char *where)
{
	char link[PATH_MAX], joined[2 * PATH_MAX];
	ssize_t n = readlinkat(nfd, "", link, sizeof(link) - 1);

	if (n < 0)
		return -1;
	link[n] = '\0';
	if ((size_t)snprintf(joined, sizeof(joined), "%s/%s", link, rest) >=
	    sizeof(joined)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(todo, joined);
	if (link[0] == '/') {
		int root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);

		if (root < 0)
			return -1;
		close(*dfd);
		*dfd = root;
		strcpy(where, "/");
	}
	return 0;
}

/*
 * Open path as root trusts it: one name at a time from /, following
 * symlinks to directories but not a symlink that is the last name, and
 * judging every directory passed through.  Returns the fd, or -1 with
 * errno (and tr->why set for a symlink as the last name).
 */
static int
open_walked(const char *path, struct trust *tr)
{
	char todo[2 * PATH_MAX], where[PATH_MAX] = "/", name[NAME_MAX + 1];
	char *p = todo;
	int dfd = -1, nfd, fd = -1, links = 0, saved, r = 0;
	struct stat st;

	if (path[0] != '/' && !getcwd(todo, PATH_MAX))
		return -1;
	if (path[0] == '/')
		todo[0] = '\0';
	if (strlen(todo) + strlen(path) + 2 > sizeof(todo)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (todo[0])
		strcat(todo, "/");
	strcat(todo, path);
	dfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fstat(dfd, &st) < 0)
		goto out;
	judge_directory(tr, &st, "/");
	for (;;) {
		size_t len;

		while (*p == '/')
			p++;
		len = strcspn(p, "/");
		if (len == 0) {
			errno = EISDIR;		/* the path names a directory */
			goto out;
		}
		if (len > NAME_MAX) {
			errno = ENAMETOOLONG;
			goto out;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		p += len;
		if (strcmp(name, ".") == 0)
			continue;
		if (strcmp(name, "..") == 0) {
			if (leave_directory(&dfd, where) < 0)
				goto out;
			continue;
		}
		if (*p == '\0') {
			fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
				    O_NOCTTY | O_CLOEXEC);
			if (fd < 0 && errno == ELOOP)
				snprintf(tr->why, sizeof(tr->why), "is a symlink");
			goto out;
		}
		nfd = openat(dfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (nfd < 0)
			goto out;
		if (fstat(nfd, &st) < 0)
			r = -1;
		else if (!S_ISLNK(st.st_mode))
			r = enter_directory(&dfd, where, name, nfd, &st, tr);
		else if (++links > MAX_SYMLINKS)
			r = -1, errno = ELOOP;
		else if ((r = follow_symlink(nfd, todo, p, &dfd, where)) == 0)
			p = todo;
		if (r < 0 || S_ISLNK(st.st_mode)) {
			saved = errno;
			close(nfd);
			errno = saved;
		}
		if (r < 0)
			goto out;
	}
out:
	saved = errno;
	if (dfd >= 0)
		close(dfd);
	errno = saved;
	return fd;
}

/*
 * Open a pidfile on disk with every check: as root (unless unsafe), the
 * walk that judges its path, and its own owner and mode.  Returns the
 * fd, or -1 with the reason recorded in fail: STATUS_NOMATCH when it
 * does not exist.
 */
static int
open_pidfile(const char *path, bool unsafe, struct stat *st,
	     struct trust *tr, struct fail *fail)
{
	bool as_root = geteuid() == 0 && !unsafe;
	int fd, err;

	memset(tr, 0, sizeof(*tr));
	fd = as_root ? open_walked(path, tr)
		     : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		err = errno;
		/* a file that does not exist names nothing to distrust */
		if (tr->why[0] && err != ENOENT)
			return fail_set(fail, STATUS_USAGE, "pidfile %s: %s; "
					"refused as root (--unsafe-pidfile "
					"overrides)", path, tr->why);
		return fail_set(fail, err == ENOENT ? STATUS_NOMATCH
				: err == EMFILE || err == ENFILE ? STATUS_ERROR
				: STATUS_USAGE, "pidfile %s: %s", path,
				err == EISDIR ? "not a regular file"
				: strerror(err));
	}
	if (fstat(fd, st) < 0) {
		fail_set(fail, STATUS_USAGE, "pidfile %s: %s", path,
			 strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISDIR(st->st_mode) || S_ISFIFO(st->st_mode))
		fail_set(fail, STATUS_USAGE, "pidfile %s: not a regular file",
			 path);
	else if (as_root && (judge_file(tr, st), tr->why[0]))
		fail_set(fail, STATUS_USAGE, "pidfile %s: %s; refused as root "
			 "(--unsafe-pidfile overrides)", path, tr->why);
	if (failed(fail)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Read up to size bytes; -1 with errno on a read error */
static ssize_t
read_all(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t r;

	while (len < size) {
		r = read(fd, buf + len, size - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		len += (size_t)r;
	}
	return (ssize_t)len;
}

/*
 * As root, standard input that is a file is judged as a pidfile opened
 * by name is, but for its path, which is unknown: by its owner and mode.
 * A pipe or a terminal is the caller's own words.
 */
static int
judge_stdin(bool unsafe, struct trust *tr, struct fail *fail)
{
	struct stat st;

	memset(tr, 0, sizeof(*tr));
	if (geteuid() != 0 || unsafe || fstat(STDIN_FILENO, &st) < 0 ||
	    !S_ISREG(st.st_mode))
		return 0;
	judge_file(tr, &st);
	if (tr->why[0])
		return fail_set(fail, STATUS_USAGE, "pidfile -: %s; refused "
				"as root (--unsafe-pidfile overrides)",
				tr->why);
	return 0;
}

int
read_pidfile(const char *path, bool unsafe, struct pidfile *pf,
	     struct fail *fail)
{
	char buf[PIDFILE_MAX];
	struct trust tr = { .bound = false };
	struct stat st = { 0 };
	ssize_t len;
	int fd = STDIN_FILENO, r;

	memset(pf, 0, sizeof(*pf));
	if (strcmp(path, "-") != 0 &&
	    (fd = open_pidfile(path, unsafe, &st, &tr, fail)) < 0)
		return fail->status == STATUS_NOMATCH ? 1 : -1;
	if (fd == STDIN_FILENO && judge_stdin(unsafe, &tr, fail) < 0)
		return -1;
	len = read_all(fd, buf, sizeof(buf));
	if (len < 0)
		fail_set(fail, STATUS_USAGE, "pidfile %s: %s", path,
			 strerror(errno));
	if (fd != STDIN_FILENO)
		close(fd);
	if (len < 0)
		return -1;
	r = parse_pidfile_text(buf, (size_t)len, &pf->pid);
	if (r > 0) {
		fail_set(fail, STATUS_NOMATCH, "pidfile %s: holds no PID",
			 path);
		return 1;
	}
	if (r < 0)
		return fail_set(fail, STATUS_USAGE, "pidfile %s: does not hold "
				"one PID", path);
	if (fd != STDIN_FILENO) {
		pf->dev = st.st_dev;
		pf->ino = st.st_ino;
	}
	pf->bound = tr.bound;
	pf->uid = tr.uid;
	return 0;
}

/*
 * One line of fdinfo, as the kernel prints a lock taken through that
 * open file:  "lock:\t1: POSIX  ADVISORY  WRITE 3739 fe:00:10952805 0 EOF"
 * (OFDLCK and FLOCK for the other kinds; the PID is never looked at).
 */
static bool
lock_line_holds(const char *line, size_t len, ino_t ino)
{
	char buf[256], *w[6], *save = NULL, *tok, *num, *end;
	unsigned long long got;
	size_t n = 0, k;

	if (len < 5 || len - 5 >= sizeof(buf) || memcmp(line, "lock:", 5))
		return false;
	memcpy(buf, line + 5, len - 5);
	buf[len - 5] = '\0';
	for (tok = strtok_r(buf, " \t", &save); tok && n < 6;
	     tok = strtok_r(NULL, " \t", &save))
		w[n++] = tok;
	if (n < 6 || (k = strlen(w[0])) < 2 || w[0][k - 1] != ':')
		return false;
	if (strcmp(w[1], "POSIX") != 0 && strcmp(w[1], "OFDLCK") != 0 &&
	    strcmp(w[1], "FLOCK") != 0)
		return false;
	if (strcmp(w[2], "ADVISORY") != 0 || strcmp(w[3], "WRITE") != 0)
		return false;
	/* MAJOR:MINOR:INODE of the locked file */
	num = strrchr(w[5], ':');
	if (!num || num == w[5] || !memchr(w[5], ':', (size_t)(num - w[5])) ||
	    num[1] < '0' || num[1] > '9')
		return false;
	errno = 0;
	got = strtoull(num + 1, &end, 10);
	return errno == 0 && *end == '\0' && got == (unsigned long long)ino;
}

bool
fdinfo_write_locked(const char *text, size_t len, ino_t ino)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));

		if (!eol)
			eol = end;
		if (lock_line_holds(p, (size_t)(eol - p), ino))
			return true;
		p = eol + 1;
	}
	return false;
}

/* Whether /proc/PID/fdinfo/FD (fd named name in fds) shows the lock:
   LOCK_HELD, LOCK_NOT_HELD, or LOCK_UNPROVEN when it cannot be read */
static enum lock_state
fd_holds_lock(pid_t pid, const char *name, ino_t ino)
{
	char path[64 + NAME_MAX], *buf = NULL;
	size_t size = 4096;
	ssize_t len = -1;
	bool held;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%s", (int)pid, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? LOCK_NOT_HELD : LOCK_UNPROVEN;
	/* read it whole in one go: a file is printed anew on each read */
	for (; size <= FDINFO_MAX; size *= 2) {
		buf = xreallocarray(buf, size, 1);
		if (lseek(fd, 0, SEEK_SET) < 0 ||
		    (len = read_all(fd, buf, size)) < 0 || (size_t)len < size)
			break;
	}
	close(fd);
	held = len > 0 && fdinfo_write_locked(buf, (size_t)len, ino);
	free(buf);
	if (len < 0)
		return errno == ENOENT ? LOCK_NOT_HELD : LOCK_UNPROVEN;
	return held ? LOCK_HELD : LOCK_NOT_HELD;
}

/*
 * Whether process pid, pinned, holds a write lock on file (dev, ino)
 * through one of its open files: every fd of its open to that file is
 * looked at, in /proc/PID/fd and /proc/PID/fdinfo.
 */
static enum lock_state
lock_through_open_files(pid_t pid, dev_t dev, ino_t ino)
{
	enum lock_state state = LOCK_NOT_HELD, one;
	char path[64];
	struct dirent *e;
	struct stat st;
	DIR *d;
	int dfd;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return errno == ENOENT ? LOCK_NOT_HELD : LOCK_UNPROVEN;
	d = fdopendir(dfd);
	if (!d) {
		close(dfd);
		return LOCK_UNPROVEN;
	}
	while (state != LOCK_HELD && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		/* the file the fd is open to (the link is followed) */
		if (fstatat(dfd, e->d_name, &st, 0) < 0) {
			if (errno == EACCES || errno == EPERM)
				state = LOCK_UNPROVEN;
			continue;
		}
		if (st.st_dev != dev || st.st_ino != ino)
			continue;
		one = fd_holds_lock(pid, e->d_name, ino);
		if (one != LOCK_NOT_HELD)
			state = one;
	}
	closedir(d);
	return state;
}

enum lock_state
pidfile_lock_state(const char *path, bool unsafe, dev_t dev, ino_t ino,
		   pid_t pid)
{
	struct fail ignored = { 0 };
	struct trust tr;
	struct stat st;
	int fd;

	/* the same file as read, opened again only for this check so that
	   pidfiles need no descriptors while targets are pinned */
	fd = open_pidfile(path, unsafe, &st, &tr, &ignored);
	if (fd < 0)
		return LOCK_REPLACED;
	close(fd);
	if (st.st_dev != dev || st.st_ino != ino)
		return LOCK_REPLACED;
	return lock_through_open_files(pid, dev, ino);
}
