/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pidfd.h - thin wrappers around the pidfd system calls.
 */
#ifndef PIDKILL_PIDFD_H
#define PIDKILL_PIDFD_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

struct fail;

/* pidfd_open(2), returning -1 with errno set on failure; an ENOSYS is
   remembered for pidfd_open_missing() */
int sys_pidfd_open(pid_t pid, unsigned int flags);

/* pidfd_send_signal(2); info may be NULL */
int sys_pidfd_send_signal(int pidfd, int sig, siginfo_t *info,
			  unsigned int flags);

/*
 * Open a handle on process pid: a pidfd, or without pidfd_open(2)
 * (ENOSYS) a /proc/PID directory fd, which pidfd_send_signal(2) accepts
 * too.  Returns the fd or -1 with errno set (ESRCH: no such process).
 */
int pin_pid(pid_t pid);

/* Whether a pidfd_open(2) call met ENOSYS: handles are /proc fds, which
   cannot be waited for */
bool pidfd_open_missing(void);

/*
 * Whether a signal could be sent through a pidfd: a probe with signal 0,
 * which delivers nothing.  Returns 0, or the errno it met (ESRCH: the
 * process has been reaped; EPERM: not permitted).
 */
int pidfd_probe(int fd);

/* Whether the process behind a pidfd has not been reaped yet (a zombie
   counts) */
bool pidfd_alive(int fd);

/*
 * Open /proc/PID (or /proc/PID/task/TID) as a directory fd, refusing
 * symlinks and anything that is not procfs.  Returns the fd or -1.
 */
int open_proc_dir(pid_t pid, pid_t tid);

/*
 * A pidfd on the process whose /proc directory dirfd is:
 * pidfd_open(pid), after which the directory must still answer,
 * so that the pidfd names the same process (a process keeps its PID until
 * it is reaped, and the directory of a reaped one answers no more).
 * Returns the pidfd, or -1 with errno set (ESRCH: gone).
 */
int pidfd_of_proc_dir(int dirfd, pid_t pid);

/*
 * The pidfs inode number of a pidfd (unique per process for the boot).
 * Returns 0, or -1 with errno ENOTSUP when the fd is not on pidfs (a
 * kernel before 6.9, or a /proc directory fd).
 */
int pidfd_inode(int fd, unsigned long long *ino);

/*
 * The exit status (as waitpid gives it) of the process behind a pidfd,
 * through PIDFD_GET_INFO: available once the process has been reaped, on
 * Linux 6.15 and later.  Returns 0, or -1 (errno ENOTTY: no such ioctl;
 * EAGAIN: not reaped yet).
 */
int pidfd_exit_status(int fd, int *status);

/*
 * The exit status (as waitpid gives it) of a process that has exited
 * and is not reaped yet, pinned by fd as PID pid: from /proc/PID/stat,
 * which shows it to those who may trace the process (pidkill asks for
 * CAP_SYS_PTRACE), read while the pidfd says it is still unreaped.
 * Returns 0, or -1 (errno EAGAIN: not a zombie; ESRCH: reaped meanwhile;
 * EPERM: not shown to pidkill).
 */
int pidfd_zombie_status(int fd, pid_t pid, int *status);

/* process_mrelease(2); -1 with errno set on failure */
int sys_process_mrelease(int pidfd, unsigned int flags);

/* What the running kernel offers pidkill, for --version: each feature
   is there, missing, or unknown when its probe failed for another
   reason (err says which) */
enum feature_state { FEATURE_NO, FEATURE_YES, FEATURE_UNKNOWN };
struct feature {
	enum feature_state state;
	int err;
};
struct kernel_features {
	struct feature send_signal;	/* pidfd_send_signal(2), Linux 5.1 */
	struct feature open;		/* pidfd_open(2), 5.3 */
	struct feature mrelease;	/* process_mrelease(2), 5.15 */
	struct feature pidfs_ids;	/* pidfds on pidfs, unique inodes, 6.9 */
	struct feature thread_pidfds;	/* PIDFD_THREAD, 6.9 */
	struct feature get_info;	/* the PIDFD_GET_INFO ioctl, 6.13 */
	struct feature exit_info;	/* its exit status once reaped, 6.15 */
};

/*
 * Find out, on pidkill's own process and on a child that exits at once
 * (nothing is signaled), which of the features above the kernel has.
 */
void kernel_features_probe(struct kernel_features *k);

/*
 * Make sure /proc can be believed: a procfs mount, of this PID namespace
 * (its "self" is pidkill's PID).  Notes the /proc/PID directories that
 * have something mounted over them.  Returns 0, or -1 with the failure
 * recorded.
 */
int check_procfs(struct fail *fail);

/*
 * Before anything under /proc is read: /proc is this PID namespace's
 * own, and not an ancestor namespace's in which pidkill's PID happens to
 * be the same number (/proc/self/status lists one PID, not several).
 * Checked once; returns 0, or -1 with the failure recorded.
 */
int check_proc_namespace(struct fail *fail);

/* Whether /proc/PID has something mounted on or under it */
bool proc_entry_overmounted(pid_t pid);

#endif /* PIDKILL_PIDFD_H */
