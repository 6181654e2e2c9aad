/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * proctree.h - what a process tree is walked by: the children of a
 * process, and whether its threads are stopped, read in /proc.
 *
 * Every reading is by PID: it belongs to a process the caller pinned
 * only if that process has not been reaped by the time the caller
 * checks its pidfd, after the reading.
 */
#ifndef PIDKILL_PROCTREE_H
#define PIDKILL_PROCTREE_H

#include <stddef.h>
#include <sys/types.h>

enum proc_run {
	PROC_RUNNING,		/* a thread is not in a stop */
	PROC_STOPPED,		/* every live thread is stopped (T, or t
				   when traced) */
	PROC_EXITED,		/* no live thread: a zombie, or reaped */
};

/*
 * How the threads of process pid are now, from /proc/PID/task/TID/stat:
 * a stopped process runs no code, so it cannot fork.  *state is the
 * state letter of a thread that is not stopped (RUNNING), else of the
 * process.
 */
enum proc_run proc_threads_state(pid_t pid, char *state);

/* The start time of process pid (field 22 of /proc/PID/stat, clock
   ticks since boot); 0, or -1 if it cannot be read */
int proc_start_time(pid_t pid, unsigned long long *start);

/* The process tracing process pid (TracerPid in /proc/PID/status, 0 for
   self), or 0 for none or when it cannot be read */
pid_t proc_tracer(pid_t pid);

/* The index of the pty whose slave fd is open on (N of /dev/pts/N), or
   -1 when fd is not a pty slave */
int proc_pty_index(int fd);

/*
 * The processes that hold the master of pty index (its server: a
 * terminal emulator, script, tmux or screen), found in one scan of the
 * fd tables of every process pidkill may read (each thread's, where it
 * has its own); their count, in *pids to free.
 */
size_t proc_pty_servers(int index, pid_t **pids);

/* A child, and which of the parents asked about it is its parent */
struct kin {
	size_t parent;		/* an index in the parents given */
	pid_t pid;
};

struct kin_list {
	struct kin *v;
	size_t n, cap;
};

/*
 * Append to kin the children of each of the n processes in parents
 * (distinct PIDs): from /proc/PID/task/TID/children of each thread
 * (CONFIG_PROC_CHILDREN), read again until two readings agree when a
 * list is too long to be read at once; without those files, from one
 * scan of /proc that reads the PPid of every process.  The children are
 * candidates only: each must be pinned and its parent verified.  A
 * parent that is gone has no children.  Returns 0, or -1 with errno set
 * when /proc cannot be read at all.
 */
int proc_children_of(const pid_t *parents, size_t n, struct kin_list *kin);

void kin_list_free(struct kin_list *kin);

#endif /* PIDKILL_PROCTREE_H */
