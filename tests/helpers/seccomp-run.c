/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * seccomp-run - run a command under a seccomp filter that makes the kernel
 * answer some system calls as an older kernel would.
 *
 * Usage: seccomp-run RULE... -- COMMAND [ARG...]
 *
 * Every system call is allowed except those the rules name, which fail
 * with the errno given.  A rule is one of:
 *     NAME=ERRNO                  NAME always fails
 *     NAME:flags=ERRNO            NAME fails when its flags are non-zero
 *                                 (pidfd_send_signal, pidfd_open,
 *                                 process_mrelease)
 *     ioctl:PIDFD_GET_INFO=ERRNO  ioctl fails for that request only
 * NAME is a system call name (pidfd_open, process_mrelease, ...) and
 * ERRNO an errno name (ENOSYS, EINVAL, ENOTTY, ...) or number.
 *
 * Sets no_new_privs, loads the filter and execvp()s COMMAND.  Exits 2 on
 * a bad rule, 3 if the filter cannot be loaded, 127 if exec fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "compat.h"

/* Argument conditions a rule may carry after NAME: */
enum condition {
	COND_NONE,
	COND_FLAGS,		/* the flags argument is non-zero */
	COND_GET_INFO		/* ioctl request is PIDFD_GET_INFO */
};

/* Where each syscall with a COND_FLAGS condition has its flags */
static const struct {
	const char *name;
	unsigned int arg;
} flags_args[] = {
	{ "pidfd_send_signal", 3 },
	{ "pidfd_open", 1 },
	{ "process_mrelease", 1 },
};

/* Parse an errno name (ENOSYS) or number; -1 if it is neither */
static int
parse_errno(const char *s)
{
	char *end;
	long v;
	int e;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end != s && *end == '\0' && errno == 0 && v > 0 && v < 4096)
		return (int)v;
	for (e = 1; e < 4096; e++)
		if (strerrorname_np(e) && strcmp(strerrorname_np(e), s) == 0)
			return e;
	return -1;
}

/* The argument index of a syscall's flags; -1 if no rule knows it */
static int
flags_arg(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(flags_args) / sizeof(flags_args[0]); i++)
		if (strcmp(flags_args[i].name, name) == 0)
			return (int)flags_args[i].arg;
	return -1;
}

/*
 * Add one rule, written as NAME[:COND]=ERRNO, to the filter ctx.  Exits
 * with status 2 and a message naming the rule when it is malformed.
 */
static void
add_rule(scmp_filter_ctx ctx, const char *rule)
{
	char *name = strdup(rule), *eq, *colon;
	enum condition cond = COND_NONE;
	int nr, e, rc, arg = -1;

	if (!name) {
		perror("seccomp-run");
		exit(3);
	}
	eq = strrchr(name, '=');
	if (!eq || eq == name) {
		fprintf(stderr, "seccomp-run: %s: rule must be NAME=ERRNO\n",
			rule);
		exit(2);
	}
	*eq = '\0';
	if ((e = parse_errno(eq + 1)) < 0) {
		fprintf(stderr, "seccomp-run: %s: unknown errno %s\n", rule,
			eq + 1);
		exit(2);
	}
	if ((colon = strchr(name, ':')) != NULL) {
		*colon++ = '\0';
		if (strcmp(colon, "flags") == 0 &&
		    (arg = flags_arg(name)) >= 0)
			cond = COND_FLAGS;
		else if (strcmp(colon, "PIDFD_GET_INFO") == 0 &&
			 strcmp(name, "ioctl") == 0)
			cond = COND_GET_INFO;
		else {
			fprintf(stderr, "seccomp-run: %s: unknown condition "
				"%s for %s\n", rule, colon, name);
			exit(2);
		}
	}
	nr = seccomp_syscall_resolve_name(name);
	if (nr == __NR_SCMP_ERROR) {
		fprintf(stderr, "seccomp-run: %s: unknown system call %s\n",
			rule, name);
		exit(2);
	}
	switch (cond) {
	case COND_FLAGS:
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(e), nr, 1,
				      SCMP_CMP((unsigned int)arg, SCMP_CMP_NE,
					       0));
		break;
	case COND_GET_INFO:
		/* the request is an unsigned int: compare its low 32 bits */
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(e), nr, 1,
				      SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffUL,
					      (scmp_datum_t)PIDFD_GET_INFO));
		break;
	default:
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(e), nr, 0);
	}
	if (rc < 0) {
		fprintf(stderr, "seccomp-run: %s: %s\n", rule, strerror(-rc));
		exit(2);
	}
	free(name);
}

int
main(int argc, char **argv)
{
	scmp_filter_ctx ctx;
	int i, rc;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		;
	if (i == 1 || i >= argc - 1) {
		fprintf(stderr, "usage: seccomp-run RULE... -- COMMAND "
			"[ARG...]\n");
		return 2;
	}
	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx) {
		fprintf(stderr, "seccomp-run: seccomp_init failed\n");
		return 3;
	}
	for (i = 1; strcmp(argv[i], "--") != 0; i++)
		add_rule(ctx, argv[i]);
	/* libseccomp sets no_new_privs itself by default; say so anyway */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		perror("seccomp-run: PR_SET_NO_NEW_PRIVS");
		return 3;
	}
	if ((rc = seccomp_load(ctx)) < 0) {
		fprintf(stderr, "seccomp-run: cannot load the filter: %s\n",
			strerror(-rc));
		return 3;
	}
	seccomp_release(ctx);
	execvp(argv[i + 1], argv + i + 1);
	fprintf(stderr, "seccomp-run: %s: %s\n", argv[i + 1], strerror(errno));
	return 127;
}
