/*
 * pidfile.h - reading pidfiles strictly, and asking who holds their lock.
 */
#ifndef PIDKILL_PIDFILE_H
#define PIDKILL_PIDFILE_H

#include <stdbool.h>
#include <sys/stat.h>
#include <sys/types.h>

/*
 * Read the PID in path ("-" is standard input): digits and an optional
 * trailing newline, nothing else.  As root, unless unsafe is set, refuse
 * a symlink or a file that another unprivileged user could write.  Any
 * failure prints one line naming the file and exits with STATUS_USAGE
 * (STATUS_ERROR when out of file descriptors).  On success returns the
 * PID and, through st, what the file is (zeroed for standard input).
 */
pid_t read_pidfile(const char *path, bool unsafe, struct stat *st);

/*
 * The PID of the process holding a POSIX (fcntl) lock on the open
 * pidfile, 0 if none, -1 on error.
 */
pid_t pidfile_lock_owner(int fd);

/* Parse pidfile contents (len bytes, may hold NULs); 0 or -1 */
int parse_pidfile_text(const char *buf, size_t len, pid_t *pid);


struct pidkill_opts;
struct target_list;

/* Read every -F pidfile into an ORIGIN_PIDFILE target */
void targets_from_pidfiles(const struct pidkill_opts *opts,
			   struct target_list *list);

/*
 * With -L: after pinning, each pidfile target in [from, to) must be the process that
 * holds the lock on its pidfile, else it is marked OUTCOME_NOT_LOCKED.
 */
void check_pidfile_locks(const struct pidkill_opts *opts,
			 struct target_list *list, size_t from, size_t to);

#endif /* PIDKILL_PIDFILE_H */
