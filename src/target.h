/*
 * target.h - the record that flows through every stage, and the parser
 * for target words.
 */
#ifndef PIDKILL_TARGET_H
#define PIDKILL_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* What a target word on the command line says */
enum word_form {
	WORD_PATTERN,		/* anything else: a regular expression */
	WORD_PID,		/* 1234 */
	WORD_PID_ID,		/* 1234:5678901, pidfs inode */
	WORD_PID_START,		/* 1234@987654, start time in clock ticks */
	WORD_PROC,		/* /proc/1234 */
	WORD_PROC_TASK,		/* /proc/1234/task/1240 */
};

struct target_word {
	enum word_form form;
	pid_t pid;
	pid_t tid;			/* WORD_PROC_TASK */
	unsigned long long id;		/* WORD_PID_ID */
	unsigned long long start;	/* WORD_PID_START */
};

/*
 * Classify and parse one target word.  A word that starts with a digit or
 * with "/proc" must parse completely as a PID form; anything else is a
 * pattern.  Returns 0, or -1 for a malformed PID form.
 */
int parse_target_word(const char *word, struct target_word *tw);

/* Parse a PID: decimal, 1..PID_MAX_LIMIT (4194304), whole word; 0 or -1 */
int parse_pid(const char *s, pid_t *pid);

/* Where a target came from */
enum target_origin {
	ORIGIN_WORD,		/* a PID form the user typed */
	ORIGIN_PIDFILE,		/* -F */
	ORIGIN_MATCH,		/* a pattern or filter matched it */
	ORIGIN_LEADER,		/* --scope=pgroup: leads a target's group */
};

/* How far a target got; everything but SIGNALED/PENDING is a reason */
enum target_outcome {
	OUTCOME_PENDING,
	OUTCOME_SIGNALED,
	OUTCOME_GONE,		/* exited, or its PID now names another */
	OUTCOME_IDENTITY,	/* same process, no longer what was selected */
	OUTCOME_PERMISSION,
	OUTCOME_NO_HANDLER,	/* -H: signal not caught */
	OUTCOME_EXCLUDED,	/* pidkill itself or an ancestor */
	OUTCOME_NOT_LOCKED,	/* -L: pidfile not locked by the target */
	OUTCOME_NOT_THREAD,	/* TID not a thread of PID */
	OUTCOME_FAILED,		/* another error, in errnum */
	OUTCOME_EXITED,		/* signaled, then seen to exit */
	OUTCOME_SURVIVED,	/* signaled, alive when waiting ran out */
};

struct target {
	pid_t pid;		/* thread group id */
	pid_t tid;		/* > 0 for a thread target */
	enum target_origin origin;
	const char *word;	/* the word or file that named it, or NULL */

	/* what the user demanded, for WORD_PID_ID / WORD_PID_START */
	enum word_form form;
	unsigned long long want;

	/* identity as seen at selection (0 = not yet known) */
	bool start_known;	/* start must match when re-read */
	unsigned long long start;
	unsigned long long id;	/* pidfs inode, 0 without pidfs */
	char comm[64];
	uid_t euid;		/* read only when a column or -I needs it */
	bool euid_known;
	char state;		/* R, S, D, T, Z... when read */
	char *cmdline;		/* when read; owned by the target */
	int last_signal;	/* the last signal delivered, -1 if none */
	pid_t ppid;		/* as read after pinning */
	pid_t pgrp;

	int fd;			/* pidfd or /proc dir fd, -1 if not pinned */
	bool prepinned;		/* pinned before the scan read it: that
				   reading verified it */
	const char *pidfile;	/* -L: the pidfile whose lock must be ours */
	dev_t pidfile_dev;	/* -L: the pidfile as first read, to find */
	ino_t pidfile_ino;	/* the same file again for the lock check */

	enum target_outcome outcome;
	bool signaled;		/* at least one signal was delivered */
	int errnum;
	const char *detail;	/* extra words for a reason, or NULL */
	bool exit_known;
	int exit_status;	/* wait status, as waitpid(2) gives it */
	size_t leader;		/* --scope=pgroup: 1 + index of the group
				   leader's target in its list, 0 if none */
};

struct target_list {
	struct target *v;
	size_t n, cap;
};

/* Append a zeroed target (fd = -1); exits on allocation failure */
struct target *target_add(struct target_list *list);
void target_list_free(struct target_list *list);

/* Short name of an outcome ("gone", "permission denied") */
const char *outcome_name(enum target_outcome outcome);

/* Format PID:ID or PID@START into buf */
void target_token(const struct target *t, char *buf, size_t size);


struct pidkill_opts;

/* Turn the PID-form words of the command line into targets */
void targets_from_words(const struct pidkill_opts *opts,
			struct target_list *list);

/* Drop repeated (pid, tid) pairs, keeping the one the user named */
void target_list_dedupe(struct target_list *list);

/*
 * Pin every pending target in [from, to): a pidfd (a thread pidfd for thread targets),
 * or a /proc directory fd for /proc/PID words.  Checks PID:ID against the
 * pidfs inode and refuses pidkill itself.  Kernel failures that make
 * safe delivery impossible exit with STATUS_ERROR.
 */
void pin_targets(struct target_list *list, size_t from, size_t to,
		 bool thread_scope);

/*
 * Pin again a target whose fd was closed (more targets than fds), for
 * another signal or for waiting.  Returns true if the same process is
 * pinned again (same pidfs id; without pidfs the caller must compare the
 * start time), false if it has exited.
 */
bool repin_target(struct target *t, bool thread_scope);

/* Close every fd the targets in [from, to) hold */
void unpin_targets(struct target_list *list, size_t from, size_t to);

/* How many targets have outcome o */
size_t count_outcome(const struct target_list *list, enum target_outcome o);

#endif /* PIDKILL_TARGET_H */
