/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * match.c - patterns and filters, judged on what was read.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "xalloc.h"

/*
 * Patterns match bytes, not characters of the user's locale: a name is
 * whatever bytes its process set, valid UTF-8 or not.  So they are
 * compiled and run in the C locale, whatever the output's locale is.
 */
static locale_t
byte_locale(void)
{
	static locale_t c;

	if (!c)
		c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	return c ? c : LC_GLOBAL_LOCALE;
}

int
matcher_init(struct matcher *m, const struct pidkill_opts *o, char *err,
	     size_t errsize)
{
	/* -x needs the match's span: the whole text must be the match */
	int cflags = REG_EXTENDED | (o->exact ? 0 : REG_NOSUB) |
		     (o->ignore_case ? REG_ICASE : 0);
	locale_t saved = uselocale(byte_locale());
	size_t i;

	memset(m, 0, sizeof(*m));
	m->opts = o;
	m->re = xcalloc(o->patterns.n, sizeof(*m->re));
	for (i = 0; i < o->patterns.n; i++) {
		const char *p = o->patterns.v[i];
		char msg[128];
		int rc = regcomp(&m->re[i], p, cflags);

		if (rc != 0) {
			regerror(rc, &m->re[i], msg, sizeof(msg));
			snprintf(err, errsize, "invalid pattern: '%s': %s", p,
				 msg);
			uselocale(saved);
			return -1;
		}
		m->nre = i + 1;
	}
	uselocale(saved);
	return 0;
}

void
matcher_free(struct matcher *m)
{
	size_t i;

	for (i = 0; i < m->nre; i++)
		regfree(&m->re[i]);
	free(m->re);
	m->re = NULL;
	m->nre = 0;
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
cgroup_matches(const struct str_list *want, char **have)
{
	size_t i;

	for (; have && *have; have++) {
		if (strncmp(*have, "0::", 3) != 0)
			continue;
		for (i = 0; i < want->n; i++)
			if (strcmp(*have + 3, want->v[i]) == 0)
				return true;
	}
	return false;
}

/* VAR matches any value of VAR; VAR=VAL only that value */
static bool
env_matches(const struct str_list *want, char **have)
{
	size_t i, len;

	for (; have && *have; have++)
		for (i = 0; i < want->n; i++) {
			const char *w = want->v[i];

			len = strlen(w);
			if (strncmp(*have, w, len) == 0 &&
			    (strchr(w, '=') ? (*have)[len] == '\0'
					    : (*have)[len] == '='))
				return true;
		}
	return false;
}

bool
catches_signal(const char *sigcatch, int signo)
{
	unsigned long long mask;
	char *end;

	if (signo == 0)
		return true;
	if (!sigcatch || signo < 0 || signo > 64)
		return false;
	errno = 0;
	mask = strtoull(sigcatch, &end, 16);
	if (errno || end == sigcatch)
		return false;
	return (mask >> (signo - 1)) & 1;
}

/* --ns: every listed namespace the reference's; one that cannot be read
   is nobody's */
static bool
namespaces_match(const struct matcher *m, const struct proc_view *v)
{
	int k;

	for (k = 0; k < NS_KINDS; k++)
		if ((m->opts->nslist & (1U << k)) &&
		    (v->ns[k] == 0 || v->ns[k] != m->ns_ref[k]))
			return false;
	return true;
}

bool
match_filters(const struct matcher *m, const struct proc_view *v)
{
	const struct pidkill_opts *o = m->opts;

	if (o->parents.n && !num_in(&o->parents, v->ppid))
		return false;
	if (o->pgroups.n && !num_in(&o->pgroups, v->pgrp))
		return false;
	if (o->sessions.n && !num_in(&o->sessions, v->sid))
		return false;
	if (o->groups.n && !num_in(&o->groups, (long)v->rgid))
		return false;
	if (o->euids.n && !num_in(&o->euids, (long)v->euid))
		return false;
	if (o->uids.n && !num_in(&o->uids, (long)v->ruid))
		return false;
	if (o->ttys.n && !num_in(&o->ttys, v->tty))
		return false;
	if (o->runstates && (!v->state || !strchr(o->runstates, v->state)))
		return false;
	if (o->older >= 0 && v->elapsed <= (double)o->older)
		return false;
	if (o->ns_pid && !namespaces_match(m, v))
		return false;
	if (o->cgroups.n && !cgroup_matches(&o->cgroups, v->cgroups))
		return false;
	if (o->envs.n && !env_matches(&o->envs, v->environ))
		return false;
	return true;
}

/* Whether re matches subject, all of it with -x (POSIX regexec finds
   the longest match at the leftmost place it can start) */
static bool
pattern_matches(const struct matcher *m, const regex_t *re,
		const char *subject)
{
	regmatch_t span;

	if (!m->opts->exact)
		return regexec(re, subject, 0, NULL, 0) == 0;
	return regexec(re, subject, 1, &span, 0) == 0 && span.rm_so == 0 &&
	       (size_t)span.rm_eo == strlen(subject);
}

bool
match_patterns(const struct matcher *m, const struct proc_view *v)
{
	const char *subject;
	locale_t saved;
	bool found = false;
	size_t i;

	if (m->nre == 0)
		return true;
	subject = m->opts->full ? v->cmdline : v->comm;
	if (!subject || !*subject)
		subject = v->comm;
	saved = uselocale(byte_locale());
	for (i = 0; i < m->nre && !found; i++)
		found = pattern_matches(m, &m->re[i], subject ? subject : "");
	uselocale(saved);
	return found;
}

bool
match_named(const struct matcher *m, const struct proc_view *v)
{
	return match_patterns(m, v) != m->opts->inverse;
}

bool
match_selected(const struct matcher *m, const struct proc_view *v)
{
	bool selected = match_patterns(m, v) && match_filters(m, v);

	return m->opts->inverse ? !selected : selected;
}
