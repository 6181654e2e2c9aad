/*
 * pidfile.h - reading pidfiles strictly, and asking who holds their lock.
 */
#ifndef PIDKILL_PIDFILE_H
#define PIDKILL_PIDFILE_H

#include <stdbool.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "target.h"

struct fail;

/*
 * Read the PID in path ("-" is standard input): digits and an optional
 * trailing newline, nothing else.  As root, unless unsafe is set, refuse
 * a symlink or a file that another unprivileged user could write.  On
 * success returns 0 with the PID and, through st, what the file is
 * (zeroed for standard input); on failure -1 with a one-line message
 * naming the file recorded (STATUS_USAGE; STATUS_ERROR when out of file
 * descriptors).
 */
int read_pidfile(const char *path, bool unsafe, pid_t *pid, struct stat *st,
		 struct fail *fail);

/*
 * -L: whether the pidfile at path, still the file (dev, ino) first read,
 * is locked by process pid.
 */
enum lock_state pidfile_lock_state(const char *path, bool unsafe, dev_t dev,
				   ino_t ino, pid_t pid);

/*
 * The PID of the process holding a POSIX (fcntl) lock on the open
 * pidfile, 0 if none, -1 on error.
 */
pid_t pidfile_lock_owner(int fd);

/* Parse pidfile contents (len bytes, may hold NULs); 0 or -1 */
int parse_pidfile_text(const char *buf, size_t len, pid_t *pid);

#endif /* PIDKILL_PIDFILE_H */
