/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * compat.h - kernel constants that older uapi headers lack.
 *
 * The build machine's linux-libc-dev may predate the running kernel, so
 * everything pidkill needs from newer kernels is defined here, once, each
 * under #ifndef so that newer headers win.
 */
#ifndef PIDKILL_COMPAT_H
#define PIDKILL_COMPAT_H

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#ifndef __NR_pidfd_send_signal
# define __NR_pidfd_send_signal 424
#endif
#ifndef __NR_pidfd_open
# define __NR_pidfd_open 434
#endif
#ifndef __NR_process_mrelease
# define __NR_process_mrelease 448
#endif

/* pidfd_open(2) flag for a thread pidfd (Linux 6.9) */
#ifndef PIDFD_THREAD
# define PIDFD_THREAD O_EXCL
#endif

/* pidfd_send_signal(2) scope flags (Linux 6.9) */
#ifndef PIDFD_SIGNAL_THREAD
# define PIDFD_SIGNAL_THREAD (1UL << 0)
#endif
#ifndef PIDFD_SIGNAL_THREAD_GROUP
# define PIDFD_SIGNAL_THREAD_GROUP (1UL << 1)
#endif
#ifndef PIDFD_SIGNAL_PROCESS_GROUP
# define PIDFD_SIGNAL_PROCESS_GROUP (1UL << 2)
#endif

/* pidfs, the filesystem behind pidfds since Linux 6.9 */
#ifndef PIDFS_MAGIC
# define PIDFS_MAGIC 0x50494446
#endif
#ifndef PROC_SUPER_MAGIC
# define PROC_SUPER_MAGIC 0x9fa0
#endif

/* PIDFD_GET_INFO (Linux 6.13); exit information since 6.15 */
#ifndef PIDFS_IOCTL_MAGIC
# define PIDFS_IOCTL_MAGIC 0xFF
#endif
#ifndef PIDFD_INFO_PID
# define PIDFD_INFO_PID		(1UL << 0)
# define PIDFD_INFO_CREDS	(1UL << 1)
# define PIDFD_INFO_CGROUPID	(1UL << 2)
#endif
#ifndef PIDFD_INFO_EXIT
# define PIDFD_INFO_EXIT	(1UL << 3)
#endif
#ifndef PIDFD_INFO_SIZE_VER0
# define PIDFD_INFO_SIZE_VER0 64
#endif

#include <linux/types.h>
struct pidkill_pidfd_info {
	__u64 mask;
	__u64 cgroupid;
	__u32 pid;
	__u32 tgid;
	__u32 ppid;
	__u32 ruid;
	__u32 rgid;
	__u32 euid;
	__u32 egid;
	__u32 suid;
	__u32 sgid;
	__u32 fsuid;
	__u32 fsgid;
	__s32 exit_code;
};

#ifndef PIDFD_GET_INFO
# define PIDFD_GET_INFO _IOWR(PIDFS_IOCTL_MAGIC, 11, struct pidkill_pidfd_info)
#endif

#endif /* PIDKILL_COMPAT_H */
