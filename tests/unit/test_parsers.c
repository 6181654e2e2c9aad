/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_parsers.c - unit tests for every parser of user input: signal
 * words and names (signals.h), target words and PIDs (target.h), and
 * pidfile contents (pidfile.h).  Each case is checked against the
 * contract in the header, and prints as one TAP line.
 */
#include "config.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pidfile.h"
#include "options.h"
#include "signals.h"
#include "tap.h"
#include "target.h"

/*
 * The first len bytes of s as a C string literal, for test descriptions:
 * a newline or a NUL in a word must not break the TAP line.  The result
 * lives until the next call.
 */
static const char *
quote_bytes(const char *s, size_t len)
{
	static char buf[256];
	size_t i, n = 0;

	buf[n++] = '"';
	for (i = 0; i < len && n < sizeof(buf) - 6; i++) {
		unsigned char c = (unsigned char)s[i];
		char *out = buf + n;
		size_t room = sizeof(buf) - n;

		if (c == '\n')
			n += (size_t)snprintf(out, room, "\\n");
		else if (c == '\r')
			n += (size_t)snprintf(out, room, "\\r");
		else if (c == '"' || c == '\\')
			n += (size_t)snprintf(out, room, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			n += (size_t)snprintf(out, room, "\\%03o", c);
		else
			buf[n++] = (char)c;
	}
	snprintf(buf + n, sizeof(buf) - n, "%s\"", i < len ? "..." : "");
	return buf;
}

static const char *
quote(const char *s)
{
	return quote_bytes(s, strlen(s));
}

/* --- signals.h ----------------------------------------------------- */

/* parse_signal(word, any_case) must return want (-1: refused) */
static void
expect_signal(const char *word, bool any_case, int want)
{
	int got = parse_signal(word, any_case);
	const char *how = any_case ? " (any case)" : "";
	bool ok;

	if (want < 0)
		ok = CHECK(got == -1, "parse_signal %s%s is refused",
			   quote(word), how);
	else
		ok = CHECK(got == want, "parse_signal %s%s is %d",
			   quote(word), how, want);
	if (!ok)
		tap_diag("got %d", got);
}

static void
test_parse_signal_numbers(void)
{
	int n, bad = -1;
	char word[16];

	/* every number but glibc's reserved ones is itself */
	for (n = 1; n <= 64 && bad < 0; n++) {
		int want = n >= 32 && n < SIGRTMIN ? -1 : n;

		snprintf(word, sizeof(word), "%d", n);
		if (parse_signal(word, false) != want)
			bad = n;
	}
	if (!CHECK(bad < 0, "parse_signal gives numbers 1..31 and %d..%d "
		   "as themselves", SIGRTMIN, SIGRTMAX))
		tap_diag("first wrong: %d gave %d", bad,
			 parse_signal(word, false));

	expect_signal("0", false, 0);
	expect_signal("9", false, SIGKILL);
	expect_signal("15", false, SIGTERM);
	expect_signal("31", false, 31);
	expect_signal("32", false, -1);
	expect_signal("33", false, -1);
	expect_signal("34", false, SIGRTMIN);
	expect_signal("64", false, 64);
	expect_signal("65", false, -1);
	expect_signal("-1", false, -1);
	expect_signal("", false, -1);
	expect_signal("", true, -1);
	expect_signal("9x", false, -1);
	expect_signal(" 9", false, -1);
	expect_signal("9 ", false, -1);
	expect_signal("+9", false, 9);	/* strtol's reading, as pkill's */
	expect_signal("IO", false, SIGIO);
	expect_signal("sigio", true, SIGIO);
	expect_signal("IOT", false, SIGABRT);
	expect_signal("CLD", false, SIGCHLD);
	expect_signal("cld", false, -1);
	expect_signal("NULL", false, 0);
	expect_signal("SIG0", false, 0);
	expect_signal("sig9", true, 9);
	expect_signal("EXIT", false, 0);
	expect_signal("hup", true, SIGHUP);
	expect_signal("Term", true, SIGTERM);
	expect_signal("99999999999999999999", false, -1);
}

static void
test_parse_signal_names(void)
{
	expect_signal("TERM", false, SIGTERM);
	expect_signal("SIGTERM", false, SIGTERM);
	expect_signal("KILL", false, SIGKILL);
	expect_signal("SIGHUP", false, SIGHUP);
	expect_signal("USR1", false, SIGUSR1);
	expect_signal("SYS", false, SIGSYS);
	expect_signal("SIG", false, -1);
	expect_signal("SIG", true, -1);
	expect_signal("TERMX", false, -1);
	expect_signal("TER", false, -1);
	expect_signal("SIGSIGTERM", false, -1);
	expect_signal("TERM ", false, -1);
	expect_signal("term", false, -1);
	expect_signal("Term", false, -1);
	expect_signal("sigterm", false, -1);
	expect_signal("term", true, SIGTERM);
	expect_signal("sigterm", true, SIGTERM);
	expect_signal("SigTerm", true, SIGTERM);
	expect_signal("TERM", true, SIGTERM);
	expect_signal("termx", true, -1);
}

static void
test_parse_signal_realtime(void)
{
	expect_signal("RTMIN", false, SIGRTMIN);
	expect_signal("SIGRTMIN", false, SIGRTMIN);
	expect_signal("RTMIN+0", false, SIGRTMIN);
	expect_signal("RTMIN+1", false, SIGRTMIN + 1);
	expect_signal("RTMIN+30", false, 64);
	expect_signal("RTMIN+31", false, -1);
	expect_signal("RTMAX", false, SIGRTMAX);
	expect_signal("SIGRTMAX", false, SIGRTMAX);
	expect_signal("RTMAX-1", false, SIGRTMAX - 1);
	expect_signal("RTMAX-30", false, SIGRTMIN);
	expect_signal("RTMAX-31", false, -1);
	expect_signal("RTMIN-1", false, -1);
	expect_signal("RTMAX+1", false, -1);
	expect_signal("RTMIN+", false, -1);
	expect_signal("RTMAX-", false, -1);
	expect_signal("RTMIN+x", false, -1);
	expect_signal("RTMIN+1x", false, -1);
	expect_signal("RTMIN+-1", false, -1);
	expect_signal("RTMIN++1", false, -1);
	expect_signal("RTMIN+ 1", false, -1);
	expect_signal("RTMINX", false, -1);
	expect_signal("RT", false, -1);
	expect_signal("rtmin+2", false, -1);
	expect_signal("rtmin+2", true, SIGRTMIN + 2);
	expect_signal("sigrtmax-1", true, SIGRTMAX - 1);
}

/* signal_name(signo) must give want, or fail when want is NULL */
static void
expect_name(int signo, const char *want)
{
	char buf[32] = "untouched";
	int r = signal_name(signo, buf, sizeof(buf));
	bool ok;

	if (!want)
		ok = CHECK(r == -1, "signal_name %d is refused", signo);
	else
		ok = CHECK(r == 0 && strcmp(buf, want) == 0,
			   "signal_name %d is %s", signo, quote(want));
	if (!ok)
		tap_diag("returned %d, wrote %s", r, quote(buf));
}

static void
test_signal_name(void)
{
	int n, bad = -1;
	char name[32];

	expect_name(SIGTERM, "TERM");
	expect_name(SIGKILL, "KILL");
	expect_name(0, "0");
	expect_name(SIGRTMIN, "RTMIN");
	expect_name(SIGRTMIN + 1, "RTMIN+1");
	expect_name(SIGRTMIN + 2, "RTMIN+2");
	expect_name(SIGRTMAX - 1, "RTMAX-1");
	expect_name(SIGRTMAX, "RTMAX");
	expect_name(32, NULL);
	expect_name(33, NULL);
	expect_name(65, NULL);
	expect_name(-1, NULL);

	/* whatever signal_name prints, parse_signal reads back */
	for (n = 0; n <= SIGRTMAX && bad < 0; n++) {
		if (!signal_is_valid(n))
			continue;
		if (signal_name(n, name, sizeof(name)) != 0 ||
		    parse_signal(name, false) != n)
			bad = n;
	}
	if (!CHECK(bad < 0, "parse_signal reads back every signal_name"))
		tap_diag("signal %d: name %s", bad, quote(name));
}

static void
test_signal_is_valid(void)
{
	const struct {
		int signo;
		bool valid;
	} cases[] = {
		{ 0, true }, { SIGHUP, true }, { SIGTERM, true },
		{ 31, true }, { 32, false }, { 33, false },
		{ SIGRTMIN, true }, { SIGRTMAX, true }, { SIGRTMAX + 1, false },
		{ -1, false }, { INT_MAX, false }, { INT_MIN, false },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(signal_is_valid(cases[i].signo) == cases[i].valid,
		      "signal_is_valid %d is %s", cases[i].signo,
		      cases[i].valid ? "true" : "false");
}

/* --- target.h ------------------------------------------------------ */

static const char *
form_name(enum word_form form)
{
	switch (form) {
	case WORD_PATTERN:
		return "pattern";
	case WORD_PID:
		return "PID";
	case WORD_PID_ID:
		return "PID:ID";
	case WORD_PID_START:
		return "PID@START";
	case WORD_PROC:
		return "/proc/PID";
	case WORD_PROC_TASK:
		return "/proc/PID/task/TID";
	}
	return "?";
}

/*
 * parse_target_word(word) must succeed with exactly the fields in want
 * (the fields a form does not use are 0).  tw starts as garbage, so that
 * every field is proved to be written.
 */
static void
expect_word(const char *word, struct target_word want)
{
	struct target_word tw;
	int r;

	memset(&tw, 0xa5, sizeof(tw));
	r = parse_target_word(word, &tw);
	if (want.form == WORD_PATTERN) {
		if (!CHECK(r == 0 && tw.form == WORD_PATTERN,
			   "target word %s is a pattern", quote(word)))
			tap_diag("returned %d, form %d", r, (int)tw.form);
		return;
	}
	if (!CHECK(r == 0 && tw.form == want.form && tw.pid == want.pid &&
		   tw.tid == want.tid && tw.id == want.id &&
		   tw.start == want.start,
		   "target word %s is %s pid %d tid %d id %llu start %llu",
		   quote(word), form_name(want.form), (int)want.pid,
		   (int)want.tid, want.id, want.start))
		tap_diag("returned %d: form %d pid %d tid %d id %llu "
			 "start %llu", r, (int)tw.form, (int)tw.pid,
			 (int)tw.tid, tw.id, tw.start);
}

/* parse_target_word(word) must refuse it as a malformed PID form */
static void
expect_bad_word(const char *word)
{
	struct target_word tw;
	int r = parse_target_word(word, &tw);

	if (!CHECK(r == -1, "target word %s is refused", quote(word)))
		tap_diag("returned %d, form %s", r, form_name(tw.form));
}

static void
test_target_words(void)
{
	const struct target_word pattern = { .form = WORD_PATTERN };

	expect_word("1234", (struct target_word){ WORD_PID, 1234, 0, 0, 0 });
	expect_word("1", (struct target_word){ WORD_PID, 1, 0, 0, 0 });
	expect_word("4194304",
		    (struct target_word){ WORD_PID, 4194304, 0, 0, 0 });
	expect_word("1234:5678901",
		    (struct target_word){ WORD_PID_ID, 1234, 0, 5678901, 0 });
	expect_word("1234:1",
		    (struct target_word){ WORD_PID_ID, 1234, 0, 1, 0 });
	expect_word("1234:18446744073709551615",
		    (struct target_word){ WORD_PID_ID, 1234, 0,
					  18446744073709551615ULL, 0 });
	expect_word("1234@987654",
		    (struct target_word){ WORD_PID_START, 1234, 0, 0, 987654 });
	expect_word("1234@0",
		    (struct target_word){ WORD_PID_START, 1234, 0, 0, 0 });
	expect_word("1234@18446744073709551615",
		    (struct target_word){ WORD_PID_START, 1234, 0, 0,
					  18446744073709551615ULL });
	expect_word("/proc/1234",
		    (struct target_word){ WORD_PROC, 1234, 0, 0, 0 });
	expect_word("/proc/1234/",
		    (struct target_word){ WORD_PROC, 1234, 0, 0, 0 });
	expect_word("/proc/1234/task/1240",
		    (struct target_word){ WORD_PROC_TASK, 1234, 1240, 0, 0 });
	expect_word("/proc/1234/task/1240/",
		    (struct target_word){ WORD_PROC_TASK, 1234, 1240, 0, 0 });
	/* a thread's token, as the TOKEN column prints it */
	expect_word("/proc/1234/task/1240:5678907",
		    (struct target_word){ WORD_PID_ID, 1234, 1240, 5678907, 0 });
	expect_word("/proc/1234/task/1240@987655",
		    (struct target_word){ WORD_PID_START, 1234, 1240, 0, 987655 });
	expect_word("/proc/1234/task/1240@0",
		    (struct target_word){ WORD_PID_START, 1234, 1240, 0, 0 });

	/* not a digit, not /proc: a regular expression */
	expect_word("nginx", pattern);
	expect_word("-x", pattern);
	expect_word("a1", pattern);
	expect_word("", pattern);
	expect_word(":5", pattern);
	expect_word("@5", pattern);
	expect_word(" 1234", pattern);
	expect_word("+1234", pattern);
	expect_word("proc/12", pattern);
	expect_word("/usr/sbin/nginx", pattern);
}

static void
test_bad_target_words(void)
{
	static const char *const bad[] = {
		/* PID */
		"12x", "0", "00", "4194305", "2147483648",
		"99999999999999999999", "12 ", "1234/",
		/* PID:ID and PID@START */
		"1234:", "1234@", "1234:0", "1234:5:6", "1234@5@6",
		"1234:5@6", "1234@5:6", "1234:-1", "1234@+1", "1234:+1",
		"1234:5x", "1234: 5", "0:5", "4194305:5",
		"1234:18446744073709551616", "1234@18446744073709551616",
		/* /proc paths */
		"/proc", "/proc/", "/proc/self", "/proc/thread-self",
		"/proc/12//", "/proc//12", "/proc/12/task", "/proc/12/task/",
		"/proc/12/task/x", "/proc/12/task/0", "/proc/12/task/13//",
		"/proc/12/fd", "/proc/0", "/proc/4194305", "/proc/12x",
		"/proc/12:5", "/procfoo", "/proc/12/task/13/status",
		"/proc/12/task/13:0", "/proc/12/task/13:", "/proc/12/task/13@",
		"/proc/12/task/13/:5", "/proc/12/task/13:5/", "/proc/12/task/13:5@6",
		"/proc/12/task/13@5:6", "/proc/12/task/13:x", "/proc/12@5",
		"/proc/12/task/13:18446744073709551616",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_bad_word(bad[i]);
}

/* parse_pid(s) must give want (-1: refused) */
static void
expect_pid(const char *s, pid_t want)
{
	pid_t pid = -2;
	int r = parse_pid(s, &pid);
	bool ok;

	if (want < 0)
		ok = CHECK(r == -1, "parse_pid %s is refused", quote(s));
	else
		ok = CHECK(r == 0 && pid == want, "parse_pid %s is %d",
			   quote(s), (int)want);
	if (!ok)
		tap_diag("returned %d, pid %d", r, (int)pid);
}

static void
test_parse_pid(void)
{
	expect_pid("1", 1);
	expect_pid("1234", 1234);
	expect_pid("4194304", 4194304);
	expect_pid("4194305", -1);
	expect_pid("2147483648", -1);
	expect_pid("99999999999999999999", -1);
	expect_pid("0", -1);
	expect_pid("-1", -1);
	expect_pid("+1", -1);
	expect_pid("", -1);
	expect_pid(" 12", -1);
	expect_pid("12 ", -1);
	expect_pid("12x", -1);
	expect_pid("12:5", -1);
}

/* --- pidfile.h ----------------------------------------------------- */

/* parse_pidfile_text(buf, len) must give want (-1: refused, 0: no PID) */
static void
expect_pidfile(const char *buf, size_t len, pid_t want)
{
	pid_t pid = -2;
	int r = parse_pidfile_text(buf, len, &pid);
	bool ok;

	if (want < 0)
		ok = CHECK(r == -1, "pidfile text %s is refused",
			   quote_bytes(buf, len));
	else if (want == 0)
		ok = CHECK(r == 1, "pidfile text %s holds no PID",
			   quote_bytes(buf, len));
	else
		ok = CHECK(r == 0 && pid == want, "pidfile text %s is %d",
			   quote_bytes(buf, len), (int)want);
	if (!ok)
		tap_diag("returned %d, pid %d", r, (int)pid);
}

#define PIDFILE(s, want) expect_pidfile((s), sizeof(s) - 1, (want))

static void
test_pidfile_text(void)
{
	char long_text[80];
	pid_t pid;
	int r;

	PIDFILE("123", 123);
	PIDFILE("123\n", 123);
	PIDFILE("4194304\n", 4194304);
	pid = -2;
	r = parse_pidfile_text("123456", 3, &pid);
	if (!CHECK(r == 0 && pid == 123,
		   "pidfile text reads only len bytes: 3 of \"123456\" is 123"))
		tap_diag("returned %d, pid %d", r, (int)pid);

	/* blanks around the PID and a CRLF ending, as pkill and
	   start-stop-daemon read them */
	PIDFILE("123 ", 123);
	PIDFILE(" 123", 123);
	PIDFILE(" 123 \n", 123);
	PIDFILE("\t123\t\n", 123);
	PIDFILE("12\r\n", 12);
	PIDFILE("12 \r\n", 12);
	PIDFILE("  \t 12 \t  \r\n", 12);

	/* nothing but blanks and a line ending: no PID */
	PIDFILE("", 0);
	PIDFILE("\n", 0);
	PIDFILE("\r\n", 0);
	PIDFILE(" ", 0);
	PIDFILE(" \t \n", 0);

	PIDFILE("123\n\n", -1);
	PIDFILE("\n123", -1);
	PIDFILE("\n123\n", -1);
	PIDFILE("12 34", -1);
	PIDFILE("12\t34\n", -1);
	PIDFILE("12\r", -1);
	PIDFILE("12\r\r\n", -1);
	PIDFILE("12\n\r\n", -1);
	PIDFILE("12\r \n", -1);
	PIDFILE("\r", -1);
	PIDFILE("\v12\n", -1);
	PIDFILE("12\f", -1);
	PIDFILE("-5", -1);
	PIDFILE("+5", -1);
	PIDFILE(" -5\n", -1);
	PIDFILE("0", -1);
	PIDFILE("0\n", -1);
	PIDFILE("abc", -1);
	PIDFILE("1\0002", -1);
	PIDFILE("123\0", -1);
	PIDFILE("\0", -1);
	PIDFILE(" \0 \n", -1);
	PIDFILE("99999999999", -1);
	PIDFILE("4194305\n", -1);
	PIDFILE("123\n456\n", -1);

	memset(long_text, '1', sizeof(long_text));
	expect_pidfile(long_text, sizeof(long_text), -1);
	/* blanks do not make a long file acceptable */
	memset(long_text, ' ', sizeof(long_text));
	memcpy(long_text + 40, "12", 2);
	expect_pidfile(long_text, sizeof(long_text), -1);
}

/* fdinfo_write_locked(text, ino) must be want */
static void
expect_fdinfo(const char *text, size_t len, ino_t ino, bool want)
{
	CHECK(fdinfo_write_locked(text, len, ino) == want,
	      "fdinfo %s %s a write lock on inode %lu", quote_bytes(text, len),
	      want ? "shows" : "does not show", (unsigned long)ino);
}

#define FDINFO(s, ino, want) expect_fdinfo((s), sizeof(s) - 1, (ino), (want))
#define FDINFO_HEAD "pos:\t0\nflags:\t02100002\nmnt_id:\t26\nino:\t10952805\n"

static void
test_fdinfo_locks(void)
{
	/* the three kinds of lock a daemon takes, as the kernel shows them */
	FDINFO(FDINFO_HEAD "lock:\t1: POSIX  ADVISORY  WRITE 3739 "
	       "fe:00:10952805 0 EOF\n", 10952805, true);
	FDINFO(FDINFO_HEAD "lock:\t1: OFDLCK ADVISORY  WRITE -1 "
	       "fe:00:10952805 0 EOF\n", 10952805, true);
	FDINFO(FDINFO_HEAD "lock:\t1: FLOCK  ADVISORY  WRITE 3576 "
	       "fe:00:10952805 0 EOF\n", 10952805, true);
	/* the PID a lock line shows is not looked at: 0 is a dead taker */
	FDINFO("lock:\t1: POSIX  ADVISORY  WRITE 0 08:02:131 0 EOF", 131,
	       true);
	/* a byte range, and a second lock line after a read lock */
	FDINFO("lock:\t1: POSIX  ADVISORY  WRITE 5 08:02:131 0 0\n", 131,
	       true);
	FDINFO("lock:\t1: FLOCK  ADVISORY  READ 5 08:02:131 0 EOF\n"
	       "lock:\t2: POSIX  ADVISORY  WRITE 5 08:02:131 0 EOF\n", 131,
	       true);
	FDINFO("lock:\t1: POSIX  ADVISORY  WRITE 5 103:02:131 0 EOF", 131,
	       true);

	/* no lock, a read lock, a lease, another inode */
	FDINFO(FDINFO_HEAD, 10952805, false);
	FDINFO("", 131, false);
	FDINFO("lock:\t1: POSIX  ADVISORY  READ 5 08:02:131 0 EOF\n", 131,
	       false);
	FDINFO("lock:\t1: FLOCK  ADVISORY  READ 5 08:02:131 0 EOF\n", 131,
	       false);
	FDINFO("lock:\t1: LEASE  ACTIVE    WRITE 5 08:02:131 0 EOF\n", 131,
	       false);
	FDINFO("lock:\t1: ACCESS ADVISORY  WRITE 5 08:02:131 0 EOF\n", 131,
	       false);
	FDINFO("lock:\t1: POSIX  ADVISORY  WRITE 5 08:02:1310 0 EOF\n", 131,
	       false);
	FDINFO("lock:\t1: POSIX  ADVISORY  WRITE 5 08:02:13 0 EOF\n", 131,
	       false);
	/* malformed lines prove nothing */
	FDINFO("lock:\t1: POSIX  ADVISORY  WRITE 5 131 0 EOF\n", 131, false);
	FDINFO("lock:\t1: POSIX  ADVISORY  WRITE 5 02:131 0 EOF\n", 131,
	       false);
	FDINFO("lock:\t1: POSIX  ADVISORY  WRITE 5 08:02:131x 0 EOF\n", 131,
	       false);
	FDINFO("lock:\t1: POSIX  ADVISORY  WRITE 5 08:02:\n", 131, false);
	FDINFO("lock:\t1: POSIX  ADVISORY  WRITE\n", 131, false);
	FDINFO("lock:\tPOSIX  ADVISORY  WRITE 5 08:02:131 0 EOF\n", 131,
	       false);
	FDINFO("lock:\t1: POSIX  MANDATORY WRITE 5 08:02:131 0 EOF\n", 131,
	       false);
	FDINFO("flock:\t1: POSIX  ADVISORY  WRITE 5 08:02:131 0 EOF\n", 131,
	       false);
	FDINFO(" lock:\t1: POSIX  ADVISORY  WRITE 5 08:02:131 0 EOF\n", 131,
	       false);
	FDINFO("lock:\t1: POSIX  ADVISORY  WRITE 5 08:02:131 0 EOF", 0,
	       false);
	/* a NUL ends what is read of a line */
	FDINFO("lock:\t1: POSIX\0 ADVISORY  WRITE 5 08:02:131 0 EOF\n", 131,
	       false);
}

/* parse_duration: ms is the expected value, or -1 when it must fail */
static void
expect_duration(const char *word, long long ms)
{
	long long got = -7;
	int rc = parse_duration(word, &got);

	if (ms < 0)
		CHECK(rc < 0, "duration '%s' is refused", word);
	else if (!CHECK(rc == 0 && got == ms, "duration '%s' is %lld ms", word, ms))
		tap_diag("rc %d, got %lld", rc, got);
}

static void
test_durations(void)
{
	expect_duration("500ms", 500);
	expect_duration("10s", 10000);
	expect_duration("2m", 120000);
	expect_duration("1.5s", 1500);
	expect_duration("1.5", 1500);
	expect_duration("10", 10000);
	expect_duration("0", 0);
	expect_duration("0ms", 0);
	expect_duration("1h", 3600000);
	expect_duration("0.25m", 15000);
	expect_duration("1.0005s", 1001);
	expect_duration("366h", 366LL * 3600000);
	expect_duration("8784h", 8784LL * 3600000);
	expect_duration("8785h", -1);
	expect_duration("99999999999", -1);
	expect_duration("", -1);
	expect_duration("s", -1);
	expect_duration(".5", -1);
	expect_duration("1.", -1);
	expect_duration("-1", -1);
	expect_duration("+1", -1);
	expect_duration(" 1", -1);
	expect_duration("1 s", -1);
	expect_duration("1sec", -1);
	expect_duration("1S", -1);
	expect_duration("1ms5", -1);
	expect_duration("1d", -1);
	expect_duration("0x10", -1);
}

/* Render a schedule as "S15 W500 G0 ..." for comparison */
static const char *
schedule_text(const struct schedule *s)
{
	static char buf[256];
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < s->n && len < sizeof(buf) - 32; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%c%lld",
				i ? " " : "",
				s->v[i].kind == STEP_SIGNAL ? 'S'
				: s->v[i].kind == STEP_WAIT ? 'W' : 'G',
				s->v[i].value);
	return buf;
}

/* want is the rendered schedule, or NULL when parsing must fail */
static void
expect_schedule(const char *word, int signo, const char *want)
{
	struct schedule s = { 0 };
	char bad[64];
	int rc = parse_schedule(word, signo, &s, bad, sizeof(bad));

	if (!want)
		CHECK(rc < 0, "schedule '%s' is refused", word);
	else if (!CHECK(rc == 0 && strcmp(schedule_text(&s), want) == 0,
			"schedule '%s' is %s", word, want))
		tap_diag("rc %d, got '%s'", rc, schedule_text(&s));
	free(s.v);
}

static void
test_schedules(void)
{
	expect_schedule("TERM/30/KILL/5", 15, "S15 W30000 S9 W5000");
	expect_schedule("-TERM/30/-KILL/5", 15, "S15 W30000 S9 W5000");
	expect_schedule("-15/1.5s/-9/500ms", 15, "S15 W1500 S9 W500");
	expect_schedule("hup/2", 15, "S1 W2000");
	expect_schedule("5/KILL", 15, NULL);
	expect_schedule("SIGUSR1/1/KILL/1", 15, "S10 W1000 S9 W1000");
	expect_schedule("10", 15, "S15 W10000 S9 W10000");
	expect_schedule("10", 1, "S1 W10000 S9 W10000");
	expect_schedule("500ms", 2, "S2 W500 S9 W500");
	expect_schedule("5/KILL/5", 15, "W5000 S9 W5000");
	expect_schedule("TERM/5/forever/KILL/1", 15,
			"S15 W5000 S9 W1000 G2");
	expect_schedule("TERM/5/KILL/1/forever", 15,
			"S15 W5000 S9 W1000 G2");
	expect_schedule("-RTMIN+1/1", 15, "S35 W1000");
	expect_schedule("TERM", 15, NULL);
	expect_schedule("", 15, NULL);
	expect_schedule("/", 15, NULL);
	expect_schedule("TERM/", 15, NULL);
	expect_schedule("/TERM/5", 15, NULL);
	expect_schedule("TERM//5", 15, NULL);
	expect_schedule("TERM/5x", 15, NULL);
	expect_schedule("FOO/5", 15, NULL);
	expect_schedule("TERM/5/-99/5", 15, NULL);
	expect_schedule("TERM/5/-32/5", 15, NULL);
	expect_schedule("forever/TERM/5", 15, NULL);
	expect_schedule("TERM/5/forever/forever", 15, NULL);
	expect_schedule("TERM/forever", 15, NULL);
	expect_schedule("5/forever", 15, NULL);
	/* a loop that waits no time would signal at full speed */
	expect_schedule("TERM/0/forever", 15, NULL);
	expect_schedule("TERM/0ms/forever", 15, NULL);
	expect_schedule("TERM/0.0001/forever", 15, NULL);
	expect_schedule("TERM/5/KILL/0/forever", 15, NULL);
	expect_schedule("TERM/0/forever/KILL/0/HUP/0", 15, NULL);
	expect_schedule("TERM/0/forever/KILL/0/HUP/1ms", 15,
			"S15 W0 S9 W0 S1 W1 G2");
	expect_schedule("TERM/0/KILL/1ms/forever", 15, "S15 W0 S9 W1 G2");
	expect_schedule("TERM/5/forever", 15, "S15 W5000 G0");
	expect_schedule("x", 15, NULL);
	expect_schedule("-5", 15, NULL);
	expect_schedule("15/5", 15, NULL);
	expect_schedule("1/1", 15, NULL);
	expect_schedule("TERM/1/KILL", 15, NULL);
	expect_schedule("TERM/1/-9", 15, NULL);
}

int
main(void)
{
	test_parse_signal_numbers();
	test_parse_signal_names();
	test_parse_signal_realtime();
	test_signal_name();
	test_signal_is_valid();
	test_target_words();
	test_bad_target_words();
	test_parse_pid();
	test_pidfile_text();
	test_fdinfo_locks();
	test_durations();
	test_schedules();
	return tap_done();
}
