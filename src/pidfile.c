/*
 * pidfile.c - strict pidfiles.
 *
 * A stale pidfile names a stranger, so pidkill is strict about what it
 * reads: one PID and an optional newline.  As root it also refuses files
 * that someone else could have written, since they could name any PID.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options.h"
#include "pidfile.h"
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

static size_t
read_all(int fd, const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t r;

	while (len < size) {
		r = read(fd, buf + len, size - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			usage_exit("pidfile %s: %s", path, strerror(errno));
		if (r == 0)
			break;
		len += (size_t)r;
	}
	return len;
}

/*
 * Open a pidfile on disk with every check: as root (unless unsafe), no
 * symlink and no file another user could write.  Exits on failure.
 */
static int
open_pidfile(const char *path, bool unsafe, struct stat *st)
{
	int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK, fd;
	const char *why;

	if (geteuid() == 0 && !unsafe)
		flags |= O_NOFOLLOW;
	fd = open(path, flags);
	if (fd < 0 && errno == ELOOP)
		usage_exit("pidfile %s: is a symlink; refused as root "
			   "(--unsafe-pidfile overrides)", path);
	if (fd < 0 && (errno == EMFILE || errno == ENFILE))
		err(STATUS_ERROR, "pidfile %s", path);
	if (fd < 0 || fstat(fd, st) < 0)
		usage_exit("pidfile %s: %s", path, strerror(errno));
	if (S_ISDIR(st->st_mode) || S_ISFIFO(st->st_mode))
		usage_exit("pidfile %s: not a regular file", path);
	why = geteuid() == 0 && !unsafe ? unsafe_reason(st) : NULL;
	if (why)
		usage_exit("pidfile %s: %s; refused as root "
			   "(--unsafe-pidfile overrides)", path, why);
	return fd;
}

pid_t
read_pidfile(const char *path, bool unsafe, struct stat *st)
{
	char buf[PIDFILE_MAX];
	size_t len;
	pid_t pid;
	int fd = STDIN_FILENO;

	memset(st, 0, sizeof(*st));
	if (strcmp(path, "-") != 0)
		fd = open_pidfile(path, unsafe, st);
	len = read_all(fd, path, buf, sizeof(buf));
	if (fd != STDIN_FILENO)
		close(fd);
	if (parse_pidfile_text(buf, len, &pid) < 0)
		usage_exit("pidfile %s: does not hold one PID", path);
	return pid;
}

pid_t
pidfile_lock_owner(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

	if (fcntl(fd, F_GETLK, &fl) < 0)
		return -1;
	return fl.l_type == F_UNLCK ? 0 : fl.l_pid;
}

void
targets_from_pidfiles(const struct pidkill_opts *opts, struct target_list *list)
{
	size_t i;

	for (i = 0; i < opts->pidfiles.n; i++) {
		const char *path = opts->pidfiles.v[i];
		struct target *t;
		struct stat st;
		pid_t pid;

		if (opts->logpidfile && strcmp(path, "-") == 0)
			usage_exit("--logpidfile needs a pidfile on disk, "
			     "not standard input");
		pid = read_pidfile(path, opts->unsafe_pidfile, &st);
		t = target_add(list);
		t->pid = pid;
		t->origin = ORIGIN_PIDFILE;
		t->word = path;
		t->form = WORD_PID;
		t->pidfile_dev = st.st_dev;
		t->pidfile_ino = st.st_ino;
	}
}

void
check_pidfile_locks(const struct pidkill_opts *opts, struct target_list *list,
		    size_t from, size_t to)
{
	size_t i;

	if (!opts->logpidfile)
		return;
	for (i = from; i < to; i++) {
		struct target *t = &list->v[i];

		struct stat st;
		int fd;

		if (t->origin != ORIGIN_PIDFILE || t->outcome != OUTCOME_PENDING)
			continue;
		/* the same file as read, opened again only for this check so
		   that pidfiles need no descriptors while targets are pinned */
		fd = open_pidfile(t->word, opts->unsafe_pidfile, &st);
		if (st.st_dev != t->pidfile_dev || st.st_ino != t->pidfile_ino) {
			t->outcome = OUTCOME_NOT_LOCKED;
			t->detail = "the pidfile was replaced";
		} else if (pidfile_lock_owner(fd) != t->pid) {
			t->outcome = OUTCOME_NOT_LOCKED;
		}
		close(fd);
	}
}
