/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * interrupt.c - holding INT, TERM, HUP and the other signals that would
 * end pidkill pending.
 *
 * A handler would take the signal: pidkill could then only exit with
 * 128 + N, and a shell that runs it in a loop would not see that the
 * user interrupted it.  Blocked, the signal waits; a signalfd reports it
 * without taking it, and unblocking delivers it with its default action.
 *
 * The masks are the kernel's, set through the system calls themselves:
 * the C library keeps signals 32 and 33 for its threads and will not
 * block them, yet they end a process that has no thread by default, as
 * any real-time signal does.  pidkill starts no thread.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "interrupt.h"

/* The kernel's signal numbers and masks: 1 to 64, bit signo - 1 */
#define KERNEL_NSIG 64
typedef uint64_t kmask;
#define KBIT(signo) ((kmask)1 << ((signo) - 1))

/* The kernel's struct sigaction (asm-generic layout), for a query */
struct kernel_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	kmask mask;
};

/* The signals whose default action does not end a process */
static const int not_ending[] = {
	SIGKILL, SIGSTOP,	/* cannot be held back */
	SIGCHLD, SIGCONT, SIGURG, SIGWINCH,	/* ignored */
	SIGTSTP, SIGTTIN, SIGTTOU,	/* stop it */
};

static struct {
	bool holding;
	kmask set;		/* the signals held */
	kmask saved;		/* the mask before */
	int fd;
} intr = { .fd = -1 };

static bool
ends_by_default(int signo)
{
	size_t i;

	for (i = 0; i < sizeof(not_ending) / sizeof(not_ending[0]); i++)
		if (not_ending[i] == signo)
			return false;
	return true;
}

/* Whether pidkill was started ignoring signo */
static bool
started_ignoring(int signo)
{
	struct kernel_sigaction ka;

	return syscall(SYS_rt_sigaction, signo, NULL, &ka, sizeof(kmask)) == 0 &&
	       ka.handler == SIG_IGN;
}

static int
set_mask(int how, const kmask *set, kmask *old)
{
	return (int)syscall(SYS_rt_sigprocmask, how, set, old, sizeof(kmask));
}

/*
 * Hold back every signal whose default action would end pidkill (with
 * a core dump or without): INT, TERM and HUP as a user or a supervisor
 * sends them, QUIT from the keyboard, PIPE from a warning written to a
 * reader that has gone, the real-time signals, and the rest a stray
 * sender or a limit may bring; not one pidkill was started ignoring or
 * blocking, which would not have ended it.  A fault the kernel raises
 * for pidkill's own code (SEGV, BUS...) is delivered blocked or not.
 */
int
interrupt_hold(void)
{
	kmask blocked;
	int signo;

	if (intr.holding)
		return 0;
	if (set_mask(SIG_BLOCK, NULL, &blocked) < 0)
		return -1;
	intr.set = 0;
	for (signo = 1; signo <= KERNEL_NSIG; signo++)
		if (ends_by_default(signo) && !(blocked & KBIT(signo)) &&
		    !started_ignoring(signo))
			intr.set |= KBIT(signo);
	if (set_mask(SIG_BLOCK, &intr.set, &intr.saved) < 0)
		return -1;
	intr.fd = (int)syscall(SYS_signalfd4, -1, &intr.set, sizeof(kmask),
			       SFD_CLOEXEC | SFD_NONBLOCK);
	if (intr.fd < 0) {
		int saved = errno;

		set_mask(SIG_SETMASK, &intr.saved, NULL);
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
	kmask pending;
	int signo;

	if (!intr.holding ||
	    syscall(SYS_rt_sigpending, &pending, sizeof(kmask)) < 0)
		return 0;
	for (signo = 1; signo <= KERNEL_NSIG; signo++)
		if (intr.set & pending & KBIT(signo))
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
	set_mask(SIG_SETMASK, &intr.saved, NULL);
	return signo;
}
