/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * interrupt.c - holding INT, TERM, HUP and the other signals that would
 * end pidkill pending.
 *
 * A handler would take the signal: pidkill could then only exit with
 * 128 + N, and a shell that runs it in a loop would not see that the
 * user interrupted it.  Blocked, the signal waits; a signalfd reports it
 * without taking it, and unblocking delivers it with its default action.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "interrupt.h"

/* every signal whose default action ends pidkill (with a core dump or
   without) and that can be held back: INT, TERM and HUP as a user or a
   supervisor sends them, QUIT from the keyboard, PIPE from a warning
   written to a reader that has gone, and the rest a stray sender or a
   limit may bring; the real-time signals too.  A fault the kernel raises
   for pidkill's own code (SEGV, BUS...) is delivered blocked or not. */
static const int held_signals[] = {
	SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGUSR1, SIGUSR2,
	SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGABRT, SIGTRAP,
	SIGSYS, SIGIO, SIGPWR, SIGSTKFLT, SIGILL, SIGFPE, SIGSEGV, SIGBUS,
};

static struct {
	bool holding;
	sigset_t set;		/* the signals held */
	sigset_t saved;		/* the mask before */
	int fd;
} intr = { .fd = -1 };

/* Add signo to the set held, unless pidkill was started ignoring it */
static void
hold_one(int signo)
{
	struct sigaction sa;

	if (sigaction(signo, NULL, &sa) == 0 && sa.sa_handler != SIG_IGN)
		sigaddset(&intr.set, signo);
}

int
interrupt_hold(void)
{
	size_t i;
	int signo;

	if (intr.holding)
		return 0;
	sigemptyset(&intr.set);
	for (i = 0; i < sizeof(held_signals) / sizeof(held_signals[0]); i++)
		hold_one(held_signals[i]);
	for (signo = SIGRTMIN; signo <= SIGRTMAX; signo++)
		hold_one(signo);
	if (sigprocmask(SIG_BLOCK, &intr.set, &intr.saved) < 0)
		return -1;
	intr.fd = signalfd(-1, &intr.set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (intr.fd < 0) {
		int saved = errno;

		sigprocmask(SIG_SETMASK, &intr.saved, NULL);
		errno = saved;
		return -1;
	}
	intr.holding = true;
	return 0;
}

int
interrupt_fd(void)
{
	return intr.holding ? intr.fd : -1;
}

/* The first held signal pending, 0 if none */
static int
pending_signal(void)
{
	sigset_t pending;
	int signo;

	if (!intr.holding || sigpending(&pending) < 0)
		return 0;
	for (signo = 1; signo <= SIGRTMAX; signo++)
		if (sigismember(&intr.set, signo) == 1 &&
		    sigismember(&pending, signo) == 1)
			return signo;
	return 0;
}

bool
interrupt_pending(void)
{
	return pending_signal() != 0;
}

int
interrupt_release(void)
{
	int signo = pending_signal();

	if (!intr.holding)
		return 0;
	close(intr.fd);
	intr.fd = -1;
	intr.holding = false;
	/* a pending signal is delivered here, and ends pidkill */
	sigprocmask(SIG_SETMASK, &intr.saved, NULL);
	return signo;
}
