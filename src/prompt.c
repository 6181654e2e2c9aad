/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prompt.c - asking on /dev/tty.
 *
 * The question is asked while the target is pinned and verified, so the
 * answer applies to the process shown: if it exits while the question
 * waits, its pidfd makes delivery fail, even if its PID is reused.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <unistd.h>

#include "prompt.h"
#include "signals.h"
#include "text.h"
#include "timefmt.h"

FILE *
prompt_open(void)
{
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
	FILE *f;

	if (fd < 0)
		return NULL;
	f = fdopen(fd, "r+");
	if (!f) {
		close(fd);
		return NULL;
	}
	/* nothing read ahead: the terminal itself says when an answer
	   waits (a whole line, in canonical mode), so an interruption
	   can be watched for beside it */
	setvbuf(f, NULL, _IONBF, 0);
	return f;
}

static bool
is_word(const char *answer, const char *word)
{
	return strcasecmp(answer, word) == 0 ||
	       (answer[0] && !answer[1] &&
		tolower((unsigned char)answer[0]) == word[0]);
}

/* The first lines of a question: who t is */
static void
describe_target(FILE *tty, const struct target *t, time_t booted)
{
	char user[64] = "?", start[64], *name, *cmdline;

	if (target_cold(t)->euid_known)
		format_user(target_cold(t)->euid, user, sizeof(user));
	format_start(t->start, booted, start, sizeof(start));
	name = text_escaped(target_name(t));
	cmdline = target_cold(t)->cmdline && *target_cold(t)->cmdline
		  ? text_escaped(target_cold(t)->cmdline) : NULL;
	fprintf(tty, "%d (%s)  user %s  started %s\n", (int)t->pid,
		name ? name : "?", user, start);
	fprintf(tty, "  %s\n", cmdline ? cmdline : "(no command line)");
	free(name);
	free(cmdline);
}

static void
describe(FILE *tty, const struct target *t, int signo, time_t booted)
{
	char sig[32];

	signal_name(signo, sig, sizeof(sig));
	describe_target(tty, t, booted);
	fprintf(tty, "Send %s? [y]es, [n]o, [a]ll, [q]uit: ", sig);
	fflush(tty);
}

/* A tree: its root, then each descendant on a line, by depth */
static void
describe_tree(FILE *tty, const struct target *const *tree, size_t n,
	      int signo, time_t booted)
{
	bool root_too = tree[0]->outcome == OUTCOME_PENDING;
	char sig[32], user[64], *name;
	size_t i, sent = root_too;

	signal_name(signo, sig, sizeof(sig));
	describe_target(tty, tree[0], booted);
	/* pidkill or an ancestor: only what it started is asked about */
	if (!root_too)
		fprintf(tty, "  is not signaled (%s), but what it started is:\n",
			target_cold(tree[0])->detail ? target_cold(tree[0])->detail
					: outcome_name(tree[0]->outcome));
	else if (n == 2)
		fprintf(tty, "  and the process it started:\n");
	else if (n > 2)
		fprintf(tty, "  and the %zu processes it started:\n", n - 1);
	for (i = 1; i < n; i++) {
		const struct target *t = tree[i];

		strcpy(user, "?");
		if (target_cold(t)->euid_known)
			format_user(target_cold(t)->euid, user, sizeof(user));
		name = text_escaped(target_name(t));
		fprintf(tty, "  %*s%d (%s)  ",
			2 * (int)(target_cold(t)->depth < 40
				  ? target_cold(t)->depth : 40), "",
			(int)t->pid, name ? name : "?");
		/* walked through, or refused: what it started is asked
		   about, not it */
		if (t->outcome == OUTCOME_PENDING) {
			fprintf(tty, "user %s\n", user);
			sent++;
		} else {
			fprintf(tty, "not signaled (%s)\n",
				target_cold(t)->detail ? target_cold(t)->detail
						: outcome_name(t->outcome));
		}
		free(name);
	}
	fprintf(tty, "Send %s to the %zu process%s of this tree? [y]es, [n]o, "
		"[a]ll, [q]uit: ", sig, sent, sent > 1 ? "es" : "");
	fflush(tty);
}

/* Wait for an answer: false if intr says pidkill was interrupted first */
static bool
answer_ready(FILE *tty, int intr)
{
	struct pollfd p[2] = {
		{ .fd = fileno(tty), .events = POLLIN },
		{ .fd = intr, .events = POLLIN },
	};

	if (intr < 0)
		return true;
	for (;;) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return true;	/* let the reading say what it is */
		}
		if (p[1].revents)
			return false;
		if (p[0].revents)
			return true;
	}
}

/* Read answers until one is y, n, a or q; end of input is quit */
static enum answer
read_answer(FILE *tty, int intr, void (*ask)(const void *), const void *arg)
{
	enum answer a = ANSWER_QUIT;
	char *line = NULL;
	size_t size = 0;

	/* what was typed before the question was shown answers nothing */
	tcflush(fileno(tty), TCIFLUSH);
	/* a line is read whole, however long: its tail is no new answer */
	for (;;) {
		ask(arg);
		if (!answer_ready(tty, intr)) {
			fputc('\n', tty);
			break;
		}
		if (getline(&line, &size, tty) < 0) {
			fputc('\n', tty);	/* end of input: quit */
			break;
		}
		line[strcspn(line, "\r\n")] = '\0';
		if (is_word(line, "yes"))
			a = ANSWER_YES;
		else if (is_word(line, "no"))
			a = ANSWER_NO;
		else if (is_word(line, "all"))
			a = ANSWER_ALL;
		else if (!is_word(line, "quit"))
			continue;
		break;
	}
	free(line);
	return a;
}

/* What one question is about, for read_answer to ask it again */
struct question {
	FILE *tty;
	const struct target *const *tree;
	size_t n;
	int signo;
	time_t booted;
};

static void
ask_target(const void *arg)
{
	const struct question *q = arg;

	describe(q->tty, q->tree[0], q->signo, q->booted);
}

static void
ask_tree(const void *arg)
{
	const struct question *q = arg;

	describe_tree(q->tty, q->tree, q->n, q->signo, q->booted);
}

enum answer
prompt_target(FILE *tty, const struct target *t, int signo, time_t booted)
{
	struct question q = { tty, &t, 1, signo, booted };

	return read_answer(tty, -1, ask_target, &q);
}

enum answer
prompt_tree(FILE *tty, const struct target *const *tree, size_t n, int signo,
	    time_t booted, int intr)
{
	struct question q = { tty, tree, n, signo, booted };

	return read_answer(tty, intr, ask_tree, &q);
}
