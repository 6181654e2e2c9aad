/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fdlimit.c - RLIMIT_NOFILE: raised where it may be, and shared out.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "fail.h"
#include "fdlimit.h"
#include "status.h"

/*
 * Descriptors open now, inherited ones included: listed in /proc/self/fd,
 * or, where that cannot be read, probed one by one below the limit.
 */
static size_t
open_fds(rlim_t limit)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	size_t n = 0;
	rlim_t fd;

	if (d) {
		while ((e = readdir(d)))
			n += e->d_name[0] != '.';
		closedir(d);
		return n > 0 ? n - 1 : 0;	/* less the directory's own */
	}
	if (errno == EMFILE || errno == ENFILE)
		return (size_t)limit;		/* not one more fits */
	for (fd = 0; fd < limit; fd++)
		n += fcntl((int)fd, F_GETFD) >= 0;
	return n;
}

/* fs.nr_open: the most any process may be allowed */
static rlim_t
nr_open(void)
{
	unsigned long long v = 0;
	FILE *f = fopen("/proc/sys/fs/nr_open", "re");

	if (f) {
		if (fscanf(f, "%llu", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v ? (rlim_t)v : 1024 * 1024;
}

/*
 * Raise the soft limit to the hard one, and the hard one towards what
 * want targets need (up to fs.nr_open) where pidkill may (as root with
 * CAP_SYS_RESOURCE): fewer batches, and none when all fit.
 */
static void
raise_fd_limit(struct rlimit *rl, size_t want)
{
	struct rlimit more = *rl;
	/* want beyond any process count: as many as there are, raised
	   later (fd_grow) only if needed */
	rlim_t need = want > (1U << 30) ? RLIM_INFINITY : (rlim_t)want + 4096;

	if (need != RLIM_INFINITY && need > rl->rlim_max && geteuid() == 0) {
		more.rlim_max = need < nr_open() ? need : nr_open();
		more.rlim_cur = more.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &more) == 0) {
			*rl = more;
			return;
		}
	}
	if (rl->rlim_cur < rl->rlim_max) {
		more = *rl;
		more.rlim_cur = more.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &more) == 0)
			*rl = more;
	}
}

size_t
fd_budget(size_t want, size_t held, struct fail *fail)
{
	struct rlimit rl;
	size_t used, room, reserve;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0) {
		fail_set(fail, STATUS_ERROR, "getrlimit: %s", strerror(errno));
		return 0;
	}
	raise_fd_limit(&rl, want);
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > (1U << 20))
		rl.rlim_cur = 1U << 20;
	/* inherited descriptors count, however many there are: a shell
	   script may leave thousands open */
	used = open_fds(rl.rlim_cur);
	used = used > held ? used - held : 0;	/* those are targets' */
	/* libproc2 reads one file at a time, waiting needs an epoll fd, a
	   pidfile check one more: keep two back, more when there is room */
	room = rl.rlim_cur > used ? rl.rlim_cur - used : 0;
	reserve = room / 8 > 24 ? 24 : room / 8 < 2 ? 2 : room / 8;
	if (room <= reserve) {
		fail_set(fail, STATUS_ERROR, "too few file descriptors "
			 "(RLIMIT_NOFILE %lu, %zu open): nothing was sent",
			 (unsigned long)rl.rlim_cur, used);
		return 0;
	}
	return room - reserve;
}

size_t
fd_grow(size_t more)
{
	struct rlimit rl, was;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
		return 0;
	was = rl;
	raise_fd_limit(&rl, (size_t)rl.rlim_cur + more);
	return rl.rlim_cur > was.rlim_cur ? (size_t)(rl.rlim_cur - was.rlim_cur)
					  : 0;
}
