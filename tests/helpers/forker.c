/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * forker - a process tree for the --tree tests, every node of which logs
 * the signals it gets.
 *
 * Usage: forker --dir DIR --prefix P NODE[:FLAGS]...
 *
 * A NODE is a path of numbers from the root, "0": "0.1" is the second
 * child of the root, "0.1.0" the first child of that one.  The program
 * started is node 0; each node forks its children, waits until they are
 * ready (each writes a byte to a pipe), and then is ready itself: it
 * writes its PID to DIR/NODE.pid (through a temporary name), so node 0's
 * file means the whole tree is there.  Each node is named P followed by its path (comm, 15 bytes at
 * most) and appends a line per signal to DIR/NODE.log, as catcher does:
 *     signo=N code=N pid=N tid=N
 * (SIGCHLD is not logged).  A node runs until killed.  FLAGS:
 *   s  call setsid() first
 *   i  ignore SIGCHLD: its children are reaped as soon as they exit
 *   f  once ready, fork a child every millisecond (named P "sp", which
 *      pauses), up to 20000; each one's PID is appended to DIR/NODE.spawn
 *   p  as f, but each child is started as the node's sibling (clone
 *      with CLONE_PARENT): a child of the node's parent
 *   v  once ready, vfork() a child that pauses and never execs: the node
 *      then waits in the kernel (state D) and cannot stop
 *   w  catch nothing: every signal has its default action
 *   r  be a child subreaper: orphans below it become its children
 *   c  once ready, open the FIFO DIR/NODE.fifo (the test makes it) to
 *      read, shrink its pipe to 4096 bytes, and copy what comes to
 *      DIR/NODE.out until end of file
 *   o  once ready, vfork() a child that waits until the node has a
 *      SIGSTOP pending (the node, waiting in vfork(), cannot stop),
 *      then forks an orphan-to-be (named P "or", pausing, its PID in
 *      DIR/NODE.orphan) and exits: the orphan goes to the nearest
 *      subreaper, and the node stops
 *   N  once ready, become the user nobody (65534), its children left as
 *      they were
 *   t  serve a terminal: once its children are ready, open a pty master
 *      and write its slave's name to DIR/NODE.pty; then copy what the
 *      master gives to DIR/NODE.out, answering "y" to each question
 *      (text ending "[q]uit: ") as a user would
 *   L  with t: serve from a second thread, the main thread exiting (the
 *      leader a zombie, with no fd table of its own to read)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <pthread.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "asyncfmt.h"

static const char *dir, *prefix;
static int log_fd = -1;

static void
on_signal(int signo, siginfo_t *si, void *ctx)
{
	char line[128], *p = line;
	int saved = errno;

	(void)ctx;
	p = put_str(p, "signo=");
	p = put_num(p, signo);
	p = put_str(p, " code=");
	p = put_num(p, si->si_code);
	p = put_str(p, " pid=");
	p = put_num(p, si->si_pid);
	p = put_str(p, " tid=");
	p = put_num(p, (long)syscall(SYS_gettid));
	*p++ = '\n';
	if (log_fd >= 0 && write(log_fd, line, (size_t)(p - line)) < 0)
		(void)0;
	errno = saved;
}

static void
die(const char *what)
{
	perror(what);
	_exit(2);
}

/* DIR/NODE.EXT */
static void
node_file(char *buf, size_t size, const char *node, const char *ext)
{
	snprintf(buf, size, "%s/%s.%s", dir, node, ext);
}

static void
write_ready(const char *node)
{
	char path[4096], tmp[4200];
	FILE *f;

	node_file(path, sizeof(path), node, "pid");
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f || fprintf(f, "%d\n", (int)getpid()) < 0 || fclose(f) != 0 ||
	    rename(tmp, path) != 0)
		die(path);
}

static void
set_up(const char *node, const char *flags)
{
	char name[16], path[4096];
	int s;

	if (strchr(flags, 's') && setsid() < 0)
		die("setsid");
	if (strchr(flags, 'r') && prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
		die("subreaper");
	snprintf(name, sizeof(name), "%s%s", prefix, node);
	prctl(PR_SET_NAME, name);
	node_file(path, sizeof(path), node, "log");
	log_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (log_fd < 0)
		die(path);
	for (s = 1; s <= SIGRTMAX; s++) {
		struct sigaction sa = { .sa_sigaction = on_signal,
					.sa_flags = SA_SIGINFO | SA_RESTART };

		if (s == SIGKILL || s == SIGSTOP || s == SIGCHLD ||
		    (s > 31 && s < SIGRTMIN))
			continue;
		if (strchr(flags, 'w'))
			sa = (struct sigaction){ .sa_handler = SIG_DFL };
		sigfillset(&sa.sa_mask);
		sigaction(s, &sa, NULL);
	}
	signal(SIGCHLD, strchr(flags, 'i') ? SIG_IGN : SIG_DFL);
}

/* A child every millisecond, each pausing, the node's own or (sibling)
   its parent's; their PIDs in DIR/NODE.spawn */
static void
spawn_forever(const char *node, int sibling)
{
	char path[4096], name[16], line[32];
	int fd, i, n;
	pid_t pid;

	node_file(path, sizeof(path), node, "spawn");
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0)
		die(path);
	snprintf(name, sizeof(name), "%ssp", prefix);
	for (i = 0; i < 20000; i++) {
		pid = sibling ? (pid_t)syscall(SYS_clone, CLONE_PARENT | SIGCHLD,
					      0, 0, 0, 0)
			      : fork();
		if (pid == 0) {
			prctl(PR_SET_NAME, name);
			log_fd = -1;	/* its signals are not the node's */
			for (;;)
				pause();
		}
		if (pid > 0) {
			n = snprintf(line, sizeof(line), "%d\n", (int)pid);
			if (write(fd, line, (size_t)n) < 0)
				(void)0;
		}
		usleep(1000);
	}
	for (;;)
		pause();
}

/* Wait in vfork() for a child that never execs nor exits */
static void
vfork_forever(void)
{
	pid_t pid = vfork();

	if (pid == 0)
		for (;;)
			syscall(SYS_pause);
	for (;;)
		pause();
}

/* Whether process pid has a SIGSTOP pending, as its status shows */
static int
stop_pending(const char *status_path)
{
	char buf[4096], *p;
	ssize_t n;
	int fd = open(status_path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strstr(buf, "ShdPnd:");
	return p && (strtoull(p + 7, NULL, 16) & (1ull << (SIGSTOP - 1)));
}

/* The o flag: in vfork() until a SIGSTOP is pending, then leave an
   orphan behind */
static void
vfork_orphan(const char *node)
{
	char status[64], path[4096], name[16], line[32], *q;
	pid_t parent = getpid(), pid;
	int fd;

	snprintf(status, sizeof(status), "/proc/%d/status", (int)parent);
	node_file(path, sizeof(path), node, "orphan");
	snprintf(name, sizeof(name), "%sor", prefix);
	pid = vfork();
	if (pid != 0) {
		for (;;)
			pause();
	}
	while (!stop_pending(status))
		usleep(1000);
	pid = (pid_t)syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		prctl(PR_SET_NAME, name);
		for (;;)
			syscall(SYS_pause);
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	q = put_num(line, (long)pid);
	*q++ = '\n';
	if (fd < 0 || write(fd, line, (size_t)(q - line)) < 0)
		(void)0;
	_exit(0);
}

/* DIR/NODE.out, made empty, to write what a node is given */
static int
open_out(const char *node)
{
	char path[4096];
	int fd;

	node_file(path, sizeof(path), node, "out");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die(path);
	return fd;
}

/* The c flag: a reader that holds little */
static void
copy_fifo(const char *node)
{
	char path[4096], buf[4096];
	ssize_t n;
	int in, out;

	node_file(path, sizeof(path), node, "fifo");
	in = open(path, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		die(path);
	if (fcntl(in, F_SETPIPE_SZ, 4096) < 0)
		die("F_SETPIPE_SZ");
	out = open_out(node);
	while ((n = read(in, buf, sizeof(buf))) != 0)
		if (n > 0 && write(out, buf, (size_t)n) != n)
			die("out");
	for (;;)
		pause();
}

/* The t flag: the master of a new pty, its slave's name in DIR/NODE.pty */
static int
open_terminal(const char *node)
{
	char path[4096], *slave;
	int master, fd;

	master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
	    !(slave = ptsname(master)))
		die("posix_openpt");
	node_file(path, sizeof(path), node, "pty");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, slave, strlen(slave)) < 0 ||
	    write(fd, "\n", 1) != 1 || close(fd) < 0)
		die(path);
	return master;
}

static void
serve_terminal(const char *node, int master)
{
	static const char question[] = "[q]uit: ";
	char buf[4096], seen[sizeof(question)] = "";
	size_t len = sizeof(question) - 1, k;
	ssize_t n, i;
	int out = open_out(node);
	for (;;) {
		n = read(master, buf, sizeof(buf));
		if (n <= 0) {
			/* no slave open yet, or none any more */
			usleep(10000);
			continue;
		}
		if (write(out, buf, (size_t)n) != n)
			die("out");
		for (i = 0; i < n; i++) {
			k = strlen(seen);
			if (k == len)
				memmove(seen, seen + 1, k--);
			seen[k] = buf[i];
			seen[k + 1] = '\0';
			if (strcmp(seen, question) == 0 &&
			    write(master, "y\n", 2) != 2)
				die("answer");
		}
	}
}

struct terminal {
	const char *node;
	int master;
};

static void *
serve_thread(void *arg)
{
	const struct terminal *t = arg;

	serve_terminal(t->node, t->master);
	return NULL;
}

struct node {
	char *path;
	const char *flags;
};

static struct node *nodes;
static int nnodes;

/* Whether b is a child of a: a.N */
static int
is_child(const char *a, const char *b)
{
	size_t n = strlen(a);

	return strncmp(a, b, n) == 0 && b[n] == '.' && !strchr(b + n + 1, '.');
}

static void run_node(int k, int ready);

/* Fork the children of node k; return once each has said it is ready */
static void
run_children(int k, int ready)
{
	int i, n = 0, p[2];
	char c;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		die("pipe");
	for (i = 0; i < nnodes; i++) {
		if (!is_child(nodes[k].path, nodes[i].path))
			continue;
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			close(p[0]);
			if (ready >= 0)
				close(ready);
			run_node(i, p[1]);
		}
		n++;
	}
	close(p[1]);
	for (; n > 0; n--)
		if (read(p[0], &c, 1) != 1) {
			fprintf(stderr, "forker: a child of %s never got "
				"ready\n", nodes[k].path);
			_exit(2);
		}
	close(p[0]);
}

/* Node k: its children, then its PID file, then a byte on ready */
static void
run_node(int k, int ready)
{
	int master = -1;

	set_up(nodes[k].path, nodes[k].flags);
	run_children(k, ready);
	if (strchr(nodes[k].flags, 't'))
		master = open_terminal(nodes[k].path);
	write_ready(nodes[k].path);
	if (ready >= 0 && (write(ready, "r", 1) != 1 || close(ready) != 0))
		die("ready");
	if (strchr(nodes[k].flags, 'N') &&
	    (setgroups(0, NULL) < 0 || setresgid(65534, 65534, 65534) < 0 ||
	     setresuid(65534, 65534, 65534) < 0))
		die("nobody");
	if (strchr(nodes[k].flags, 'f') || strchr(nodes[k].flags, 'p'))
		spawn_forever(nodes[k].path, !!strchr(nodes[k].flags, 'p'));
	if (strchr(nodes[k].flags, 'v'))
		vfork_forever();
	if (strchr(nodes[k].flags, 'o'))
		vfork_orphan(nodes[k].path);
	if (strchr(nodes[k].flags, 'c'))
		copy_fifo(nodes[k].path);
	if (master >= 0 && strchr(nodes[k].flags, 'L')) {
		static struct terminal t;
		pthread_t thread;

		t = (struct terminal){ nodes[k].path, master };
		if (pthread_create(&thread, NULL, serve_thread, &t) != 0)
			die("pthread_create");
		syscall(SYS_exit, 0);
	}
	if (master >= 0)
		serve_terminal(nodes[k].path, master);
	for (;;)
		pause();
}

int
main(int argc, char **argv)
{
	int i, root = -1;

	for (i = 1; i < argc; i++) {
		char *colon;

		if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) {
			dir = argv[++i];
			continue;
		}
		if (strcmp(argv[i], "--prefix") == 0 && i + 1 < argc) {
			prefix = argv[++i];
			continue;
		}
		nodes = realloc(nodes, (size_t)(nnodes + 1) * sizeof(*nodes));
		if (!nodes)
			die("realloc");
		nodes[nnodes].path = argv[i];
		colon = strchr(argv[i], ':');
		nodes[nnodes].flags = colon ? colon + 1 : "";
		if (colon)
			*colon = '\0';
		if (strcmp(nodes[nnodes].path, "0") == 0)
			root = nnodes;
		nnodes++;
	}
	if (!dir || !prefix || root < 0) {
		fprintf(stderr, "usage: forker --dir DIR --prefix P 0[:FLAGS] "
			"[NODE[:FLAGS]...]\n");
		return 2;
	}
	run_node(root, -1);
	return 0;
}
