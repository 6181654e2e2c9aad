/*
 * select.c - process selection through libproc2.
 *
 * A field table maps what the options need to libproc2 items; only those
 * items are requested, so a plain name match reads /proc/PID/stat alone.
 * proc_selected() holds every selection criterion and serves both the
 * scan and the verification after pinning, so the two cannot drift apart.
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
#include <inttypes.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libproc2/pids.h>
#include <libproc2/stat.h>

#include "pidfd.h"
#include "report.h"
#include "select.h"

enum field {
	F_PID, F_START, F_CMD, F_PPID, F_TGID, F_CMDLINE, F_PGRP, F_SID,
	F_RGID, F_EUID, F_RUID, F_TTY, F_STATE, F_ELAPSED,
	F_NS_IPC, F_NS_MNT, F_NS_NET, F_NS_PID, F_NS_USER, F_NS_UTS,
	F_NS_CGROUP, F_NS_TIME,
	F_CGROUP, F_ENVIRON, F_SIGCATCH,
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
	[F_SIGCATCH] = PIDS_SIGCATCH,
};

/*
 * libproc2's entry points, looked up when it is first needed: loading it
 * and the libraries behind it (libsystemd, libgcrypt, ...) costs more than
 * signaling one process.
 */
static struct {
	__typeof__(procps_pids_new) *pids_new;
	__typeof__(procps_pids_unref) *pids_unref;
	__typeof__(procps_pids_reap) *pids_reap;
	__typeof__(procps_pids_select) *pids_select;
	__typeof__(procps_stat_new) *stat_new;
	__typeof__(procps_stat_get) *stat_get;
	__typeof__(procps_stat_unref) *stat_unref;
} proc2;

static void *
proc2_symbol(void *lib, const char *name)
{
	void *f = dlsym(lib, name);

	if (!f)
		errx(STATUS_ERROR, "%s: %s", LIBPROC2_SONAME, dlerror());
	return f;
}

static void
proc2_load(void)
{
	void *lib;

	if (proc2.pids_new)
		return;
	lib = dlopen(LIBPROC2_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		errx(STATUS_ERROR, "cannot load %s: %s", LIBPROC2_SONAME,
		     dlerror());
	proc2.pids_unref = proc2_symbol(lib, "procps_pids_unref");
	proc2.pids_reap = proc2_symbol(lib, "procps_pids_reap");
	proc2.pids_select = proc2_symbol(lib, "procps_pids_select");
	proc2.stat_new = proc2_symbol(lib, "procps_stat_new");
	proc2.stat_get = proc2_symbol(lib, "procps_stat_get");
	proc2.stat_unref = proc2_symbol(lib, "procps_stat_unref");
	proc2.pids_new = proc2_symbol(lib, "procps_pids_new");
}

/* libproc2 takes at most this many PIDs per procps_pids_select() call */
#define SELECT_CHUNK 255

struct ancestor {
	pid_t pid;
	unsigned long long start;
};

struct selector {
	const struct pidkill_opts *opts;
	struct pids_info *info;
	enum pids_item items[F_COUNT];
	int idx[F_COUNT];		/* stack position, -1 if not read */
	int nitems;
	regex_t *re;
	size_t nre;
	bool matched_any;
	bool read_named;		/* read PID targets after pinning */
	unsigned long ns_ref[8];
	struct ancestor *anc;
	size_t nanc;
	pid_t self;
};

#define HAS(sel, f) ((sel)->idx[f] >= 0)
#define VAL(sel, f, type, stack) ((stack)->head[(sel)->idx[f]].result.type)

/* The process table, opened on first use */
static struct pids_info *
table(struct selector *sel)
{
	int rc;

	if (sel->info)
		return sel->info;
	proc2_load();
	rc = proc2.pids_new(&sel->info, sel->items, sel->nitems);
	if (rc < 0)
		errx(STATUS_ERROR, "cannot read the process table: %s",
		     strerror(-rc));
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
		    o->words[i].tw.form == WORD_PROC_TASK)
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
	for (k = 0; k < 8; k++)
		if (o->nslist & (1U << k))
			want(sel, F_NS_IPC + k);
	if (o->cgroups.n)
		want(sel, F_CGROUP);
	if (o->envs.n)
		want(sel, F_ENVIRON);
	if (o->require_handler)
		want(sel, F_SIGCATCH);
	if (o->interactive || report_needs(o, COL_USER) ||
	    report_needs(o, COL_UID))
		want(sel, F_EUID);
	if (report_needs(o, COL_STATE))
		want(sel, F_STATE);
	if (o->interactive || report_needs(o, COL_CMDLINE))
		want(sel, F_CMDLINE);
}

static void
compile_patterns(struct selector *sel)
{
	const struct pidkill_opts *o = sel->opts;
	int cflags = REG_EXTENDED | REG_NOSUB | (o->ignore_case ? REG_ICASE : 0);
	size_t i;

	sel->nre = o->patterns.n;
	sel->re = calloc(sel->nre ? sel->nre : 1, sizeof(*sel->re));
	if (!sel->re)
		errx(STATUS_ERROR, "out of memory");
	for (i = 0; i < sel->nre; i++) {
		const char *p = o->patterns.v[i];
		char *anchored = NULL;
		char msg[128];
		int rc;

		if (o->exact && asprintf(&anchored, "^(%s)$", p) < 0)
			errx(STATUS_ERROR, "out of memory");
		rc = regcomp(&sel->re[i], anchored ? anchored : p, cflags);
		free(anchored);
		if (rc != 0) {
			regerror(rc, &sel->re[i], msg, sizeof(msg));
			usage_exit("invalid pattern: '%s': %s", p, msg);
		}
	}
}

static bool
num_in(const struct num_list *l, long v)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i] == v)
			return true;
	return false;
}

/* Only the cgroup v2 entry, "0::/path", counts (as in pkill) */
static bool
cgroup_matches(const struct str_list *want_cg, char **have)
{
	size_t i;

	for (; have && *have; have++) {
		if (strncmp(*have, "0::", 3) != 0)
			continue;
		for (i = 0; i < want_cg->n; i++)
			if (strcmp(*have + 3, want_cg->v[i]) == 0)
				return true;
	}
	return false;
}

/* VAR matches any value of VAR; VAR=VAL only that value */
static bool
env_matches(const struct str_list *want_env, char **have)
{
	size_t i, len;

	for (; have && *have; have++)
		for (i = 0; i < want_env->n; i++) {
			const char *w = want_env->v[i];

			len = strlen(w);
			if (strncmp(*have, w, len) == 0 &&
			    (strchr(w, '=') ? (*have)[len] == '\0'
					    : (*have)[len] == '='))
				return true;
		}
	return false;
}

/* SigCgt is a hex mask; bit signo-1 set means the signal is caught */
static bool
catches(const char *mask, int signo)
{
	unsigned long long m;
	char *end;

	if (!mask || signo <= 0)
		return signo == 0;
	errno = 0;
	m = strtoull(mask, &end, 16);
	if (errno || end == mask)
		return false;
	return (m >> (signo - 1)) & 1;
}

static bool
filters_pass(const struct selector *sel, struct pids_stack *s)
{
	const struct pidkill_opts *o = sel->opts;
	int k;

	if (o->parents.n && !num_in(&o->parents, VAL(sel, F_PPID, s_int, s)))
		return false;
	if (o->pgroups.n && !num_in(&o->pgroups, VAL(sel, F_PGRP, s_int, s)))
		return false;
	if (o->sessions.n && !num_in(&o->sessions, VAL(sel, F_SID, s_int, s)))
		return false;
	if (o->groups.n && !num_in(&o->groups, VAL(sel, F_RGID, u_int, s)))
		return false;
	if (o->euids.n && !num_in(&o->euids, VAL(sel, F_EUID, u_int, s)))
		return false;
	if (o->uids.n && !num_in(&o->uids, VAL(sel, F_RUID, u_int, s)))
		return false;
	if (o->ttys.n && !num_in(&o->ttys,
				 (long)(unsigned)VAL(sel, F_TTY, s_int, s)))
		return false;
	if (o->runstates && !strchr(o->runstates, VAL(sel, F_STATE, s_ch, s)))
		return false;
	if (o->older >= 0 && VAL(sel, F_ELAPSED, real, s) <= (double)o->older)
		return false;
	for (k = 0; k < 8; k++)
		if ((o->nslist & (1U << k)) &&
		    VAL(sel, F_NS_IPC + k, ul_int, s) != sel->ns_ref[k])
			return false;
	if (o->cgroups.n && !cgroup_matches(&o->cgroups,
					    VAL(sel, F_CGROUP, strv, s)))
		return false;
	if (o->envs.n && !env_matches(&o->envs, VAL(sel, F_ENVIRON, strv, s)))
		return false;
	return true;
}

static bool
patterns_match(const struct selector *sel, struct pids_stack *s)
{
	const char *subject;
	size_t i;

	if (sel->nre == 0)
		return true;
	subject = sel->opts->full ? VAL(sel, F_CMDLINE, str, s)
				  : VAL(sel, F_CMD, str, s);
	if (!subject || !*subject)
		subject = VAL(sel, F_CMD, str, s);
	for (i = 0; i < sel->nre; i++)
		if (regexec(&sel->re[i], subject ? subject : "", 0, NULL, 0) == 0)
			return true;
	return false;
}

/* Whether a scanned process is selected: patterns and filters, --inverse */
static bool
proc_selected(const struct selector *sel, struct pids_stack *s)
{
	bool m = patterns_match(sel, s) && filters_pass(sel, s);

	return sel->opts->inverse ? !m : m;
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

/* One process by PID through libproc2, or NULL if it does not exist */
static struct pids_stack *
read_one(struct selector *sel, pid_t pid)
{
	struct pids_info *info = table(sel);
	unsigned int p = (unsigned int)pid;
	struct pids_fetch *f;

	f = proc2.pids_select(info, &p, 1, PIDS_SELECT_PID);
	if (!f)
		err(STATUS_ERROR, "cannot read process %d", (int)pid);
	return f->counts->total > 0 ? f->stacks[0] : NULL;
}

/* The chain of parents from pidkill's up to init, with start times */
static void
read_ancestors(struct selector *sel)
{
	pid_t pid = getppid();

	while (pid > 0 && sel->nanc < 4096) {
		struct pids_stack *s = read_one(sel, pid);
		struct ancestor *a;

		if (!s)
			break;
		a = reallocarray(sel->anc, sel->nanc + 1, sizeof(*sel->anc));
		if (!a)
			errx(STATUS_ERROR, "out of memory");
		sel->anc = a;
		a[sel->nanc].pid = pid;
		a[sel->nanc++].start = VAL(sel, F_START, ull_int, s);
		pid = VAL(sel, F_PPID, s_int, s);
	}
}

static void
read_ns_reference(struct selector *sel)
{
	struct pids_stack *s = read_one(sel, sel->opts->ns_pid);
	int k;

	if (!s)
		usage_exit("--ns: no such process: %d",
		     (int)sel->opts->ns_pid);
	for (k = 0; k < 8; k++)
		if (sel->opts->nslist & (1U << k))
			sel->ns_ref[k] = VAL(sel, F_NS_IPC + k, ul_int, s);
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
	return has_filters(o) || o->require_handler || o->newest ||
	       o->oldest || o->scope == SCOPE_THREAD ||
	       o->scope == SCOPE_PGROUP || o->wait ||
	       o->schedule.n > 1 || o->dry_run || o->echo || o->verbose ||
	       o->interactive || o->logpidfile || o->mrelease ||
	       report_has_table(o);
}

struct selector *
selector_new(const struct pidkill_opts *opts)
{
	struct selector *sel = calloc(1, sizeof(*sel));

	if (!sel)
		errx(STATUS_ERROR, "out of memory");
	sel->opts = opts;
	sel->self = getpid();
	check_procfs();
	choose_fields(sel);
	compile_patterns(sel);
	sel->read_named = named_need_reading(opts);
	if (opts->ns_pid)
		read_ns_reference(sel);
	/* ancestors are excluded from matches only: named PIDs need none */
	if (!opts->include_ancestors && selector_needs_scan(sel))
		read_ancestors(sel);
	return sel;
}

void
selector_free(struct selector *sel)
{
	size_t i;

	if (!sel)
		return;
	for (i = 0; i < sel->nre; i++)
		regfree(&sel->re[i]);
	free(sel->re);
	free(sel->anc);
	if (sel->info)
		proc2.pids_unref(&sel->info);
	free(sel);
}

bool
selector_needs_scan(const struct selector *sel)
{
	const struct pidkill_opts *o = sel->opts;

	return o->patterns.n > 0 ||
	       (o->nwords == 0 && o->pidfiles.n == 0 && has_filters(o));
}

static void
copy_name(struct target *t, const char *name)
{
	snprintf(t->comm, sizeof(t->comm), "%s", name ? name : "?");
}

/* A process pinned before the scan read it */
struct pinned {
	pid_t pid;
	int fd;
};

static int
compare_pinned(const void *a, const void *b)
{
	const struct pinned *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

static void
unpin_all(struct pinned *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].fd >= 0)
			close(v[i].fd);
	free(v);
}

/*
 * Pin every process /proc lists now, sorted by PID, so that whatever the
 * scan reads afterwards of a pinned process belongs to it (a pinned
 * process keeps its PID until reaped, and a reaped one refuses signals).
 * NULL when that would take more than room fds, or without pidfd_open.
 * (An O_PATH fd of /proc/PID is no cheaper: opening it costs as much as
 * a pidfd, and a match then needs a pidfd and a check besides.)
 */
static struct pinned *
pin_all(size_t room, size_t *count)
{
	struct pinned *v = NULL, *bigger;
	size_t n = 0, cap = 0;
	bool sorted = true;
	struct dirent *e;
	DIR *d;
	pid_t pid;
	int fd;

	if (room == 0 || !(d = opendir("/proc")))
		return NULL;
	while ((e = readdir(d))) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9' ||
		    parse_pid(e->d_name, &pid) < 0)
			continue;
		if (n == room)
			goto give_up;
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			bigger = reallocarray(v, cap, sizeof(*v));
			if (!bigger)
				goto give_up;
			v = bigger;
		}
		fd = sys_pidfd_open(pid, 0);
		if (fd < 0 && (errno == ESRCH || errno == EINVAL))
			continue;	/* exited since listed, or now a thread */
		if (fd < 0)
			goto give_up;	/* no pidfd_open, no fds: scan alone */
		sorted = sorted && (n == 0 || v[n - 1].pid < pid);
		v[n].pid = pid;
		v[n++].fd = fd;
	}
	closedir(d);
	if (!sorted)
		qsort(v, n, sizeof(*v), compare_pinned);
	*count = n;
	return v;
give_up:
	closedir(d);
	unpin_all(v, n);
	return NULL;
}

/* The fd pinning pid before the scan, handed over once; -1 if none */
static int
take_pinned(struct pinned *v, size_t n, pid_t pid)
{
	struct pinned key = { .pid = pid }, *p;
	int fd;

	if (!v || !(p = bsearch(&key, v, n, sizeof(*v), compare_pinned)))
		return -1;
	fd = p->fd;
	p->fd = -1;
	return fd;
}

static void verify_one(struct selector *sel, struct target *t,
		       struct pids_stack *s);

void
select_scan(struct selector *sel, struct target_list *list, size_t room)
{
	const struct pidkill_opts *o = sel->opts;
	struct pinned *pins = NULL;
	struct pids_info *info = table(sel);
	struct pids_fetch *f;
	size_t npins = 0;
	int i;

	if (o->scope != SCOPE_THREAD)
		pins = pin_all(room, &npins);
	/* procps_pids_get() would read /proc/uptime once per process */
	f = proc2.pids_reap(info, PIDS_FETCH_TASKS_ONLY);
	if (!f)
		err(STATUS_ERROR, "cannot read the process table");
	for (i = 0; i < f->counts->total; i++) {
		struct pids_stack *s = f->stacks[i];
		pid_t pid = VAL(sel, F_PID, s_int, s);
		unsigned long long start = VAL(sel, F_START, ull_int, s);
		int fd = take_pinned(pins, npins, pid);
		unsigned long long ino;
		struct target *t;
		bool keep = false;

		if (pid != sel->self && proc_selected(sel, s)) {
			sel->matched_any = true;
			keep = !is_ancestor(sel, pid, start);
		}
		if (!keep) {
			if (fd >= 0)
				close(fd);
			continue;
		}
		t = target_add(list);
		t->pid = pid;
		t->origin = ORIGIN_MATCH;
		t->start = start;
		t->start_known = true;
		copy_name(t, VAL(sel, F_CMD, str, s));
		if (fd < 0)
			continue;	/* new since pin_all: pinned later */
		t->fd = fd;
		t->prepinned = true;
		/* the pidfs id is for showing and for pinning again */
		if (sel->read_named && pidfd_inode(t->fd, &ino) == 0)
			t->id = ino;
		verify_one(sel, t, s);
	}
	unpin_all(pins, npins);
}

/* What the report and the prompt show, as read after pinning */
static void
note_details(struct selector *sel, struct target *t, struct pids_stack *s)
{
	if (HAS(sel, F_EUID)) {
		t->euid = VAL(sel, F_EUID, u_int, s);
		t->euid_known = true;
	}
	if (HAS(sel, F_STATE))
		t->state = VAL(sel, F_STATE, s_ch, s);
	if (HAS(sel, F_CMDLINE) && !t->cmdline) {
		const char *c = VAL(sel, F_CMDLINE, str, s);

		t->cmdline = strdup(c ? c : "");
		if (!t->cmdline)
			errx(STATUS_ERROR, "out of memory");
	}
}

/* A target signaled before and pinned again: is it still the same one? */
static void
reidentify_one(struct selector *sel, struct target *t, struct pids_stack *s)
{
	if (!s || VAL(sel, F_START, ull_int, s) != t->start) {
		close(t->fd);
		t->fd = -1;
		t->outcome = OUTCOME_EXITED;
	}
}

/* The criteria a pinned target must still pass, by where it came from */
static bool
still_selected(struct selector *sel, struct target *t, struct pids_stack *s)
{
	switch (t->origin) {
	case ORIGIN_MATCH:
		if (t->prepinned || proc_selected(sel, s))
			return true;
		t->outcome = OUTCOME_IDENTITY;
		t->detail = "no longer matches the selection";
		return false;
	case ORIGIN_LEADER:
		if (VAL(sel, F_PGRP, s_int, s) == t->pid)
			return true;
		t->outcome = OUTCOME_FAILED;
		t->detail = "no longer leads its process group";
		return false;
	default:
		if (filters_pass(sel, s))
			return true;
		t->outcome = OUTCOME_EXCLUDED;
		t->detail = "does not pass the filters";
		return false;
	}
}

/* Judge one pinned target against what was read of it after pinning */
static void
verify_one(struct selector *sel, struct target *t, struct pids_stack *s)
{
	const struct pidkill_opts *o = sel->opts;
	unsigned long long start;

	if (t->outcome == OUTCOME_SIGNALED) {
		reidentify_one(sel, t, s);
		return;
	}
	if (!s) {
		if (t->outcome == OUTCOME_PENDING)
			t->outcome = OUTCOME_GONE;
		return;
	}
	start = VAL(sel, F_START, ull_int, s);
	if (!t->comm[0] || t->origin != ORIGIN_MATCH)
		copy_name(t, VAL(sel, F_CMD, str, s));
	if (t->outcome != OUTCOME_PENDING)
		return;		/* already judged at pinning; named for the report */
	if (proc_entry_overmounted(t->tid > 0 ? t->tid : t->pid)) {
		t->outcome = OUTCOME_FAILED;
		t->detail = "its /proc directory is overmounted: not trusted";
		return;
	}
	if (t->start_known && start != t->start) {
		t->outcome = OUTCOME_GONE;
		t->detail = "its PID now names another process";
		return;
	}
	t->start = start;
	t->start_known = true;
	note_details(sel, t, s);
	t->ppid = VAL(sel, F_PPID, s_int, s);
	if (HAS(sel, F_PGRP))
		t->pgrp = VAL(sel, F_PGRP, s_int, s);
	if (t->form == WORD_PID_START && start != t->want) {
		t->outcome = OUTCOME_IDENTITY;
		t->detail = "start time differs";
		return;
	}
	if (HAS(sel, F_TGID) && t->pid == 0)
		t->pid = VAL(sel, F_TGID, s_int, s);	/* a bare thread ID */
	if (HAS(sel, F_TGID) && VAL(sel, F_TGID, s_int, s) != t->pid) {
		/* /proc/TID of a non-leader thread opens, but is no process */
		t->outcome = t->tid > 0 ? OUTCOME_NOT_THREAD : OUTCOME_FAILED;
		if (t->tid == 0)
			t->detail = "a thread, not a process "
				    "(use /proc/PID/task/TID)";
		return;
	}
	if (!still_selected(sel, t, s))
		return;
	if (o->require_handler && o->signo != 0 &&
	    !catches(VAL(sel, F_SIGCATCH, str, s), o->signo))
		t->outcome = OUTCOME_NO_HANDLER;
}

/* Verify the n pinned targets at v with one libproc2 call */
static void
verify_chunk(struct selector *sel, struct target *v, size_t n)
{
	struct pids_info *info = table(sel);
	unsigned int pids[SELECT_CHUNK];
	struct pids_fetch *f;
	size_t i, j = 0, k, np = 0;
	int r;

	for (i = 0; i < n; i++)
		pids[np++] = (unsigned)(v[i].tid > 0 ? v[i].tid : v[i].pid);
	f = proc2.pids_select(info, pids, (int)np, PIDS_SELECT_PID);
	if (!f)
		err(STATUS_ERROR, "cannot read the process table");
	/* results come back in request order, minus processes that are gone */
	for (r = 0; r < f->counts->total; r++) {
		struct pids_stack *s = f->stacks[r];
		unsigned int got = (unsigned)VAL(sel, F_PID, s_int, s);

		for (k = j; k < n && pids[k] != got; k++)
			verify_one(sel, &v[k], NULL);
		if (k == n)
			break;
		verify_one(sel, &v[k], s);
		j = k + 1;
	}
	for (; j < n; j++)
		verify_one(sel, &v[j], NULL);
}

/*
 * Whether a target must be read now: pinned, and neither verified by the
 * scan that read it after pinning nor a PID target nothing needs to be
 * read for.
 */
static bool
needs_reading(const struct selector *sel, const struct target *t)
{
	if (t->fd < 0 || t->prepinned)
		return false;
	/* without pidfd_open the handle is a /proc directory, which must be
	   read to be trusted (it may be another's, mounted over it) */
	return sel->read_named || pidfd_open_missing() ||
	       t->origin != ORIGIN_WORD ||
	       t->outcome != OUTCOME_PENDING ||
	       (t->form != WORD_PID && t->form != WORD_PID_ID) || t->tid > 0;
}

void
select_verify(struct selector *sel, struct target_list *list, size_t from,
	      size_t to)
{
	size_t i = from;

	while (i < to) {
		size_t start, n = 0;

		/* gather a run of pinned targets that need reading */
		while (i < to && !needs_reading(sel, &list->v[i]))
			i++;
		start = i;
		while (i < to && n < SELECT_CHUNK &&
		       needs_reading(sel, &list->v[i])) {
			i++;
			n++;
		}
		if (n)
			verify_chunk(sel, &list->v[start], n);
	}
	/* the scan's reading counts once: pinned again, a target is read */
	for (i = from; i < to; i++)
		list->v[i].prepinned = false;
}

void
select_name_failures(struct selector *sel, struct target_list *list,
		     size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		struct target *t = &list->v[i];
		struct pids_stack *s;

		if (t->fd < 0 || t->comm[0] || t->outcome == OUTCOME_PENDING ||
		    t->outcome == OUTCOME_SIGNALED || t->outcome == OUTCOME_GONE)
			continue;
		s = read_one(sel, t->pid);
		/* read by PID: it was the pinned process only if that has not
		   been reaped since (signal 0 asks, and sends nothing) */
		if (s && (sys_pidfd_send_signal(t->fd, 0, NULL, 0) == 0 ||
			  errno != ESRCH))
			copy_name(t, VAL(sel, F_CMD, str, s));
	}
}

void
select_note_starts(struct selector *sel, struct target_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		struct target *t = &list->v[i];
		struct pids_stack *s;

		if (t->origin != ORIGIN_PIDFILE)
			continue;
		s = read_one(sel, t->pid);
		if (!s) {
			t->outcome = OUTCOME_GONE;
			continue;
		}
		t->start = VAL(sel, F_START, ull_int, s);
		t->start_known = true;
	}
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
boot_time(void)
{
	static time_t booted = -1;
	struct stat_info *info = NULL;
	struct stat_result *r;

	if (booted >= 0)
		return booted;
	booted = 0;
	proc2_load();
	if (proc2.stat_new(&info) < 0)
		return booted;
	r = proc2.stat_get(info, STAT_SYS_TIME_OF_BOOT);
	if (r)
		booted = (time_t)r->result.ul_int;
	proc2.stat_unref(&info);
	return booted;
}
