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
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
	if (!f)
		close(fd);
	return f;
}

static void
describe(FILE *tty, const struct target *t, int signo, time_t booted)
{
	char sig[32], user[64] = "?", start[64], *name, *cmdline;

	signal_name(signo, sig, sizeof(sig));
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
	fprintf(tty, "Send %s? [y]es, [n]o, [a]ll, [q]uit: ", sig);
	fflush(tty);
}

static bool
is_word(const char *answer, const char *word)
{
	return strcasecmp(answer, word) == 0 ||
	       (answer[0] && !answer[1] &&
		tolower((unsigned char)answer[0]) == word[0]);
}

enum answer
prompt_target(FILE *tty, const struct target *t, int signo, time_t booted)
{
	enum answer a = ANSWER_QUIT;
	char *line = NULL;
	size_t size = 0;

	/* a line is read whole, however long: its tail is no new answer */
	for (;;) {
		describe(tty, t, signo, booted);
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
