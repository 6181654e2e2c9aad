/* SPDX-License-Identifier: GPL-2.0-or-later */
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
	WORD_PID_ID,		/* 1234:5678901, pidfs inode; a thread's
				   token: /proc/1234/task/1240:5678907 */
	WORD_PID_START,		/* 1234@987654, start time in clock ticks;
				   /proc/1234/task/1240@987655 */
	WORD_PROC,		/* /proc/1234 */
	WORD_PROC_TASK,		/* /proc/1234/task/1240 */
};

struct target_word {
	enum word_form form;
	pid_t pid;
	pid_t tid;			/* WORD_PROC_TASK, a thread's token */
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
	ORIGIN_TREE,		/* --tree: a descendant of a selected target */
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

/* Why a target that is alive but hidden in /proc (hidepid=) and needs
   reading to be verified was not signaled */
#define DETAIL_UNREADABLE \
	"cannot be read in /proc (hidepid?): not verified, not signaled"

/* Why pidkill's own process, named and shown to be the one named, was
   not signaled */
#define DETAIL_SELF "pidkill itself"

/* -L: what the pidfile's lock said, checked while the target is pinned */
enum lock_state {
	LOCK_UNCHECKED,
	LOCK_HELD,		/* write-locked through an open file of the
				   pinned process, as its fdinfo shows */
	LOCK_NOT_HELD,
	LOCK_REPLACED,		/* the pidfile is no longer the file read */
	LOCK_UNPROVEN,		/* its open files could not be read */
};

/*
 * What few targets need: the words the user typed, and what is shown or
 * waited for.  Kept apart so that the record every match has stays small
 * (a scan may select tens of thousands).
 */
struct target_more {
	const char *word;	/* the word or file that named it, or NULL */
	enum word_form form;	/* what the word demanded: */
	unsigned long long want;	/* WORD_PID_ID / WORD_PID_START */
	pid_t tid;		/* > 0 for a thread target */
	pid_t ppid;		/* as first read after pinning, when waiting,
				   shown or walking a tree */
	bool ppid_known;
	pid_t pgrp;		/* as read after pinning, --scope=pgroup */
	unsigned leader;	/* --scope=pgroup: 1 + index of the leader
				   of its process group, 0 if none */
	bool euid_known;
	bool exit_known;
	bool unread;		/* alive, but /proc hid it (hidepid=) */
	char state;		/* R, S, D, T, Z... when shown */
	uid_t euid;		/* when shown or asked about */
	char *cmdline;		/* when shown or asked about; owned */
	int exit_status;	/* wait status, as waitpid(2) gives it */
	int errnum;
	const char *detail;	/* extra words for a reason, or NULL */
	enum lock_state lock;	/* -L */
	dev_t pidfile_dev;	/* -L: the pidfile as first read, to find */
	ino_t pidfile_ino;	/* the same file again */
	bool pidfile_bound;	/* as root, a pidfile one unprivileged user */
	uid_t pidfile_uid;	/* could write names only that user's */
	/* --tree */
	unsigned depth;		/* 0: selected; a member: its parent's + 1 */
	size_t parent;		/* a member: 1 + the index of its parent;
				   a selected target found below another
				   one: of the member that listed it */
	pid_t listed_by;	/* a member: the PID of the member whose
				   children listed it */
	bool admitted;		/* a member whose parent link was verified;
				   from then on known by its identity */
	bool through;		/* pidkill's ancestor in a tree: walked for
				   its children, never stopped or signaled */
	bool beside;		/* words that did not select a process that
				   is a member (their first): shown beside
				   it, the member at parent */
	bool member_too;	/* such a word: it says so */
	bool held;		/* stopped by pidkill, not continued yet */
	bool was_stopped;	/* stopped already when pidkill came */
	unsigned walked;	/* the step whose walk read its children */
	unsigned sent_step;	/* the step whose signal it was sent */
};

struct target {
	unsigned long long start;	/* clock ticks since boot */
	unsigned long long id;		/* pidfs inode, 0 without pidfs */
	const char *comm;	/* name, in the list's pool; NULL if not read */
	struct target_more *more;	/* NULL while nothing needs it */
	pid_t pid;		/* thread group id */
	int fd;			/* pidfd or /proc dir fd, -1 if not pinned */
	unsigned char origin;	/* enum target_origin */
	unsigned char outcome;	/* enum target_outcome */
	signed char last_signal;	/* the last signal delivered, -1 if none */
	bool start_known : 1;	/* start must match when re-read */
	bool prepinned : 1;	/* pinned before the scan read it */
	bool verified : 1;	/* read and judged while pinned by fd */
	bool alias : 1;		/* names the process the target before it
				   names: shares its pin and its signal */
	bool signaled : 1;	/* at least one signal was delivered */
};

/* The cold part of t, allocated on first use */
struct target_more *target_more(struct target *t);

/* The cold part of t to read: zeroes when it has none */
extern const struct target_more target_no_more;
static inline const struct target_more *
target_cold(const struct target *t)
{
	return t->more ? t->more : &target_no_more;
}

/* A process as pidkill's ancestors are noted: PID and start time */
struct proc_id {
	pid_t pid;
	unsigned long long start;
	const char *detail;	/* DETAIL_ANCESTOR; with --tree, or
				   DETAIL_TRACER, DETAIL_TERMINAL,
				   DETAIL_TERMINAL_TRACER */
};

#define DETAIL_ANCESTOR "an ancestor of pidkill"
#define DETAIL_TRACER "tracing pidkill or an ancestor of it"
#define DETAIL_TERMINAL "serving the terminal pidkill asks on"
#define DETAIL_TERMINAL_TRACER "tracing the server of the terminal pidkill asks on"

/* Names (comm) for a list, allocated in blocks and freed with it */
struct name_pool {
	char *block;
	size_t used, size;
	char **blocks;
	size_t nblocks;
};

struct target_list {
	struct target *v;
	size_t n, cap;
	struct name_pool names;
};

/* Note name (NULL: "?") as t's name, in list's pool */
void target_set_name(struct target_list *list, struct target *t,
		     const char *name);

/* t's name, "" when none was read */
static inline const char *
target_name(const struct target *t)
{
	return t->comm ? t->comm : "";
}

/* The thread a target names, 0 for a whole process */
static inline pid_t
target_tid(const struct target *t)
{
	return target_cold(t)->tid;
}

/* Append a zeroed target (fd = -1) */
struct target *target_add(struct target_list *list);
void target_list_free(struct target_list *list);

/* Short name of an outcome ("gone", "permission denied") */
const char *outcome_name(enum target_outcome outcome);

/* Whether a target may still be signaled or waited for */
bool target_in_play(const struct target *t);

/* Whether a target was excluded as pidkill itself (DETAIL_SELF) */
bool target_is_self(const struct target *t);

/* Format PID:ID or PID@START into buf; for a thread of a known process
   /proc/PID/task/TID:ID or /proc/PID/task/TID@START, which
   parse_target_word reads back as the same thread */
void target_token(const struct target *t, char *buf, size_t size);

/* What one delivery is, as the scope sees it */
enum target_key {
	KEY_AS_NAMED,		/* a process, or a thread for a task path */
	KEY_PROCESS,		/* --scope=process: the process */
	KEY_THREAD,		/* --scope=thread: one thread */
};

/* Order two targets by the delivery they name; 0 when it is one */
int target_key_compare(const struct target *a, const struct target *b,
		       enum target_key key);

/*
 * Order the list by delivery (words and pidfiles as given, before a
 * match of the same process) and mark each further target naming the
 * same delivery as an alias of the one before: the process is then
 * pinned once and signaled once, while each target is judged, and
 * reported, on its own.
 */
void target_list_dedupe(struct target_list *list, enum target_key key);

/*
 * Pin every target in [from, to) that is in play (or walked through, in
 * a tree) and not pinned: a pidfd (a thread pidfd for thread targets),
 * or a /proc directory fd for /proc/PID words; an alias shares the pin
 * of the target before it.  A target pinned before is pinned again only
 * if its PID still names the same process (same pidfs id; without pidfs
 * the caller compares start times), else it has exited, or is gone if
 * it was never signaled.  Notes the pidfs id and refuses pidkill
 * itself.  Returns 0, or -1 with the failure recorded when the kernel
 * cannot pin safely at all.
 */
int pin_targets(struct target_list *list, size_t from, size_t to,
		bool thread_scope, struct fail *fail);

/* Close every fd the targets in [from, to) hold: pinned again, they
   will be read again */
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
