/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pidfile.h - reading pidfiles strictly, judging who could have written
 * them, and proving who holds their lock.
 */
#ifndef PIDKILL_PIDFILE_H
#define PIDKILL_PIDFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "target.h"

struct fail;

/* What a pidfile said, and what it may name */
struct pidfile {
	pid_t pid;
	dev_t dev;		/* the file read (zero for standard input), */
	ino_t ino;		/* to find it again for -L */
	bool bound;		/* as root: it names only processes of uid */
	uid_t uid;		/* the one unprivileged user who can write it */
};

/*
 * Read the PID in path ("-" is standard input): digits, blanks around
 * them, and an optional line ending (LF or CRLF).  As root, unless unsafe
 * is set, refuse a symlink, and a file that a group or every user could
 * write, or that two unprivileged users could, through the file or any
 * directory on its path; a file only one unprivileged user can write
 * (its owner, or the owner of a directory on its path) is bound to that
 * user (pf->bound).  Returns 0 with pf filled in; 1 when the file does
 * not exist or holds no PID (empty, or blanks only), with a message
 * naming the file recorded in fail (STATUS_NOMATCH): the file names no
 * process; -1 on any other failure, with a one-line message recorded
 * (STATUS_USAGE; STATUS_ERROR when out of file descriptors).
 */
int read_pidfile(const char *path, bool unsafe, struct pidfile *pf,
		 struct fail *fail);

/*
 * -L: whether process pid, pinned by the caller, holds a write lock
 * (fcntl, OFD or flock) on the pidfile at path, still the file (dev, ino)
 * first read, through one of its own open files, as its
 * /proc/PID/fdinfo shows.  LOCK_UNPROVEN when its open files cannot be
 * read (another user's process, without privilege).
 */
enum lock_state pidfile_lock_state(const char *path, bool unsafe, dev_t dev,
				   ino_t ino, pid_t pid);

/* Parse pidfile contents (len bytes, may hold NULs; 64 or more are too
   many): 0 with the PID, 1 when it holds nothing but blanks (spaces,
   tabs) and an LF or CRLF ending, else -1 */
int parse_pidfile_text(const char *buf, size_t len, pid_t *pid);

/*
 * Whether fdinfo text (len bytes, /proc/PID/fdinfo/FD) shows a write
 * lock of kind POSIX, OFDLCK or FLOCK on inode ino.  The PID a lock line
 * shows is never looked at: it may be a process that has exited.
 */
bool fdinfo_write_locked(const char *text, size_t len, ino_t ino);

#endif /* PIDKILL_PIDFILE_H */
