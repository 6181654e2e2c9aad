/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pidfd.c - pidfd system call wrappers and handle opening.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef HAVE_SYS_PIDFD_H
# include <sys/pidfd.h>
#endif

#include <linux/capability.h>

#include "compat.h"
#include "fail.h"
#include "pidfd.h"
#include "status.h"
#include "xalloc.h"

static bool no_pidfd_open;

int
sys_pidfd_open(pid_t pid, unsigned int flags)
{
	int fd;

#ifdef HAVE_PIDFD_OPEN
	fd = pidfd_open(pid, flags);
#else
	fd = (int)syscall(__NR_pidfd_open, pid, flags);
#endif
	/* remembered wherever it is met: waiting needs pidfds */
	if (fd < 0 && errno == ENOSYS)
		no_pidfd_open = true;
	return fd;
}

int
sys_pidfd_send_signal(int pidfd, int sig, siginfo_t *info, unsigned int flags)
{
#ifdef HAVE_PIDFD_SEND_SIGNAL
	return pidfd_send_signal(pidfd, sig, info, flags);
#else
	return syscall(__NR_pidfd_send_signal, pidfd, sig, info, flags);
#endif
}

static int
is_fs(int fd, unsigned long magic)
{
	struct statfs sfs;

	return fstatfs(fd, &sfs) == 0 && (unsigned long)sfs.f_type == magic;
}

/*
 * Walk /proc one component at a time with O_NOFOLLOW, so that neither a
 * symlinked /proc nor a symlinked entry can redirect the open.
 */
int
open_proc_dir(pid_t pid, pid_t tid)
{
	const int dflags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	char name[64];
	int proc, fd;

	proc = open("/proc", dflags);
	if (proc < 0)
		return -1;
	if (!is_fs(proc, PROC_SUPER_MAGIC)) {
		close(proc);
		errno = EXDEV;
		return -1;
	}
	if (tid > 0)
		snprintf(name, sizeof(name), "%d/task/%d", (int)pid, (int)tid);
	else
		snprintf(name, sizeof(name), "%d", (int)pid);
	fd = openat(proc, name, dflags);
	if (fd < 0 && errno == ENOENT)
		errno = ESRCH;
	close(proc);
	if (fd >= 0 && !is_fs(fd, PROC_SUPER_MAGIC)) {
		close(fd);
		errno = EXDEV;
		return -1;
	}
	return fd;
}

int
pidfd_of_proc_dir(int dirfd, pid_t pid)
{
	int fd = sys_pidfd_open(pid, 0);

	if (fd >= 0 && faccessat(dirfd, "stat", F_OK, 0) < 0) {
		close(fd);
		errno = ESRCH;
		return -1;
	}
	return fd;
}

bool
pidfd_open_missing(void)
{
	return no_pidfd_open;
}

int
pin_pid(pid_t pid)
{
	int fd = sys_pidfd_open(pid, 0);

	if (fd < 0 && errno == ENOSYS)
		fd = open_proc_dir(pid, 0);
	return fd;
}

int
pidfd_probe(int fd)
{
	/* signal 0 checks and sends nothing; a zombie still answers */
	return sys_pidfd_send_signal(fd, 0, NULL, 0) == 0 ? 0 : errno;
}

bool
pidfd_alive(int fd)
{
	return pidfd_probe(fd) != ESRCH;
}

int
pidfd_inode(int fd, unsigned long long *ino)
{
	static dev_t pidfs_dev;
	static bool pidfs_known;
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	/* pidfs is one mount: once seen, its device number tells it */
	if (!pidfs_known || st.st_dev != pidfs_dev) {
		if (!is_fs(fd, PIDFS_MAGIC)) {
			errno = ENOTSUP;
			return -1;
		}
		pidfs_dev = st.st_dev;
		pidfs_known = true;
	}
	*ino = (unsigned long long)st.st_ino;
	return 0;
}

int
pidfd_exit_status(int fd, int *status)
{
	struct pidkill_pidfd_info info = { .mask = PIDFD_INFO_EXIT };

	if (ioctl(fd, PIDFD_GET_INFO, &info) < 0)
		return -1;
	if (!(info.mask & PIDFD_INFO_EXIT)) {
		errno = EAGAIN;
		return -1;
	}
	*status = info.exit_code;
	return 0;
}

/* Whether pidkill may read what /proc shows only to tracers of a
   process: CAP_SYS_PTRACE (checked once) */
static bool
may_trace_anyone(void)
{
	static int known = -1;
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2];

	if (known < 0)
		known = syscall(SYS_capget, &h, d) == 0 &&
			(d[CAP_SYS_PTRACE / 32].effective &
			 (1U << (CAP_SYS_PTRACE % 32)));
	return known;
}

int
pidfd_zombie_status(int fd, pid_t pid, int *status)
{
	char path[64], buf[1024], *p;
	long long v = 0;
	ssize_t n;
	int sfd, field;

	if (!may_trace_anyone()) {
		errno = EPERM;
		return -1;
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	sfd = open(path, O_RDONLY | O_CLOEXEC);
	if (sfd < 0)
		return -1;
	n = read(sfd, buf, sizeof(buf) - 1);
	close(sfd);
	if (n <= 0 || !(buf[n] = '\0', p = strrchr(buf, ')')) ||
	    strncmp(p, ") Z ", 4) != 0) {
		errno = EAGAIN;		/* not (or no longer) a zombie */
		return -1;
	}
	/* the fields after the name start at 3 (state); exit_code is 52 */
	for (field = 3, p += 2; field < 52 && p; field++)
		p = strchr(p + 1, ' ');
	if (!p || sscanf(p, " %lld", &v) != 1 || v < 0 || v > 0xffff) {
		errno = EINVAL;
		return -1;
	}
	/* still unreaped after the reading: the reading was of the zombie
	   the pidfd pins, as its PID cannot have been reused */
	if (!pidfd_alive(fd)) {
		errno = ESRCH;
		return -1;
	}
	*status = (int)v;
	return 0;
}

int
sys_process_mrelease(int pidfd, unsigned int flags)
{
	return (int)syscall(__NR_process_mrelease, pidfd, flags);
}

/* A probe's verdict: there (ok), missing (an errno in missing[]), or
   unknown (any other errno) */
static struct feature
verdict(bool ok, int err, const int *missing)
{
	if (ok)
		return (struct feature){ FEATURE_YES, 0 };
	for (; *missing; missing++)
		if (err == *missing)
			return (struct feature){ FEATURE_NO, 0 };
	return (struct feature){ FEATURE_UNKNOWN, err };
}

static const int no_call[] = { ENOSYS, 0 };
static const int no_flag[] = { EINVAL, ENOSYS, 0 };
static const int no_ioctl[] = { ENOTTY, EINVAL, 0 };

/*
 * Whether PIDFD_GET_INFO gives the exit status of a child that has
 * exited and been reaped.  SIGCHLD is at its default meanwhile, so that
 * the child stays a zombie until it is reaped here even if pidkill was
 * started with SIGCHLD ignored.
 */
static struct feature
probe_exit_info(void)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL }, old;
	struct feature f;
	int fd, status = 0, err;
	pid_t pid;

	sigemptyset(&dfl.sa_mask);
	sigaction(SIGCHLD, &dfl, &old);
	pid = fork();
	if (pid == 0)
		_exit(7);
	if (pid < 0) {
		f = (struct feature){ FEATURE_UNKNOWN, errno };
		goto out;
	}
	fd = sys_pidfd_open(pid, 0);	/* a zombie still has its PID */
	err = errno;
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	if (fd < 0) {
		f = (struct feature){ FEATURE_UNKNOWN, err };
		goto out;
	}
	if (pidfd_exit_status(fd, &status) == 0)
		f = verdict(WIFEXITED(status) && WEXITSTATUS(status) == 7,
			    EIO, no_ioctl);
	else	/* EAGAIN: reaped, yet no exit information */
		f = errno == EAGAIN ? (struct feature){ FEATURE_NO, 0 } :
				      verdict(false, errno, no_ioctl);
	close(fd);
out:
	sigaction(SIGCHLD, &old, NULL);
	return f;
}

void
kernel_features_probe(struct kernel_features *k)
{
	struct pidkill_pidfd_info info = { .mask = PIDFD_INFO_PID };
	unsigned long long ino;
	int fd, err;

	fd = sys_pidfd_open(getpid(), 0);
	k->open = verdict(fd >= 0, errno, no_call);
	if (fd < 0)
		fd = open_proc_dir(getpid(), 0);
	if (fd < 0) {
		struct feature f = { FEATURE_UNKNOWN, errno };

		k->send_signal = k->mrelease = f;
		k->pidfs_ids = k->thread_pidfds = f;
		k->get_info = k->exit_info = f;
		return;
	}
	err = pidfd_probe(fd);
	k->send_signal = verdict(err == 0, err, no_call);
	/* pidkill is not dying: EINVAL where the call exists */
	k->mrelease = verdict(sys_process_mrelease(fd, 0) == 0 ||
			      errno == EINVAL, errno, no_call);
	if (k->open.state == FEATURE_YES) {
		k->pidfs_ids = verdict(pidfd_inode(fd, &ino) == 0, errno,
				       (const int[]){ ENOTSUP, 0 });
		k->get_info = verdict(ioctl(fd, PIDFD_GET_INFO, &info) == 0,
				      errno, no_ioctl);
	} else {
		k->pidfs_ids = k->get_info = k->open;
	}
	close(fd);
	fd = sys_pidfd_open(gettid(), PIDFD_THREAD);
	k->thread_pidfds = verdict(fd >= 0, errno, no_flag);
	if (fd >= 0)
		close(fd);
	k->exit_info = k->get_info.state == FEATURE_YES ? probe_exit_info() :
							 k->get_info;
}

/* PIDs whose /proc directory has something mounted on or under it */
static pid_t *overmounted;
static size_t noverm;

/*
 * A mount point "/proc/N" or "/proc/N/...": what is read there may be
 * another process's data, or anything at all.
 */
static void
note_overmount(const char *point)
{
	pid_t pid = 0, *v;
	const char *p;

	if (strncmp(point, "/proc/", 6) != 0)
		return;
	for (p = point + 6; *p >= '0' && *p <= '9' && pid < 4194305; p++)
		pid = pid * 10 + (*p - '0');
	if (p == point + 6 || (*p != '\0' && *p != '/'))
		return;
	v = xreallocarray(overmounted, noverm + 1, sizeof(*v));
	overmounted = v;
	overmounted[noverm++] = pid;
}

/*
 * Whether /proc/self/status says pidkill has one PID, in the namespace
 * /proc shows: NSpid lists the PID in every namespace from the one
 * /proc was mounted for down to pidkill's own, so more than one entry
 * means /proc belongs to an ancestor namespace, even where the numbers
 * happen to agree.
 */
static bool
proc_is_own_namespace(void)
{
	char *line = NULL, *p, *end;
	size_t cap = 0;
	int fields = 0;
	bool ok = true;
	long v;
	FILE *f = fopen("/proc/self/status", "re");

	if (!f)
		return false;
	while (getline(&line, &cap, f) > 0) {
		if (strncmp(line, "NSpid:", 6) != 0)
			continue;
		for (p = line + 6;; p = end) {
			errno = 0;
			v = strtol(p, &end, 10);
			if (end == p)
				break;
			fields++;
			ok = ok && errno == 0 && v == (long)getpid();
		}
		ok = ok && fields == 1;
		break;
	}
	free(line);
	fclose(f);
	return ok;
}

int
check_procfs(struct fail *fail)
{
	char self[32], link[32], *line = NULL, point[4096];
	struct statfs sfs;
	struct stat st;
	size_t cap = 0;
	ssize_t n;
	FILE *f;

	if (lstat("/proc", &st) < 0 || !S_ISDIR(st.st_mode) ||
	    statfs("/proc", &sfs) < 0 ||
	    (unsigned long)sfs.f_type != PROC_SUPER_MAGIC)
		return fail_set(fail, STATUS_ERROR, "/proc is not a procfs "
				"mount; nothing was sent");
	/* procfs shows the PID namespace it was mounted for */
	snprintf(self, sizeof(self), "%d", (int)getpid());
	n = readlink("/proc/self", link, sizeof(link) - 1);
	if (n < 0 || (link[n] = '\0', strcmp(link, self) != 0))
		return fail_set(fail, STATUS_ERROR, "/proc belongs to another "
				"PID namespace (mount procfs for this one); "
				"nothing was sent");
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return fail_set(fail, STATUS_ERROR, "/proc/self/mountinfo: %s",
				strerror(errno));
	while (getline(&line, &cap, f) > 0)
		if (sscanf(line, "%*s %*s %*s %*s %4095s", point) == 1)
			note_overmount(point);
	free(line);
	fclose(f);
	return 0;
}

int
check_proc_namespace(struct fail *fail)
{
	static bool checked;

	if (checked)
		return 0;
	if (!proc_is_own_namespace())
		return fail_set(fail, STATUS_ERROR, "/proc belongs to another "
				"PID namespace (mount procfs for this one); "
				"nothing was sent");
	checked = true;
	return 0;
}

bool
proc_entry_overmounted(pid_t pid)
{
	size_t i;

	for (i = 0; i < noverm; i++)
		if (overmounted[i] == pid)
			return true;
	return false;
}
