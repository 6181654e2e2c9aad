/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * interrupt.c - holding INT, TERM and HUP pending.
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

/* every signal whose default action ends pidkill and that can be held
   back: INT, TERM and HUP as a user or a supervisor sends them, QUIT
   from the keyboard, PIPE from a warning written to a reader that has
   gone, and the rest a stray sender or a limit may bring */
static const int held_signals[] = {
	SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGUSR1, SIGUSR2,
	SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
};

static struct {
	bool holding;
	sigset_t set;		/* the signals held */
	sigset_t saved;		/* the mask before */
	int fd;
} intr = { .fd = -1 };

int
interrupt_hold(void)
{
	struct sigaction sa;
	size_t i;

	if (intr.holding)
		return 0;
	sigemptyset(&intr.set);
	for (i = 0; i < sizeof(held_signals) / sizeof(held_signals[0]); i++)
		if (sigaction(held_signals[i], NULL, &sa) == 0 &&
		    sa.sa_handler != SIG_IGN)
			sigaddset(&intr.set, held_signals[i]);
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
	size_t i;

	if (!intr.holding || sigpending(&pending) < 0)
		return 0;
	for (i = 0; i < sizeof(held_signals) / sizeof(held_signals[0]); i++)
		if (sigismember(&intr.set, held_signals[i]) &&
		    sigismember(&pending, held_signals[i]))
			return held_signals[i];
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
