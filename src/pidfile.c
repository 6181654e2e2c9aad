/*
 * pidfile.c - strict pidfiles.
 *
 * A stale pidfile names a stranger, so pidkill is strict about what it
 * reads: one PID and an optional newline.  As root it also refuses files
 * that someone else could have written, since they could name any PID.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fail.h"
#include "pidfile.h"
#include "status.h"
#include "target.h"

/* Enough for any PID, its newline, and one byte to spot excess */
#define PIDFILE_MAX 32

int
parse_pidfile_text(const char *buf, size_t len, pid_t *pid)
{
	char text[PIDFILE_MAX];

	if (len > 0 && buf[len - 1] == '\n')
		len--;
	if (len == 0 || len >= sizeof(text) || memchr(buf, '\0', len))
		return -1;
	memcpy(text, buf, len);
	text[len] = '\0';
	return parse_pid(text, pid);
}

/* As root: a file another unprivileged user may write is not evidence */
static const char *
unsafe_reason(const struct stat *st)
{
	if (!S_ISREG(st->st_mode))
		return "not a regular file";
	if (st->st_mode & S_IWOTH)
		return "writable by every user";
	if ((st->st_mode & S_IWGRP) && st->st_gid != 0)
		return "writable by a group other than root's";
	if (st->st_uid != 0 && (st->st_mode & S_IWUSR))
		return "writable by its owner, who is not root";
	return NULL;
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
 * Open a pidfile on disk with every check: as root (unless unsafe), no
 * symlink and no file another user could write.  Returns the fd, or -1
 * with the reason recorded.
 */
static int
open_pidfile(const char *path, bool unsafe, struct stat *st,
	     struct fail *fail)
{
	int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK, fd;
	const char *why;

	if (geteuid() == 0 && !unsafe)
		flags |= O_NOFOLLOW;
	fd = open(path, flags);
	if (fd < 0 && errno == ELOOP)
		return fail_set(fail, STATUS_USAGE, "pidfile %s: is a symlink; "
				"refused as root (--unsafe-pidfile overrides)",
				path);
	if (fd < 0 && (errno == EMFILE || errno == ENFILE))
		return fail_set(fail, STATUS_ERROR, "pidfile %s: %s", path,
				strerror(errno));
	if (fd < 0 || fstat(fd, st) < 0) {
		fail_set(fail, STATUS_USAGE, "pidfile %s: %s", path,
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	why = S_ISDIR(st->st_mode) || S_ISFIFO(st->st_mode)
		? "not a regular file" : NULL;
	if (!why && geteuid() == 0 && !unsafe && (why = unsafe_reason(st)))
		fail_set(fail, STATUS_USAGE, "pidfile %s: %s; refused as root "
			 "(--unsafe-pidfile overrides)", path, why);
	else if (why)
		fail_set(fail, STATUS_USAGE, "pidfile %s: %s", path, why);
	if (why) {
		close(fd);
		return -1;
	}
	return fd;
}

int
read_pidfile(const char *path, bool unsafe, pid_t *pid, struct stat *st,
	     struct fail *fail)
{
	char buf[PIDFILE_MAX];
	ssize_t len;
	int fd = STDIN_FILENO;

	memset(st, 0, sizeof(*st));
	if (strcmp(path, "-") != 0 &&
	    (fd = open_pidfile(path, unsafe, st, fail)) < 0)
		return -1;
	len = read_all(fd, buf, sizeof(buf));
	if (len < 0)
		fail_set(fail, STATUS_USAGE, "pidfile %s: %s", path,
			 strerror(errno));
	if (fd != STDIN_FILENO)
		close(fd);
	if (len < 0)
		return -1;
	if (parse_pidfile_text(buf, (size_t)len, pid) < 0)
		return fail_set(fail, STATUS_USAGE, "pidfile %s: does not hold "
				"one PID", path);
	return 0;
}

pid_t
pidfile_lock_owner(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

	if (fcntl(fd, F_GETLK, &fl) < 0)
		return -1;
	return fl.l_type == F_UNLCK ? 0 : fl.l_pid;
}

enum lock_state
pidfile_lock_state(const char *path, bool unsafe, dev_t dev, ino_t ino,
		   pid_t pid)
{
	struct fail ignored = { 0 };
	enum lock_state state = LOCK_NOT_HELD;
	struct stat st;
	int fd;

	/* the same file as read, opened again only for this check so that
	   pidfiles need no descriptors while targets are pinned */
	fd = open_pidfile(path, unsafe, &st, &ignored);
	if (fd < 0)
		return LOCK_REPLACED;
	if (st.st_dev != dev || st.st_ino != ino)
		state = LOCK_REPLACED;
	else if (pidfile_lock_owner(fd) == pid)
		state = LOCK_HELD;
	close(fd);
	return state;
}
