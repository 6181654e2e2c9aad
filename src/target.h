/*
 * target.h - the record that flows through every stage, the parser for
 * target words, and pinning.
 */
#ifndef PIDKILL_TARGET_H
#define PIDKILL_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct fail;

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
};

/* How far a target got; everything but SIGNALED/PENDING is a reason */
enum target_outcome {
	OUTCOME_PENDING,
	OUTCOME_SIGNALED,
	OUTCOME_GONE,		/* exited, or its PID now names another */
	OUTCOME_IDENTITY,	/* same process, no longer what was selected */
	OUTCOME_PERMISSION,
	OUTCOME_NO_HANDLER,	/* -H: signal not caught */
	OUTCOME_EXCLUDED,	/* pidkill itself, an ancestor, -n/-o, -I */
	OUTCOME_REFUSED,	/* the gate: its signal would reach pidkill */
	OUTCOME_NOT_LOCKED,	/* -L: pidfile not locked by the target */
	OUTCOME_NOT_THREAD,	/* TID not a thread of PID */
	OUTCOME_FAILED,		/* another error, in errnum */
	OUTCOME_EXITED,		/* signaled, then seen to exit */
	OUTCOME_SURVIVED,	/* signaled, alive when waiting ran out */
};

/* -L: what the pidfile's lock said, checked while the target is pinned */
enum lock_state {
	LOCK_UNCHECKED,
	LOCK_HELD,		/* locked by the pinned process */
	LOCK_NOT_HELD,
	LOCK_REPLACED,		/* the pidfile is no longer the file read */
};

struct target {
	pid_t pid;		/* thread group id */
	pid_t tid;		/* > 0 for a thread target */
	int fd;			/* pidfd or /proc dir fd, -1 if not pinned */
	enum target_origin origin;
	enum target_outcome outcome;

	/* what the user demanded, for WORD_PID_ID / WORD_PID_START */
	enum word_form form;
	unsigned long long want;
	const char *word;	/* the word or file that named it, or NULL */

	/* identity as seen at selection (0 = not yet known) */
	bool start_known;	/* start must match when re-read */
	bool prepinned;		/* pinned before the scan read it */
	bool verified;		/* read and judged while pinned by fd */
	bool alias;		/* names the process the target before it
				   names: shares its pin and its signal */
	bool signaled;		/* at least one signal was delivered */
	bool euid_known;
	bool exit_known;
	char state;		/* R, S, D, T, Z... when read */
	unsigned long long start;
	unsigned long long id;	/* pidfs inode, 0 without pidfs */
	char comm[64];
	char *cmdline;		/* when read; owned by the target */
	uid_t euid;		/* read only when a column or -I needs it */
	pid_t ppid;		/* as read after pinning */
	pid_t pgrp;
	int last_signal;	/* the last signal delivered, -1 if none */
	int exit_status;	/* wait status, as waitpid(2) gives it */
	int errnum;
	const char *detail;	/* extra words for a reason, or NULL */
	unsigned leader;	/* --scope=pgroup: 1 + index of the leader
				   of its process group, 0 if none */

	/* -L: the pidfile as first read, to find the same file again */
	enum lock_state lock;
	dev_t pidfile_dev;
	ino_t pidfile_ino;
};

struct target_list {
	struct target *v;
	size_t n, cap;
};

/* Append a zeroed target (fd = -1) */
struct target *target_add(struct target_list *list);
void target_list_free(struct target_list *list);

/* Short name of an outcome ("gone", "permission denied") */
const char *outcome_name(enum target_outcome outcome);

/* Whether a target may still be signaled or waited for */
bool target_in_play(const struct target *t);

/* Format PID:ID or PID@START into buf */
void target_token(const struct target *t, char *buf, size_t size);

/*
 * Order the list by process, drop a match that a PID word or pidfile
 * names too, and mark each further word naming the same process as an
 * alias of the first: the process is then pinned once and signaled once,
 * while each word is judged, and reported, on its own.
 */
void target_list_dedupe(struct target_list *list);

/*
 * Pin every target in [from, to) that is in play and not pinned: a
 * pidfd (a thread pidfd for thread targets), or a /proc directory fd
 * for /proc/PID words; an alias shares the pin of the target before it.
 * A target already signaled is pinned again only if its PID still
 * names the same process (same pidfs id; without pidfs the caller
 * compares start times), else it has exited.  Notes the pidfs id and
 * refuses pidkill itself.  Returns 0, or -1 with the failure recorded
 * when the kernel cannot pin safely at all.
 */
int pin_targets(struct target_list *list, size_t from, size_t to,
		bool thread_scope, struct fail *fail);

/* Close every fd the targets in [from, to) hold */
void unpin_targets(struct target_list *list, size_t from, size_t to);

/* How many targets have outcome o */
size_t count_outcome(const struct target_list *list, enum target_outcome o);

/*
 * --scope=pgroup: the leader of a target's process group, pinned to send
 * the group signal through.  A means, not a target: never selected,
 * counted or reported; shared by every member of its group.
 */
struct leader {
	pid_t pgid;		/* its PID, which names the group */
	int fd;			/* pidfd, -1 when not pinned */
	bool verified;		/* read while pinned: leads its group */
	bool known;		/* start and id below are its identity */
	enum target_outcome state;	/* PENDING while usable */
	const char *detail;
	unsigned long long start, id;
	unsigned sent_step;	/* 1 + the step whose signal it carried */
	enum target_outcome sent;	/* and how that went */
	int errnum;
};

struct leader_set {
	struct leader *v;
	size_t n, cap;
};

/* The index of the leader of group pgid, added if new */
size_t leader_for(struct leader_set *set, pid_t pgid);

/*
 * Pin a leader that is usable and not pinned.  Pinned again, it must
 * be the same process (same pidfs id), else it is gone.  Returns 0, or
 * -1 with the failure recorded when pinning is impossible.
 */
int pin_leader(struct leader *l, struct fail *fail);

/* Close every leader's fd */
void unpin_leaders(struct leader_set *set);
void leader_set_free(struct leader_set *set);

#endif /* PIDKILL_TARGET_H */
