/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * select.c - process selection through libproc2.
 *
 * A field table maps what the options need to libproc2 items; only those
 * items are requested, so a plain name match reads /proc/PID/stat alone.
 * What is read becomes a proc_view; match.c holds every selection
 * criterion and verify.c the verdict, for the scan and for the
 * verification after pinning alike, so the two cannot drift apart.
 *
 * A scan pins every process before libproc2 reads it, when fds allow: what
 * the scan reads is then read after pinning, and is the verification too.
 * libproc2 itself is loaded on first use: a run that reads no process (a
 * plain PID target with nothing to show) does not pay for it.
 */
#include "config.h"

#include <dirent.h>
#include <dlfcn.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <regex.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libproc2/pids.h>
#include <libproc2/stat.h>

#include "fail.h"
#include "fdlimit.h"
#include "match.h"
#include "pidfd.h"
#include "pidfile.h"
#include "proctree.h"
#include "select.h"
#include "status.h"
#include "timefmt.h"
#include "verify.h"
#include "xalloc.h"

enum field {
	F_PID, F_START, F_CMD, F_PPID, F_TGID, F_CMDLINE, F_PGRP, F_SID,
	F_RGID, F_EUID, F_RUID, F_TTY, F_STATE, F_ELAPSED,
	F_NS_IPC, F_NS_MNT, F_NS_NET, F_NS_PID, F_NS_USER, F_NS_UTS,
	F_NS_CGROUP, F_NS_TIME,
	F_CGROUP, F_ENVIRON, F_SIGCATCH, F_CMDLINE_V,
	F_COUNT
};

static const enum pids_item field_item[F_COUNT] = {
	[F_PID] = PIDS_ID_PID,		[F_START] = PIDS_TICS_BEGAN,
	[F_CMD] = PIDS_CMD,		[F_PPID] = PIDS_ID_PPID,
	[F_TGID] = PIDS_ID_TGID,	[F_CMDLINE] = PIDS_CMDLINE,
	[F_PGRP] = PIDS_ID_PGRP,	[F_SID] = PIDS_ID_SESSION,
	[F_RGID] = PIDS_ID_RGID,	[F_EUID] = PIDS_ID_EUID,
	[F_RUID] = PIDS_ID_RUID,	[F_TTY] = PIDS_TTY,
	[F_STATE] = PIDS_STATE,		[F_ELAPSED] = PIDS_TIME_ELAPSED,
	[F_NS_IPC] = PIDS_NS_IPC,	[F_NS_MNT] = PIDS_NS_MNT,
	[F_NS_NET] = PIDS_NS_NET,	[F_NS_PID] = PIDS_NS_PID,
	[F_NS_USER] = PIDS_NS_USER,	[F_NS_UTS] = PIDS_NS_UTS,
	[F_NS_CGROUP] = PIDS_NS_CGROUP,	[F_NS_TIME] = PIDS_NS_TIME,
	[F_CGROUP] = PIDS_CGROUP_V,	[F_ENVIRON] = PIDS_ENVIRON_V,
	[F_SIGCATCH] = PIDS_SIGCATCH,	[F_CMDLINE_V] = PIDS_CMDLINE_V,
};

/*
 * libproc2's entry points, looked up when it is first needed: loading it
 * and the libraries behind it (libsystemd, libgcrypt, ...) costs more than
 * signaling one process.
 */
static struct {
	__typeof__(procps_pids_new) *pids_new;
	__typeof__(procps_pids_unref) *pids_unref;
	__typeof__(procps_pids_get) *pids_get;
	__typeof__(procps_pids_select) *pids_select;
	__typeof__(procps_stat_new) *stat_new;
	__typeof__(procps_stat_get) *stat_get;
	__typeof__(procps_stat_unref) *stat_unref;
} proc2;

/* Load libproc2; 0, or -1 with the failure recorded */
static int
proc2_load(struct fail *fail)
{
	void *lib;

	if (proc2.pids_new)
		return 0;
	lib = dlopen(LIBPROC2_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return fail_set(fail, STATUS_ERROR, "cannot load %s: %s",
				LIBPROC2_SONAME, dlerror());
	proc2.pids_unref = dlsym(lib, "procps_pids_unref");
	proc2.pids_get = dlsym(lib, "procps_pids_get");
	proc2.pids_select = dlsym(lib, "procps_pids_select");
	proc2.stat_new = dlsym(lib, "procps_stat_new");
	proc2.stat_get = dlsym(lib, "procps_stat_get");
	proc2.stat_unref = dlsym(lib, "procps_stat_unref");
	if (!proc2.pids_unref || !proc2.pids_get || !proc2.pids_select ||
	    !proc2.stat_new || !proc2.stat_get || !proc2.stat_unref)
		return fail_set(fail, STATUS_ERROR, "%s: %s", LIBPROC2_SONAME,
				dlerror());
	/* set last: it says the rest is there */
	proc2.pids_new = dlsym(lib, "procps_pids_new");
	if (!proc2.pids_new)
		return fail_set(fail, STATUS_ERROR, "%s: %s", LIBPROC2_SONAME,
				dlerror());
	return 0;
}

/* libproc2 takes at most this many PIDs per procps_pids_select() call */
#define SELECT_CHUNK 255

struct selector {
	const struct pidkill_opts *opts;
	struct fail *fail;		/* the run's, for every later error */
	struct pids_info *info;
	enum pids_item items[F_COUNT];
	int idx[F_COUNT];		/* stack position, -1 if not read */
	int nitems;
	struct matcher match;
	struct verify_rules rules;
	bool matched_any;
	bool read_named;		/* read PID targets after pinning */
	struct proc_id *anc;
	size_t nanc;
	pid_t *anc_pgrps;		/* their process groups */
	pid_t self;
	time_t booted;
	bool booted_known;
	char comm[64];			/* the raw name last read */
	char *cmdline;			/* the raw command line last read */
	size_t cmdline_size;
};

#define HAS(sel, f) ((sel)->idx[f] >= 0)
#define VAL(sel, f, type, stack) ((stack)->head[(sel)->idx[f]].result.type)

/* The process table, opened on first use; NULL after a failure */
static struct pids_info *
table(struct selector *sel)
{
	int rc;

	if (sel->info)
		return sel->info;
	if (check_proc_namespace(sel->fail) < 0 || proc2_load(sel->fail) < 0)
		return NULL;
	rc = proc2.pids_new(&sel->info, sel->items, sel->nitems);
	if (rc < 0) {
		fail_set(sel->fail, STATUS_ERROR, "cannot read the process "
			 "table: %s", strerror(-rc));
		sel->info = NULL;
	}
	return sel->info;
}

static void
want(struct selector *sel, enum field f)
{
	if (sel->idx[f] >= 0)
		return;
	sel->idx[f] = sel->nitems;
	sel->items[sel->nitems++] = field_item[f];
}

/* Choose the items: stat-only unless an option needs more */
static void
choose_fields(struct selector *sel)
{
	const struct pidkill_opts *o = sel->opts;
	size_t i;
	int k;

	for (k = 0; k < F_COUNT; k++)
		sel->idx[k] = -1;
	want(sel, F_PID);
	want(sel, F_START);
	want(sel, F_CMD);
	want(sel, F_PPID);
	for (i = 0; i < o->nwords; i++)
		if (o->words[i].tw.form == WORD_PROC ||
		    o->words[i].tw.form == WORD_PROC_TASK ||
		    o->words[i].tw.tid > 0)
			want(sel, F_TGID);
	if (o->scope == SCOPE_THREAD)
		want(sel, F_TGID);
	if (o->full)
		want(sel, F_CMDLINE);
	if (o->pgroups.n || o->scope == SCOPE_PGROUP)
		want(sel, F_PGRP);
	if (o->sessions.n)
		want(sel, F_SID);
	if (o->groups.n)
		want(sel, F_RGID);
	if (o->euids.n)
		want(sel, F_EUID);
	if (o->uids.n)
		want(sel, F_RUID);
	if (o->ttys.n)
		want(sel, F_TTY);
	if (o->runstates)
		want(sel, F_STATE);
	if (o->older >= 0)
		want(sel, F_ELAPSED);
	for (k = 0; k < NS_KINDS; k++)
		if (o->nslist & (1U << k))
			want(sel, F_NS_IPC + k);
	if (o->cgroups.n)
		want(sel, F_CGROUP);
	if (o->envs.n)
		want(sel, F_ENVIRON);
	if (o->require_handler)
		want(sel, F_SIGCATCH);
	if (o->interactive || shows_column(o, COL_USER) ||
	    shows_column(o, COL_UID))
		want(sel, F_EUID);
	if (shows_column(o, COL_STATE))
		want(sel, F_STATE);
	if (o->interactive || shows_column(o, COL_CMDLINE))
		want(sel, F_CMDLINE);
	if (HAS(sel, F_CMDLINE))
		want(sel, F_CMDLINE_V);
	/* as root, a pidfile may name only one user's processes */
	if (o->pidfiles.n && !o->unsafe_pidfile && geteuid() == 0) {
		want(sel, F_EUID);
		want(sel, F_RUID);
	}
}

/*
 * libproc2 gives names and command lines escaped: a control character
 * becomes '.' (a space in a command line), any other byte that is not
 * printable ASCII '?'.  Patterns match the bytes the kernel holds, and
 * output escapes them itself: so a command line is always joined from
 * its raw arguments, and a name holding '.' or '?' is read again raw,
 * from /proc/PID/comm, which libproc2 does not offer unescaped.
 */
static const char *
raw_comm(struct selector *sel, pid_t pid, const char *escaped)
{
	char path[64];
	ssize_t n;
	int fd;

	if (!escaped || !strpbrk(escaped, "?."))
		return escaped;
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return escaped;
	n = read(fd, sel->comm, sizeof(sel->comm) - 1);
	close(fd);
	if (n <= 0)
		return escaped;
	if (sel->comm[n - 1] == '\n')
		n--;
	sel->comm[n] = '\0';
	return sel->comm;
}

/* The command line's arguments joined by spaces, as the kernel holds
   them; libproc2's own text for a process without one ("[name]") */
static const char *
raw_cmdline(struct selector *sel, const char *escaped, char **argv)
{
	size_t len = 0, i;
	char *p;

	if (!escaped || !argv || !argv[0] ||
	    (escaped[0] == '[' && strcmp(argv[0], "-") == 0 && !argv[1]))
		return escaped;
	for (i = 0; argv[i]; i++)
		len += strlen(argv[i]) + 1;
	if (len > sel->cmdline_size) {
		sel->cmdline = xreallocarray(sel->cmdline, len, 1);
		sel->cmdline_size = len;
	}
	p = sel->cmdline;
	for (i = 0; argv[i]; i++)
		p = stpcpy(p, argv[i]), *p++ = ' ';
	p[-1] = '\0';
	return sel->cmdline;
}

/* What was read of one process, as the criteria and the verdict see it */
static void
read_view(struct selector *sel, struct pids_stack *s, struct proc_view *v)
{
	int k;

	memset(v, 0, sizeof(*v));
	v->pid = VAL(sel, F_PID, s_int, s);
	v->start = VAL(sel, F_START, ull_int, s);
	v->comm = raw_comm(sel, v->pid, VAL(sel, F_CMD, str, s));
	v->ppid = VAL(sel, F_PPID, s_int, s);
	if ((v->have_tgid = HAS(sel, F_TGID)))
		v->tgid = VAL(sel, F_TGID, s_int, s);
	if (HAS(sel, F_CMDLINE))
		v->cmdline = raw_cmdline(sel, VAL(sel, F_CMDLINE, str, s),
					 VAL(sel, F_CMDLINE_V, strv, s));
	if (HAS(sel, F_PGRP))
		v->pgrp = VAL(sel, F_PGRP, s_int, s);
	if (HAS(sel, F_SID))
		v->sid = VAL(sel, F_SID, s_int, s);
	if (HAS(sel, F_RGID))
		v->rgid = VAL(sel, F_RGID, u_int, s);
	if (HAS(sel, F_EUID))
		v->euid = VAL(sel, F_EUID, u_int, s);
	if (HAS(sel, F_RUID))
		v->ruid = VAL(sel, F_RUID, u_int, s);
	if (HAS(sel, F_TTY))
		v->tty = (long)(unsigned)VAL(sel, F_TTY, s_int, s);
	if (HAS(sel, F_STATE))
		v->state = VAL(sel, F_STATE, s_ch, s);
	if (HAS(sel, F_ELAPSED))
		v->elapsed = VAL(sel, F_ELAPSED, real, s);
	for (k = 0; k < NS_KINDS; k++)
		if (HAS(sel, F_NS_IPC + k))
			v->ns[k] = VAL(sel, F_NS_IPC + k, ul_int, s);
	if (HAS(sel, F_CGROUP))
		v->cgroups = VAL(sel, F_CGROUP, strv, s);
	if (HAS(sel, F_ENVIRON))
		v->environ = VAL(sel, F_ENVIRON, strv, s);
	if (HAS(sel, F_SIGCATCH))
		v->sigcatch = VAL(sel, F_SIGCATCH, str, s);
	v->overmounted = proc_entry_overmounted(v->pid);
}

/* One process by PID through libproc2; NULL if it does not exist, or
   after a failure (recorded) */
static struct pids_stack *
read_one(struct selector *sel, pid_t pid)
{
	struct pids_info *info = table(sel);
	unsigned int p = (unsigned int)pid;
	struct pids_fetch *f;

	if (!info)
		return NULL;
	f = proc2.pids_select(info, &p, 1, PIDS_SELECT_PID);
	if (!f) {
		fail_set(sel->fail, STATUS_ERROR, "cannot read process %d: %s",
			 (int)pid, strerror(errno));
		return NULL;
	}
	return f->counts->total > 0 ? f->stacks[0] : NULL;
}

/* Note pid as one of the ancestors; its parent, or 0 if it cannot be
   read */
static pid_t
add_ancestor(struct selector *sel, pid_t pid)
{
	struct pids_stack *s = read_one(sel, pid);
	struct proc_id *a;

	if (!s)
		return 0;
	sel->anc = xreallocarray(sel->anc, sel->nanc + 1, sizeof(*sel->anc));
	sel->anc_pgrps = xreallocarray(sel->anc_pgrps, sel->nanc + 1,
				       sizeof(*sel->anc_pgrps));
	sel->anc_pgrps[sel->nanc] = HAS(sel, F_PGRP)
		? VAL(sel, F_PGRP, s_int, s) : 0;
	a = &sel->anc[sel->nanc++];
	a->pid = pid;
	a->start = VAL(sel, F_START, ull_int, s);
	a->detail = DETAIL_ANCESTOR;
	return VAL(sel, F_PPID, s_int, s);
}

static bool
is_noted_ancestor(const struct selector *sel, pid_t pid)
{
	size_t i;

	for (i = 0; i < sel->nanc; i++)
		if (sel->anc[i].pid == pid)
			return true;
	return false;
}

/*
 * -I --tree: the server of the terminal the question is asked on (the
 * holder of its pty master) is taken as an ancestor: one stopped with
 * a tree would never show the question, nor pass the answer on.
 */
static void
read_terminal_servers(struct selector *sel)
{
	pid_t *servers = NULL;
	size_t i, n, k;
	int fd, index;

	fd = open("/dev/tty", O_RDONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return;
	index = proc_pty_index(fd);
	close(fd);
	n = index < 0 ? 0 : proc_pty_servers(index, &servers);
	for (i = 0; i < n && sel->nanc < 4096 && !failed(sel->fail); i++) {
		if (servers[i] == sel->self || is_noted_ancestor(sel, servers[i]))
			continue;
		k = sel->nanc;
		add_ancestor(sel, servers[i]);
		if (sel->nanc > k)
			sel->anc[k].detail = DETAIL_TERMINAL;
	}
	free(servers);
}

/*
 * The chain of parents from pidkill's up to init, with start times and
 * process groups.  With --tree, the tracers of pidkill and of those
 * (strace -f on its shell), and of the terminal's servers with -I, are
 * taken as ancestors too: one stopped with a tree would leave what it
 * traces stopped at its next system call for ever.
 */
static int
read_ancestors(struct selector *sel)
{
	pid_t pid = getppid(), tracer;
	const char *traced;
	size_t i, n;

	while (pid > 0 && sel->nanc < 4096 && !failed(sel->fail))
		pid = add_ancestor(sel, pid);
	if (sel->opts->tree && sel->opts->interactive)
		read_terminal_servers(sel);
	for (i = 0; sel->opts->tree && i <= sel->nanc && sel->nanc < 4096 &&
		    !failed(sel->fail); i++) {
		tracer = proc_tracer(i == 0 ? sel->self : sel->anc[i - 1].pid);
		if (tracer <= 0 || tracer == sel->self ||
		    is_noted_ancestor(sel, tracer))
			continue;
		traced = i == 0 ? DETAIL_ANCESTOR : sel->anc[i - 1].detail;
		n = sel->nanc;
		add_ancestor(sel, tracer);
		if (sel->nanc > n)
			sel->anc[n].detail =
				strcmp(traced, DETAIL_TERMINAL) == 0 ||
				strcmp(traced, DETAIL_TERMINAL_TRACER) == 0
				? DETAIL_TERMINAL_TRACER : DETAIL_TRACER;
	}
	return failed(sel->fail) ? -1 : 0;
}

/*
 * --ns: the reference's namespaces.  A kind this kernel does not have
 * is left out; one it has but that cannot be read (another user's
 * process) is an error, as nothing could be compared with it.
 */
static int
read_ns_reference(struct selector *sel)
{
	static const char *const kinds[NS_KINDS] = {
		"ipc", "mnt", "net", "pid", "user", "uts", "cgroup", "time",
	};
	const struct pidkill_opts *o = sel->opts;
	struct pids_stack *s = read_one(sel, o->ns_pid);
	char path[64];
	int k;

	if (failed(sel->fail))
		return -1;
	if (!s)
		return fail_set(sel->fail, STATUS_NOMATCH, "--ns: no such "
				"process: %d", (int)o->ns_pid);	/* as pkill */
	for (k = 0; k < NS_KINDS; k++) {
		if (!(o->nslist & (1U << k)))
			continue;
		sel->match.ns_ref[k] = VAL(sel, F_NS_IPC + k, ul_int, s);
		if (sel->match.ns_ref[k] != 0)
			continue;
		snprintf(path, sizeof(path), "/proc/self/ns/%s", kinds[k]);
		if (access(path, F_OK) == 0)
			return fail_set(sel->fail, STATUS_ERROR, "--ns: cannot "
					"read the %s namespace of %d",
					kinds[k], (int)o->ns_pid);
	}
	return 0;
}

/*
 * Whether a target named by PID (or PID:ID) must be read once pinned: for
 * a filter or -H, to compare start times, or for anything shown about it.
 * Otherwise the pidfd alone is enough: the user named whatever holds the
 * PID, and only a failure is worth reading its name for.
 */
static bool
named_need_reading(const struct pidkill_opts *o)
{
	return has_filters(o) || o->patterns.n || o->require_handler ||
	       o->newest ||
	       o->oldest || o->scope == SCOPE_THREAD ||
	       o->scope == SCOPE_PGROUP || o->wait ||
	       o->schedule.n > 1 || o->dry_run || o->echo || o->verbose ||
	       o->interactive || o->logpidfile || o->mrelease ||
	       o->show_table || o->tree;
}

/*
 * A scan only when no PID, -p or pidfile names the processes: given
 * both, a process must be named by both (pkill's rule for -F with a
 * pattern, the guard init scripts rely on), so the patterns narrow the
 * named processes as filters do.
 */
static bool
needs_scan(const struct pidkill_opts *o)
{
	return o->nwords == 0 && o->pidfiles.n == 0 &&
	       (o->patterns.n > 0 || has_filters(o));
}

struct selector *
selector_new(const struct pidkill_opts *opts, struct fail *fail)
{
	struct selector *sel = xcalloc(1, sizeof(*sel));
	char msg[256];
	size_t i;

	sel->opts = opts;
	sel->fail = fail;
	sel->self = getpid();
	choose_fields(sel);
	if (check_procfs(fail) < 0)
		goto failed;
	/* /proc/PID words open /proc directories */
	for (i = 0; i < opts->nwords; i++)
		if ((opts->words[i].tw.form == WORD_PROC ||
		     opts->words[i].tw.form == WORD_PROC_TASK) &&
		    check_proc_namespace(fail) < 0)
			goto failed;
	if (matcher_init(&sel->match, opts, msg, sizeof(msg)) < 0) {
		fail_set(fail, STATUS_USAGE, "%s", msg);
		goto failed;
	}
	sel->rules.match = &sel->match;
	sel->rules.require_handler = opts->require_handler;
	sel->rules.handler_signo = opts->handler_signo;
	sel->rules.logpidfile = opts->logpidfile;
	sel->rules.named_by_pattern = opts->patterns.n > 0;
	sel->rules.self = sel->self;
	sel->read_named = named_need_reading(opts);
	if (opts->ns_pid && read_ns_reference(sel) < 0)
		goto failed;
	/* ancestors: excluded from matches, and their groups from the
	   process-group scope's reach */
	if (((!opts->include_ancestors && needs_scan(opts)) ||
	     opts->scope == SCOPE_PGROUP || opts->tree) &&
	    read_ancestors(sel) < 0)
		goto failed;
	return sel;
failed:
	selector_free(sel);
	return NULL;
}

void
selector_free(struct selector *sel)
{
	if (!sel)
		return;
	matcher_free(&sel->match);
	free(sel->anc);
	free(sel->anc_pgrps);
	free(sel->cmdline);
	if (sel->info)
		proc2.pids_unref(&sel->info);
	free(sel);
}

/* The PID-form words of the command line, as targets */
static void
targets_from_words(const struct pidkill_opts *opts, struct target_list *list)
{
	size_t i;

	for (i = 0; i < opts->nwords; i++) {
		const struct word_target *w = &opts->words[i];
		struct target *t = target_add(list);

		t->pid = w->tw.pid;
		target_more(t)->tid = w->tw.tid;
		if (opts->scope == SCOPE_THREAD && w->tw.form != WORD_PROC &&
		    w->tw.tid == 0) {
			/* a bare number names a thread; its process is read
			   after pinning */
			target_more(t)->tid = w->tw.pid;
			t->pid = 0;
		}
		t->origin = ORIGIN_WORD;
		target_more(t)->word = w->word;
		target_more(t)->form = w->tw.form;
		target_more(t)->want = w->tw.form == WORD_PID_ID ? w->tw.id : w->tw.start;
	}
}

/*
 * Every -F pidfile as a target, with the start time of the process it
 * names as it is when the file is read, so that a PID reused before
 * pinning is caught.  A pidfile that does not exist or is empty names
 * no process: it is said (unless --quiet) and the others go on.
 */
static int
targets_from_pidfiles(struct selector *sel, struct target_list *list)
{
	const struct pidkill_opts *o = sel->opts;
	bool stdin_read = false;
	size_t i;

	for (i = 0; i < o->pidfiles.n; i++) {
		const char *path = o->pidfiles.v[i];
		struct fail why = { 0 };
		struct pidfile pf;
		struct target *t;
		struct pids_stack *s;
		int r;

		if (o->logpidfile && strcmp(path, "-") == 0)
			return fail_set(sel->fail, STATUS_USAGE, "--logpidfile "
					"needs a pidfile on disk, not standard "
					"input");
		/* read again, it would be empty: not a pidfile that names
		   nothing, but a command line that cannot mean anything */
		if (strcmp(path, "-") == 0 && stdin_read)
			return fail_set(sel->fail, STATUS_USAGE, "pidfile -: "
					"standard input given twice");
		stdin_read |= strcmp(path, "-") == 0;
		r = read_pidfile(path, o->unsafe_pidfile, &pf, &why);
		if (r < 0) {
			*sel->fail = why;
			return -1;
		}
		if (r > 0) {
			if (!o->quiet)
				warnx("%s", why.msg);
			continue;
		}
		t = target_add(list);
		t->pid = pf.pid;
		t->origin = ORIGIN_PIDFILE;
		target_more(t)->word = path;
		target_more(t)->form = WORD_PID;
		target_more(t)->pidfile_dev = pf.dev;
		target_more(t)->pidfile_ino = pf.ino;
		target_more(t)->pidfile_bound = pf.bound;
		target_more(t)->pidfile_uid = pf.uid;
		s = read_one(sel, pf.pid);
		if (failed(sel->fail))
			return -1;
		/* nothing read: gone, or hidden (hidepid=), which pinning
		   tells apart */
		if (!s)
			continue;
		t->start = VAL(sel, F_START, ull_int, s);
		t->start_known = true;
	}
	return 0;
}

static bool
is_ancestor(const struct selector *sel, pid_t pid, unsigned long long start)
{
	size_t i;

	for (i = 0; i < sel->nanc; i++)
		if (sel->anc[i].pid == pid && sel->anc[i].start == start)
			return true;
	return false;
}

/*
 * The processes /proc lists, pinned ahead of the scan that reads them, so
 * that whatever the scan reads of a pinned process belongs to it (a
 * pinned process keeps its PID until reaped, and a reaped one refuses
 * signals).  Both list /proc in PID order; the pins run ahead of the
 * reading as far as fds allow, and every fd the reading frees (a process
 * that does not match) pins the next process.  When the matches hold
 * every fd, the earliest of them gives its pin up to the next process:
 * it is pinned again, and read again, later.  Only a process that /proc
 * did not list yet (a new one) is read before it is pinned; it too is
 * pinned and read again later.
 */
struct pin_window {
	struct pinned {
		pid_t pid;
		int fd;		/* -1: not pinned (yet, or any more) */
	} *v;
	size_t n;		/* processes listed */
	size_t next;		/* the next one to pin */
	size_t free;		/* fds left to pin with */
	bool off;		/* no pidfd_open: nothing is pinned */
	bool at_limit;		/* the fd limit cannot be raised */
	struct target_list *list;	/* the matches, holding their pins */
	size_t steal;		/* the earliest match that may hold one */
};

/* Take the pin of the earliest match that holds one: 1, or 0 if none */
static size_t
window_steal(struct pin_window *w)
{
	for (; w->steal < w->list->n; w->steal++) {
		struct target *t = &w->list->v[w->steal];

		if (t->fd >= 0 && t->prepinned) {
			unpin_targets(w->list, w->steal, w->steal + 1);
			return 1;
		}
	}
	return 0;
}

static int
compare_pinned(const void *a, const void *b)
{
	const struct pinned *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* List the PIDs in /proc, sorted; off when room is 0 */
static void
window_open(struct pin_window *w, size_t room, struct target_list *list)
{
	size_t cap = 0;
	bool sorted = true;
	struct dirent *e;
	DIR *d;
	pid_t pid;

	memset(w, 0, sizeof(*w));
	w->free = room;
	w->list = list;
	w->steal = list->n;
	w->off = room == 0 || !(d = opendir("/proc"));
	if (w->off)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9' ||
		    parse_pid(e->d_name, &pid) < 0)
			continue;
		if (w->n == cap) {
			cap = cap ? 2 * cap : 1024;
			w->v = xreallocarray(w->v, cap, sizeof(*w->v));
		}
		sorted = sorted && (w->n == 0 || w->v[w->n - 1].pid < pid);
		w->v[w->n].pid = pid;
		w->v[w->n++].fd = -1;
	}
	closedir(d);
	if (!sorted)
		qsort(w->v, w->n, sizeof(*w->v), compare_pinned);
}

/* Pin ahead of the reading, which has reached PID read (0: not begun) */
static void
window_advance(struct pin_window *w, pid_t read)
{
	int fd;

	while (!w->off && w->next < w->n) {
		struct pinned *p = &w->v[w->next];

		if (p->pid <= read) {	/* read already: pinned later */
			w->next++;
			continue;
		}
		if (w->free == 0 && !w->at_limit)
			w->at_limit = (w->free = fd_grow(w->n - w->next)) == 0;
		if (w->free == 0 && (w->free = window_steal(w)) == 0)
			return;
		fd = sys_pidfd_open(p->pid, 0);
		if (fd < 0 && (errno == EMFILE || errno == ENFILE)) {
			w->free = 0;	/* fewer fds than counted */
			return;
		}
		if (fd < 0 && errno != ESRCH && errno != EINVAL) {
			w->off = true;	/* no pidfd_open: a scan alone */
			return;
		}
		w->next++;
		if (fd < 0)
			continue;	/* exited since listed, or a thread */
		p->fd = fd;
		w->free--;
	}
}

/* The fd pinning pid ahead of the reading, handed over; -1 if none */
static int
window_take(struct pin_window *w, pid_t pid)
{
	struct pinned key = { .pid = pid, .fd = -1 }, *p;
	int fd;

	if (w->off || w->n == 0 ||
	    !(p = bsearch(&key, w->v, w->n, sizeof(*w->v), compare_pinned)))
		return -1;
	fd = p->fd;
	p->fd = -1;
	return fd;
}

/* A pin the reading did not keep gives its fd to the next process */
static void
window_release(struct pin_window *w, int fd)
{
	if (fd < 0)
		return;
	close(fd);
	w->free++;
}

static void
window_close(struct pin_window *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->v[i].fd >= 0)
			close(w->v[i].fd);
	free(w->v);
}

static void judge_one(struct selector *sel, struct target_list *list,
		      struct target *t, const struct proc_view *v);

/*
 * Scan every process and append the selected ones to list as matches
 * carrying their start time and name; those pinned before the scan read
 * them are verified by that reading.
 */
/*
 * One process the scan read: a target when it is selected (not pidkill,
 * not an ancestor), holding the pin the window had for it; else its pin
 * goes to the next process.
 */
static void
keep_match(struct selector *sel, struct target_list *list,
	   struct pin_window *w, struct pids_stack *stack)
{
	struct proc_view v;
	unsigned long long ino;
	struct target *t;
	bool keep;
	int fd;

	read_view(sel, stack, &v);
	fd = window_take(w, v.pid);
	keep = v.pid != sel->self && match_selected(&sel->match, &v);
	sel->matched_any |= keep;
	if (!keep || (!sel->opts->include_ancestors &&
		      is_ancestor(sel, v.pid, v.start))) {
		window_release(w, fd);
		window_advance(w, v.pid);
		return;
	}
	t = target_add(list);
	t->pid = v.pid;
	t->origin = ORIGIN_MATCH;
	t->start = v.start;
	t->start_known = true;
	target_set_name(list, t, v.comm);
	if (fd < 0) {
		window_advance(w, v.pid);
		return;		/* new: pinned and read later */
	}
	t->fd = fd;
	t->prepinned = true;
	/* the pidfs id is for showing and for pinning again */
	if (sel->read_named && pidfd_inode(t->fd, &ino) == 0)
		t->id = ino;
	judge_one(sel, list, t, &v);
	window_advance(w, v.pid);
}

static int
select_scan(struct selector *sel, struct target_list *list, size_t room)
{
	struct pids_info *scan = NULL;
	struct pids_stack *stack;
	struct pin_window w;
	int rc;

	/* a table of its own, whose listing of /proc is closed after */
	if (check_proc_namespace(sel->fail) < 0 || proc2_load(sel->fail) < 0)
		return -1;
	rc = proc2.pids_new(&scan, sel->items, sel->nitems);
	if (rc < 0)
		return fail_set(sel->fail, STATUS_ERROR, "cannot read the "
				"process table: %s", strerror(-rc));
	window_open(&w, sel->opts->scope == SCOPE_THREAD ? 0 : room, list);
	window_advance(&w, 0);
	/* one process at a time, as pkill reads them: memory stays flat
	   however many processes there are */
	errno = 0;
	while ((stack = proc2.pids_get(scan, PIDS_FETCH_TASKS_ONLY))) {
		keep_match(sel, list, &w, stack);
		errno = 0;
	}
	/* the end of the list, or a failure (a process that exits while it
	   is read leaves ENOENT or ESRCH behind, which is no failure) */
	if (errno == ENOMEM || errno == EMFILE || errno == ENFILE)
		fail_set(sel->fail, STATUS_ERROR, "cannot read the process "
			 "table: %s", strerror(errno));
	window_close(&w);
	proc2.pids_unref(&scan);
	return failed(sel->fail) ? -1 : 0;
}

int
select_targets(struct selector *sel, struct target_list *list)
{
	size_t room;

	targets_from_words(sel->opts, list);
	if (targets_from_pidfiles(sel, list) < 0)
		return -1;
	if (needs_scan(sel->opts) &&
	    ((room = fd_budget(SIZE_MAX / 4, 0, sel->fail)) == 0 ||
	     select_scan(sel, list, room) < 0))
		return -1;
	target_list_dedupe(list, delivery_key(sel->opts));
	return 0;
}

/*
 * The command line to show: every byte as the kernel holds it, read from
 * /proc/PID/cmdline (libproc2 splits arguments at newlines too), its
 * NULs as spaces; libproc2's text where there is none (a zombie).
 */
static char *
shown_cmdline(const struct proc_view *v)
{
	char path[64], *buf = NULL;
	size_t size = 0, len = 0, i;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)v->pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	while (fd >= 0) {
		if (len + 4096 > size)
			buf = xreallocarray(buf, size = len + 4096 + size, 1);
		n = read(fd, buf + len, size - len - 1);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	if (fd >= 0)
		close(fd);
	while (len > 0 && buf[len - 1] == '\0')
		len--;
	if (len == 0) {
		free(buf);
		return xstrdup(v->cmdline ? v->cmdline : "");
	}
	for (i = 0; i < len; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	buf[len] = '\0';
	return buf;
}

/* What the report, the prompt and the stages after show, as read after
   pinning: only what they need, in the record's cold part */
static void
note_reading(struct selector *sel, struct target *t,
	     const struct proc_view *v)
{
	const struct pidkill_opts *o = sel->opts;

	t->start = v->start;
	t->start_known = true;
	if (v->have_tgid && t->pid == 0)
		t->pid = v->tgid;	/* a bare thread ID */
	if ((o->wait || o->tree || shows_column(o, COL_PPID)) &&
	    !target_cold(t)->ppid_known) {
		target_more(t)->ppid = v->ppid;
		target_more(t)->ppid_known = true;
	}
	if (o->scope == SCOPE_PGROUP)
		target_more(t)->pgrp = v->pgrp;
	if (HAS(sel, F_EUID) && (o->interactive || shows_column(o, COL_USER) ||
				 shows_column(o, COL_UID))) {
		target_more(t)->euid = v->euid;
		target_more(t)->euid_known = true;
	}
	if (HAS(sel, F_STATE) && shows_column(o, COL_STATE))
		target_more(t)->state = v->state;
	if (HAS(sel, F_CMDLINE) && (o->interactive ||
				    shows_column(o, COL_CMDLINE)) &&
	    !target_cold(t)->cmdline)
		target_more(t)->cmdline = shown_cmdline(v);
}

/*
 * Whether a pinned target can be verified only by reading it: there is
 * more to check than its pidfd (a start time, a filter, a pidfile, the
 * process of a thread...).  One that cannot be read is then not
 * verified; any other is the process the user named, read or not.
 */
static bool
must_read(const struct selector *sel, const struct target *t)
{
	const struct pidkill_opts *o = sel->opts;

	return has_filters(o) || o->require_handler || o->newest ||
	       o->oldest || o->scope == SCOPE_THREAD ||
	       o->scope == SCOPE_PGROUP || o->logpidfile ||
	       pidfd_open_missing() || t->origin != ORIGIN_WORD ||
	       t->start_known || target_tid(t) > 0 ||
	       (target_cold(t)->form != WORD_PID &&
		target_cold(t)->form != WORD_PID_ID);
}

/*
 * Judge one pinned target on what was read of it after pinning (NULL:
 * nothing: it has been reaped, or /proc hides it), and keep what the
 * reading tells.
 */
static void
judge_one(struct selector *sel, struct target_list *list, struct target *t,
	  const struct proc_view *v)
{
	const struct pidkill_opts *o = sel->opts;
	bool was_pending = t->outcome == OUTCOME_PENDING;
	enum target_outcome verdict;
	const char *detail;

	if (v && was_pending && t->origin == ORIGIN_PIDFILE && o->logpidfile)
		target_more(t)->lock = pidfile_lock_state(target_cold(t)->word,
			o->unsafe_pidfile, target_cold(t)->pidfile_dev,
			target_cold(t)->pidfile_ino, t->pid);
	/* read by PID after pinning: if the pidfd says the process has not
	   been reaped since, it was there, hidden from pidkill (hidepid=) */
	if (!v && t->fd >= 0 && pidfd_alive(t->fd)) {
		verdict = verify_unreadable(&sel->rules, t, must_read(sel, t), &detail);
		target_more(t)->unread = true;
		if (!t->comm)
			target_set_name(list, t, NULL);
	} else {
		verdict = verify_target(&sel->rules, t, v, &detail);
	}
	t->verified = true;
	if (v && (!t->comm || t->origin != ORIGIN_MATCH) &&
	    t->outcome != OUTCOME_SIGNALED)
		target_set_name(list, t, v->comm);
	if (v && verdict != OUTCOME_GONE &&
	    was_pending)
		note_reading(sel, t, v);
	t->outcome = verdict;
	if (detail)
		target_more(t)->detail = detail;
}

/*
 * Verify the n pinned targets at v with one libproc2 call.  An alias
 * shares the reading of the target before it: they pin one process.
 */
static int
verify_chunk(struct selector *sel, struct target_list *list, size_t from,
	     size_t n)
{
	struct target *v = &list->v[from];
	struct pids_info *info = table(sel);
	unsigned int pids[SELECT_CHUNK];
	int req[SELECT_CHUNK];		/* index in pids, or -1: as before */
	struct pids_stack *got[SELECT_CHUNK];
	struct pids_fetch *f;
	size_t i, np = 0, k = 0;
	int r;

	if (!info)
		return -1;
	for (i = 0; i < n; i++) {
		req[i] = -1;
		if (i > 0 && v[i].alias)
			continue;
		req[i] = (int)np;
		got[np] = NULL;
		pids[np++] = (unsigned)(target_tid(&v[i]) > 0 ? target_tid(&v[i])
						    : v[i].pid);
	}
	f = proc2.pids_select(info, pids, (int)np, PIDS_SELECT_PID);
	if (!f)
		return fail_set(sel->fail, STATUS_ERROR, "cannot read the "
				"process table: %s", strerror(errno));
	/* results come back in request order, minus processes that are gone */
	for (r = 0; r < f->counts->total; r++) {
		unsigned int pid = (unsigned)VAL(sel, F_PID, s_int, f->stacks[r]);

		while (k < np && pids[k] != pid)
			k++;
		if (k == np)
			break;
		got[k++] = f->stacks[r];
	}
	for (i = 0, k = 0; i < n; i++) {
		struct proc_view view;

		if (req[i] >= 0)
			k = (size_t)req[i];
		if (got[k])
			read_view(sel, got[k], &view);
		judge_one(sel, list, &v[i], got[k] ? &view : NULL);
	}
	return 0;
}

/*
 * Whether a target must be read now: pinned, not yet verified, and not
 * a PID target nothing needs to be read for.
 */
static bool
needs_reading(const struct selector *sel, const struct target *t)
{
	if (t->fd < 0 || t->verified)
		return false;
	/* without pidfd_open the handle is a /proc directory, which must be
	   read to be trusted (it may be another's, mounted over it) */
	return sel->read_named || pidfd_open_missing() ||
	       t->origin != ORIGIN_WORD || t->pid == sel->self ||
	       t->outcome != OUTCOME_PENDING ||
	       (target_cold(t)->form != WORD_PID && target_cold(t)->form != WORD_PID_ID) || target_tid(t) > 0;
}

int
select_verify(struct selector *sel, struct target_list *list, size_t from,
	      size_t to)
{
	size_t i = from;

	while (i < to) {
		size_t start, n = 0;

		/* judge what needs no reading, and gather a run of the rest */
		for (; i < to && !needs_reading(sel, &list->v[i]); i++) {
			struct target *t = &list->v[i];
			const char *detail;

			if (t->fd < 0 || t->verified)
				continue;
			t->outcome = verify_unread(&sel->rules, t, &detail);
			t->verified = true;
			if (detail)
				target_more(t)->detail = detail;
		}
		start = i;
		while (i < to && n < SELECT_CHUNK &&
		       needs_reading(sel, &list->v[i]) &&
		       (n == 0 || !list->v[i].alias ||
			list->v[i - 1].fd >= 0)) {
			i++;
			n++;
		}
		if (n && verify_chunk(sel, list, start, n) < 0)
			return -1;
	}
	/* the scan's reading counts once: pinned again, a target is read */
	for (i = from; i < to; i++)
		list->v[i].prepinned = false;
	return 0;
}

int
select_verify_leaders(struct selector *sel, struct leader_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		struct leader *l = &set->v[i];
		struct pids_stack *s;
		struct proc_view v;
		const char *detail;

		if (l->fd < 0 || l->verified || l->state != OUTCOME_PENDING)
			continue;
		s = read_one(sel, l->pgid);
		if (failed(sel->fail))
			return -1;
		if (s)
			read_view(sel, s, &v);
		l->state = verify_leader(l, s ? &v : NULL, &detail);
		l->detail = detail;
		l->verified = true;
		if (s && !l->known) {
			l->start = v.start;
			l->known = true;
		}
	}
	return 0;
}

void
select_name_failures(struct selector *sel, struct target_list *list,
		     size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		struct target *t = &list->v[i];
		struct pids_stack *s;

		if (t->fd < 0 || t->comm || t->outcome == OUTCOME_PENDING ||
		    t->outcome == OUTCOME_SIGNALED || t->outcome == OUTCOME_GONE)
			continue;
		s = read_one(sel, t->pid);
		/* read by PID: it was the pinned process only if that has not
		   been reaped since */
		if (s && pidfd_alive(t->fd))
			target_set_name(list, t, VAL(sel, F_CMD, str, s));
	}
}

const pid_t *
select_ancestor_groups(const struct selector *sel, size_t *n)
{
	*n = sel->nanc;
	return sel->anc_pgrps;
}

const struct proc_id *
select_ancestors(const struct selector *sel, size_t *n)
{
	*n = sel->nanc;
	return sel->anc;
}

bool
selector_long_pattern_unmatched(const struct selector *sel,
				const char **pattern)
{
	const struct pidkill_opts *o = sel->opts;
	size_t i;

	if (sel->matched_any || o->full)
		return false;
	/* as pkill: an alternation or a bracket may match short names */
	for (i = 0; i < o->patterns.n; i++)
		if (strlen(o->patterns.v[i]) > 15 &&
		    !strpbrk(o->patterns.v[i], "|[")) {
			*pattern = o->patterns.v[i];
			return true;
		}
	return false;
}

time_t
select_boot_time(struct selector *sel)
{
	struct stat_info *info = NULL;
	struct stat_result *r;
	struct fail ignored = { 0 };

	if (sel->booted_known)
		return sel->booted;
	sel->booted_known = true;
	if (proc2_load(&ignored) == 0 && proc2.stat_new(&info) >= 0) {
		r = proc2.stat_get(info, STAT_SYS_TIME_OF_BOOT);
		if (r)
			sel->booted = (time_t)r->result.ul_int;
		proc2.stat_unref(&info);
	}
	/* /proc/stat hidden (subset=pid): the clocks tell it as well */
	if (!sel->booted)
		sel->booted = boot_time_from_clocks();
	return sel->booted;
}
