/*
 * The calls stock Linux binaries need (api/linux2.h): the forms of fork,
 * process groups and sessions, umask, resource limits, readlink, prctl,
 * getrandom, sendfile64, fstatat64, utimensat, dup3, fsync and glibc's
 * robust-futex list.  Each has Linux's semantics or, where Keel has no
 * such feature, Linux's answer for a system without it (said per call).
 */
#include "api/fdflags.h"
#include "api/linux.h"
#include "api/linux2.h"
#include "api/tty_job.h"
#include "api/uaccess.h"
#include "api/uthread.h"
#include "api/vmglue.h"
#include "boot/pit.h"
#include "drivers/dev.h"
#include "drivers/tty.h"
#include "errno.h"
#include "fs/pipe.h"
#include "io.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/pframe.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "util/string.h"
#include "vfs/file.h"
#include "vfs/vfs_proc.h"
#include "vfs/vfs_syscall.h"

#define SIGCHLD 17
#define UMASK_DEFAULT 022

/* ---- process groups, sessions and the umask (api/linux2.h) ---- */

typedef struct pgrp_entry {
	proc_t *pe_proc; /* owner; NULL when free */
	pid_t pe_pgid;
	pid_t pe_sid;
	uint32_t pe_umask;
	char *pe_exe; /* the program's absolute path (kmalloc'ed), or NULL */
} pgrp_entry_t;

static pgrp_entry_t pgrp_table[PROC_MAX_COUNT];

/* The entry of p, or NULL when p has none. */
static pgrp_entry_t *pgrp_entry(proc_t *p)
{
	if (p == NULL || p->p_pid < 0 || p->p_pid >= PROC_MAX_COUNT) {
		return NULL;
	}
	pgrp_entry_t *e = &pgrp_table[p->p_pid];
	return e->pe_proc == p ? e : NULL;
}

/* p's values, from its entry or its nearest ancestor's (see linux2.h). */
static pgrp_entry_t pgrp_values(proc_t *p)
{
	pgrp_entry_t v = {p, p->p_pid, p->p_pid, UMASK_DEFAULT, NULL};
	for (proc_t *q = p; q != NULL; q = q->p_pproc) {
		pgrp_entry_t *e = pgrp_entry(q);
		if (e != NULL) {
			v = *e;
			break;
		}
		if (q->p_pid == PID_INIT || q->p_pproc == NULL) {
			v.pe_pgid = v.pe_sid = q->p_pid;
			break;
		}
	}
	v.pe_proc = p;
	v.pe_exe = NULL; /* never shared: see pgrp_exe() */
	return v;
}

/* Takes slot p->p_pid for p with values v, freeing what a stale owner left. */
static pgrp_entry_t *pgrp_claim(proc_t *p, pgrp_entry_t v)
{
	pgrp_entry_t *e = &pgrp_table[p->p_pid];
	if (e->pe_exe != NULL) {
		kfree(e->pe_exe);
	}
	*e = v;
	e->pe_proc = p;
	return e;
}

/* p's own entry, made from its inherited values if it has none. */
static pgrp_entry_t *pgrp_own(proc_t *p)
{
	pgrp_entry_t *e = pgrp_entry(p);
	return e != NULL ? e : pgrp_claim(p, pgrp_values(p));
}

pid_t pgrp_of(proc_t *p)
{
	return pgrp_values(p).pe_pgid;
}

pid_t pgrp_session_of(proc_t *p)
{
	return pgrp_values(p).pe_sid;
}

void pgrp_fork(proc_t *parent, proc_t *child)
{
	if (child->p_pid < 0 || child->p_pid >= PROC_MAX_COUNT) {
		return;
	}
	pgrp_entry_t *e = pgrp_claim(child, pgrp_values(parent));
	pgrp_entry_t *pe = pgrp_entry(parent);
	if (pe != NULL && pe->pe_exe != NULL) {
		size_t len = strlen(pe->pe_exe) + 1;
		e->pe_exe = kmalloc(len);
		if (e->pe_exe != NULL) {
			strlcpy(e->pe_exe, pe->pe_exe, len);
		}
	}
}

void pgrp_exit(proc_t *p)
{
	tty_job_exit(p);
	pgrp_entry_t *e = pgrp_entry(p);
	if (e != NULL && e->pe_exe != NULL) {
		kfree(e->pe_exe);
		e->pe_exe = NULL;
	}
}

void pgrp_exec_record(const char *path)
{
	if (curproc->p_pid < 0 || curproc->p_pid >= PROC_MAX_COUNT) {
		return;
	}
	char *abs = kmalloc(MAXPATHLEN);
	if (abs == NULL) {
		return;
	}
	abs[0] = '\0';
	if (path[0] != '/' &&
	    (do_getcwd(abs, MAXPATHLEN) < 0 || strlcat(abs, "/", MAXPATHLEN) >= MAXPATHLEN)) {
		kfree(abs);
		return;
	}
	if (strlcat(abs, path, MAXPATHLEN) >= MAXPATHLEN) {
		kfree(abs);
		return;
	}
	size_t len = strlen(abs) + 1;
	char *copy = kmalloc(len);
	if (copy != NULL) {
		strlcpy(copy, abs, len);
	}
	kfree(abs);
	pgrp_entry_t *e = pgrp_own(curproc);
	if (e->pe_exe != NULL) {
		kfree(e->pe_exe);
	}
	e->pe_exe = copy;
}

void pgrp_exec_self(char *path, size_t size)
{
	pgrp_entry_t *e = pgrp_entry(curproc);
	if (strcmp(path, PROC_SELF_EXE) == 0 && e != NULL && e->pe_exe != NULL) {
		strlcpy(path, e->pe_exe, size);
	}
}

/* A live or zombie process with pid 'pid' (> 0), or NULL. */
static proc_t *proc_by_pid(pid_t pid)
{
	return pid > 0 ? proc_lookup(pid) : NULL;
}

/* Whether any process other than 'except' is in process group 'pgid' of session 'sid'. */
static bool pgrp_exists(pid_t pgid, pid_t sid, proc_t *except)
{
	for (pid_t pid = 1; pid < PROC_MAX_COUNT && pid < proc_pid_max; pid++) {
		proc_t *p = proc_lookup(pid);
		if (p == NULL || p == except || p->p_state == PROC_DEAD) {
			continue;
		}
		pgrp_entry_t v = pgrp_values(p);
		if (v.pe_pgid == pgid && v.pe_sid == sid) {
			return true;
		}
	}
	return false;
}

/*
 * setpgid(pid, pgid): puts process 'pid' (0: the caller), the caller or
 * one of its children, into process group 'pgid' (0: pid's own), which
 * must be pid itself or an existing group of the caller's session.
 * Errors: -EINVAL (pgid negative), -ESRCH (pid is neither the caller nor
 * its child), -EPERM (pid is a session leader, is in another session, or
 * pgid is another session's or no group's).  (Linux's -EACCES for a child
 * that has already called execve is not given: Keel does not track it.)
 */
long sys_setpgid(SYSCALL_ARGS)
{
	pid_t pid = (pid_t)a1, pgid = (pid_t)a2;
	if (pgid < 0) {
		return -EINVAL;
	}
	proc_t *p = pid == 0 ? curproc : proc_by_pid(pid);
	if (p == NULL || (p != curproc && p->p_pproc != curproc) || p->p_state == PROC_DEAD) {
		return -ESRCH;
	}
	pgrp_entry_t me = pgrp_values(curproc), them = pgrp_values(p);
	if (pgid == 0) {
		pgid = p->p_pid;
	}
	if (them.pe_sid == p->p_pid || them.pe_sid != me.pe_sid) {
		return -EPERM;
	}
	if (pgid != p->p_pid && !pgrp_exists(pgid, me.pe_sid, p)) {
		return -EPERM;
	}
	pgrp_own(p)->pe_pgid = pgid;
	return 0;
}

/* getpgid(pid): the process group of 'pid' (0: the caller).  -ESRCH (no such process). */
long sys_getpgid(SYSCALL_ARGS)
{
	proc_t *p = a1 == 0 ? curproc : proc_by_pid((pid_t)a1);
	if (p == NULL || p->p_state == PROC_DEAD) {
		return -ESRCH;
	}
	return pgrp_of(p);
}

/* getpgrp(): the caller's process group. */
long sys_getpgrp(SYSCALL_ARGS)
{
	return pgrp_of(curproc);
}

/* getsid(pid): the session of 'pid' (0: the caller).  -ESRCH (no such process). */
long sys_getsid(SYSCALL_ARGS)
{
	proc_t *p = a1 == 0 ? curproc : proc_by_pid((pid_t)a1);
	if (p == NULL || p->p_state == PROC_DEAD) {
		return -ESRCH;
	}
	return pgrp_session_of(p);
}

/*
 * setsid(): makes the caller the leader of a new session and of a new
 * process group, both with its pid, which it returns.  The new session
 * has no controlling terminal (api/tty_job.h).  -EPERM when a process group with the caller's pid
 * already exists (the caller leads one, or another process is in it).
 */
long sys_setsid(SYSCALL_ARGS)
{
	pid_t me = curproc->p_pid;
	if (pgrp_of(curproc) == me) {
		return -EPERM;
	}
	for (pid_t pid = 1; pid < PROC_MAX_COUNT && pid < proc_pid_max; pid++) {
		proc_t *p = proc_lookup(pid);
		if (p != NULL && p->p_state != PROC_DEAD && pgrp_of(p) == me) {
			return -EPERM;
		}
	}
	pgrp_entry_t *e = pgrp_own(curproc);
	e->pe_pgid = e->pe_sid = me;
	return me;
}

/*
 * umask(mask): sets the caller's file-creation mask to mask & 0777 and
 * returns the old one (022 at first).  Keel has no permission bits, so
 * the mask changes no file's mode; it is kept, inherited by fork and
 * reported as on Linux.
 */
long sys_umask(SYSCALL_ARGS)
{
	pgrp_entry_t *e = pgrp_own(curproc);
	uint32_t old = e->pe_umask;
	e->pe_umask = a1 & 0777;
	return old;
}

/* ---- fork's forms ---- */

#define CLONE_VM 0x00000100
#define CLONE_VFORK 0x00004000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID 0x01000000

/* vfork(): fork (the parent is not suspended; the child has its own copy of memory). */
long sys_vfork(SYSCALL_ARGS)
{
	return do_fork(uthread_regs());
}

/*
 * clone(flags, stack, ptid, tls, ctid): only the fork-like forms, as
 * glibc's fork() uses: the low byte of flags SIGCHLD (17), and any of
 * CLONE_PARENT_SETTID (the child's pid is stored at ptid in the parent),
 * CLONE_CHILD_SETTID (it is stored at ctid in the child's memory) and
 * CLONE_CHILD_CLEARTID (accepted: it matters to other threads, and a
 * Keel process has one).  stack must be 0 (the child continues on the
 * parent's stack, as fork's does).  Returns the child's pid (0 in the
 * child).  Errors: -EINVAL (any other flag, another exit signal, a
 * stack), -EFAULT (ptid; checked before the child is made), do_fork()'s.
 */
long sys_clone(SYSCALL_ARGS)
{
	uint32_t flags = a1;
	uint32_t ok = CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID;
	if ((flags & 0xff) != SIGCHLD || (flags & ~0xffu & ~ok) != 0 || a2 != 0) {
		return -EINVAL;
	}
	if ((flags & CLONE_PARENT_SETTID) && user_range_check((void *)a3, 4, PROT_WRITE) != 0) {
		return -EFAULT;
	}
	long pid = do_fork(uthread_regs());
	if (pid <= 0) {
		return pid;
	}
	int32_t v = (int32_t)pid;
	if (flags & CLONE_PARENT_SETTID) {
		copy_to_user((void *)a3, &v, sizeof(v));
	}
	if (flags & CLONE_CHILD_SETTID) {
		proc_t *child = proc_lookup((pid_t)pid);
		vm_proc_t *vp = child != NULL ? vm_proc_get(child) : NULL;
		if (vp != NULL) {
			/* The child's copy-on-write copy of the page gets it. */
			vmmap_write(vp->vmp_map, (void *)a5, &v, sizeof(v));
		}
	}
	return pid;
}

/* ---- resource limits, names, randomness ---- */

#define RLIMIT_NLIMITS 16
#define RLIMIT_STACK 3
#define RLIMIT_NOFILE 7
#define RLIM_INFINITY 0xffffffffu

/*
 * getrlimit(resource, rlim) and ugetrlimit: Keel enforces no limits but
 * reports the ones it has: RLIMIT_STACK (3) soft EXEC_STACK_SIZE (8 MiB),
 * hard unlimited; RLIMIT_NOFILE (7) NFILES for both; every other resource
 * unlimited (RLIM_INFINITY, 0xffffffff).  Errors: -EINVAL (resource not
 * 0..15), -EFAULT.
 */
long sys_getrlimit(SYSCALL_ARGS)
{
	if (a1 >= RLIMIT_NLIMITS) {
		return -EINVAL;
	}
	uint32_t r[2] = {RLIM_INFINITY, RLIM_INFINITY};
	if (a1 == RLIMIT_STACK) {
		r[0] = 8u << 20;
	} else if (a1 == RLIMIT_NOFILE) {
		r[0] = r[1] = NFILES;
	}
	return copy_to_user((void *)a2, r, sizeof(r));
}

#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define TASK_COMM_LEN 16

/*
 * prctl(option, arg2, ...): PR_SET_NAME (15) sets the process's name to
 * the string at arg2 (at most 15 bytes kept); PR_GET_NAME (16) copies the
 * name (at most 15 bytes and a NUL, 16 bytes written) to arg2.  Errors:
 * -EINVAL (any other option), -EFAULT.
 */
long sys_prctl(SYSCALL_ARGS)
{
	char name[TASK_COMM_LEN];
	if (a1 == PR_SET_NAME) {
		ssize_t n = strncpy_from_user(name, (const char *)a2, sizeof(name));
		if (n == -EFAULT) {
			return -EFAULT;
		}
		name[sizeof(name) - 1] = '\0';
		strlcpy(curproc->p_name, name, PROC_NAME_LEN);
		return 0;
	}
	if (a1 == PR_GET_NAME) {
		memset(name, 0, sizeof(name));
		strlcpy(name, curproc->p_name, sizeof(name));
		return copy_to_user((void *)a2, name, sizeof(name));
	}
	return -EINVAL;
}

#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#define GRND_INSECURE 4

/*
 * getrandom(buf, len, flags): fills buf with len pseudo-random bytes (the
 * time-stamp counter stirred with xorshift: not for secrets) and returns
 * len; never blocks.  flags: any of GRND_NONBLOCK, GRND_RANDOM,
 * GRND_INSECURE.  Errors: -EINVAL (other flags, both GRND_RANDOM and
 * GRND_INSECURE), -EFAULT (nothing written then).
 */
long sys_getrandom(SYSCALL_ARGS)
{
	static uint64_t state;
	if ((a3 & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) != 0 ||
	    (a3 & (GRND_RANDOM | GRND_INSECURE)) == (GRND_RANDOM | GRND_INSECURE)) {
		return -EINVAL;
	}
	size_t len = MIN(a2, 0x1000000u);
	if (user_range_check((void *)a1, len, PROT_WRITE) != 0) {
		return -EFAULT;
	}
	uint8_t buf[64];
	for (size_t done = 0; done < len;) {
		state ^= rdtsc() + ((uint64_t)pit_ticks << 32) + 0x9e3779b97f4a7c15ull;
		size_t n = MIN(len - done, sizeof(buf));
		for (size_t i = 0; i < n; i++) {
			state ^= state << 13;
			state ^= state >> 7;
			state ^= state << 17;
			buf[i] = (uint8_t)(state >> 24);
		}
		if (copy_to_user((uint8_t *)a1 + done, buf, n) != 0) {
			return -EFAULT;
		}
		done += n;
	}
	return (long)len;
}

/*
 * set_robust_list(head, len): glibc's list of robust futexes, which the
 * kernel walks when a thread dies holding one; a Keel process has one
 * thread and no futexes, so it is accepted and not kept.  -EINVAL (len
 * not 12, the i386 size of struct robust_list_head).
 */
long sys_set_robust_list(SYSCALL_ARGS)
{
	return a2 == 12 ? 0 : -EINVAL;
}

/* ---- files ---- */

/*
 * readlink(path, buf, size): Keel has no symbolic links (and no /proc,
 * so "/proc/self/exe" is -ENOENT as on a Linux without procfs): -EINVAL
 * when 'path' names a file (it is not a link), else the walk's error
 * (-ENOENT, -ENOTDIR, ...).  Errors also: -EINVAL (size 0 or negative),
 * -EFAULT, -ENAMETOOLONG.
 */
long sys_readlink(SYSCALL_ARGS)
{
	if ((int32_t)a3 <= 0) {
		return -EINVAL;
	}
	stat_t st;
	int err = user_stat(a1, &st);
	return err < 0 ? err : -EINVAL;
}

/*
 * fstatat64(dirfd, path, buf, flags): stat64 of 'path', a relative one
 * resolved from the directory open as dirfd (at_dirfd_call(), AT_FDCWD
 * -100: the working directory); with AT_EMPTY_PATH (0x1000) and an empty
 * path, fstat64 of 'dirfd' (of the working directory for AT_FDCWD, as
 * statx; stat_at()).  AT_SYMLINK_NOFOLLOW and AT_NO_AUTOMOUNT are
 * accepted (no links, no automounts).  Errors: -EINVAL (other flags),
 * -ENOENT (an empty path without AT_EMPTY_PATH), -EBADF, -ENOTDIR (dirfd
 * not a directory), -EFAULT, the walk's.
 */
long sys_fstatat64(SYSCALL_ARGS)
{
	if ((a4 & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH)) != 0) {
		return -EINVAL;
	}
	if (user_range_check((void *)a3, sizeof(linux_stat64_t), PROT_WRITE) != 0) {
		return -EFAULT;
	}
	stat_t st;
	int err = stat_at((int)a1, a2, a4, &st);
	return err < 0 ? err : stat64_to_user((void *)a3, &st);
}

/* 0 if 'upath' (relative to dirfd, as fstatat64 resolves it) names a file, else the error. */
static long path_exists_at(int dirfd, uint32_t upath)
{
	stat_t st;
	int err = stat_at(dirfd, upath, 0, &st);
	return err < 0 ? err : 0;
}

/*
 * utimensat(dirfd, path, times, flags): Keel keeps no file times (they
 * read as 0), so this only checks its arguments as Linux does: 0 when the
 * file exists.  path NULL means dirfd itself (futimens); a relative path
 * is resolved from dirfd as fstatat64 does.  Errors:
 * -EINVAL (flags other than AT_SYMLINK_NOFOLLOW, a tv_nsec outside
 * 0..999999999 other than UTIME_NOW and UTIME_OMIT), -EFAULT, -EBADF, the
 * walk's.
 */
long sys_utimensat(SYSCALL_ARGS)
{
	if ((a4 & ~AT_SYMLINK_NOFOLLOW) != 0) {
		return -EINVAL;
	}
	if (a3 != 0) {
		linux_timespec_t ts[2];
		if (copy_from_user(ts, (const void *)a3, sizeof(ts)) != 0) {
			return -EFAULT;
		}
		for (int i = 0; i < 2; i++) {
			bool special =
			    ts[i].tv_nsec == (1 << 30) - 1 || ts[i].tv_nsec == (1 << 30) - 2;
			if (!special && (ts[i].tv_nsec < 0 || ts[i].tv_nsec > 999999999)) {
				return -EINVAL;
			}
		}
	}
	if (a2 == 0) {
		stat_t st;
		return do_fstat((int)a1, &st);
	}
	return path_exists_at((int)a1, a2);
}

/*
 * chmod(path, mode), fchmod(fd, mode), fchmodat(dirfd, path, mode):
 * Keel has no permission bits (st_mode always shows 0755 for a directory,
 * 0644 for another file), so the mode is not kept: 0 when the file
 * exists, as on a file system without permissions.  fchmodat's dirfd
 * with a relative path: as fstatat64.  Errors: the walk's, -EBADF,
 * -EFAULT.
 */
long sys_chmod(SYSCALL_ARGS)
{
	return path_exists_at(LINUX_AT_FDCWD, a1);
}

long sys_fchmod(SYSCALL_ARGS)
{
	stat_t st;
	return do_fstat((int)a1, &st);
}

long sys_fchmodat(SYSCALL_ARGS)
{
	return path_exists_at((int)a1, a2);
}

/* Whether a chown's (uid, gid) pair is allowed: Keel's one user and group are 0; -1 keeps. */
static bool ids_ok(uint32_t uid, uint32_t gid)
{
	return (uid == 0 || uid == 0xffffffffu) && (gid == 0 || gid == 0xffffffffu);
}

/*
 * chown32/lchown32(path, uid, gid), fchown32(fd, uid, gid),
 * fchownat(dirfd, path, uid, gid, flags): every file belongs to root
 * (0), Keel's only user and group, so the only owners allowed are 0 and
 * -1 (unchanged): 0 when the file exists.  Errors: -EPERM (another id),
 * the walk's, -EBADF, -EFAULT, -EINVAL (fchownat flags other than
 * AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH).
 */
long sys_chown32(SYSCALL_ARGS)
{
	long err = path_exists_at(LINUX_AT_FDCWD, a1);
	return err < 0 ? err : ids_ok(a2, a3) ? 0 : -EPERM;
}

long sys_fchown32(SYSCALL_ARGS)
{
	stat_t st;
	int err = do_fstat((int)a1, &st);
	return err < 0 ? err : ids_ok(a2, a3) ? 0 : -EPERM;
}

long sys_fchownat(SYSCALL_ARGS)
{
	if ((a5 & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) {
		return -EINVAL;
	}
	long err = path_exists_at((int)a1, a2);
	return err < 0 ? err : ids_ok(a3, a4) ? 0 : -EPERM;
}

/*
 * dup3(ofd, nfd, flags): dup2 that fails on ofd == nfd and sets nfd's
 * close-on-exec flag from O_CLOEXEC.  Errors: -EINVAL (ofd == nfd, flags
 * other than O_CLOEXEC), do_dup2()'s (-EBADF).
 */
long sys_dup3(SYSCALL_ARGS)
{
	if (a1 == a2 || (a3 & ~(uint32_t)O_CLOEXEC) != 0) {
		return -EINVAL;
	}
	int nfd = do_dup2((int)a1, (int)a2);
	if (nfd >= 0) {
		fdflags_set_cloexec(nfd, (a3 & O_CLOEXEC) != 0);
	}
	return nfd;
}

/*
 * fsync(fd) and fdatasync(fd): writes every dirty cached page back
 * (pframe_sync(): Keel's cache does not sort pages by file).  -EBADF.
 */
long sys_fsync(SYSCALL_ARGS)
{
	stat_t st;
	int err = do_fstat((int)a1, &st);
	if (err < 0) {
		return err;
	}
	pframe_sync();
	return 0;
}

/*
 * sendfile64(out_fd, in_fd, offset, count): copies up to count bytes from
 * in_fd to out_fd through a kernel page and returns how many were
 * written.  offset NULL: from in_fd's position, which moves on; else
 * from the 64-bit *offset (below 2 GiB), which is advanced, and in_fd's
 * position is left as it was.  Stops early at the end of the input or at
 * a short write.  Errors (when nothing was copied): -EFAULT, -EINVAL (an
 * offset of 2 GiB or more, count negative), do_read()'s, do_write()'s,
 * do_lseek()'s (-ESPIPE for an offset on a pipe).
 */
long sys_sendfile64(SYSCALL_ARGS)
{
	int out = (int)a1, in = (int)a2;
	size_t count = a4;
	if ((ssize_t)count < 0) {
		return -EINVAL;
	}
	int64_t off = 0;
	off_t saved = 0;
	if (a3 != 0) {
		if (copy_from_user(&off, (const void *)a3, sizeof(off)) != 0) {
			return -EFAULT;
		}
		if (off < 0 || off >= 0x80000000ll) {
			return -EINVAL;
		}
		saved = do_lseek(in, 0, 1 /* SEEK_CUR */);
		if (saved < 0) {
			return saved;
		}
		off_t r = do_lseek(in, (off_t)off, 0 /* SEEK_SET */);
		if (r < 0) {
			return r;
		}
	}
	char *kbuf = uproc_page_alloc();
	if (kbuf == NULL) {
		return -ENOMEM;
	}
	size_t done = 0;
	long ret = 0;
	while (done < count) {
		ssize_t n = do_read(in, kbuf, MIN(count - done, PAGE_SIZE));
		if (n <= 0) {
			ret = n;
			break;
		}
		ssize_t w = do_write(out, kbuf, n);
		if (w < 0) {
			ret = w;
			break;
		}
		done += w;
		if (w < n) {
			break;
		}
	}
	page_free(kbuf);
	if (a3 != 0) {
		do_lseek(in, saved, 0);
		off += done;
		if (copy_to_user((void *)a3, &off, sizeof(off)) != 0 && done == 0) {
			return -EFAULT;
		}
	}
	return done > 0 ? (long)done : ret;
}

/* ---- poll ---- */

#define POLLIN 0x001
#define POLLPRI 0x002
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010
#define POLLNVAL 0x020
#define POLLRDNORM 0x040
#define POLLWRNORM 0x100
#define POLL_MAX_FDS 256

typedef struct linux_pollfd {
	int32_t fd;
	int16_t events;
	int16_t revents;
} linux_pollfd_t;

/* The revents of one pollfd now. */
static int16_t poll_one(const linux_pollfd_t *pfd)
{
	if (pfd->fd < 0) {
		return 0;
	}
	file_t *f = fget(pfd->fd);
	if (f == NULL) {
		return POLLNVAL;
	}
	int ready = POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM; /* files, other devices */
	vnode_t *vn = f->f_vnode;
	if (pipe_is_pipe(vn)) {
		int st = pipe_poll(vn);
		ready = (st & PIPE_POLL_DATA ? POLLIN | POLLRDNORM : 0) |
			(st & PIPE_POLL_ROOM ? POLLOUT | POLLWRNORM : 0);
		if (st & PIPE_POLL_HUP) {
			ready |= (f->f_mode & FMODE_READ) ? POLLHUP : POLLERR;
		}
	} else if (S_ISCHR(vn->vn_mode)) {
		tty_t *t = tty_from_devid(vn->vn_devid);
		if (t != NULL) {
			bool input = tty_input_ready(t) > 0;
			ready = POLLOUT | POLLWRNORM | (input ? POLLIN | POLLRDNORM : 0);
		}
	}
	fput(f);
	return (int16_t)(ready & (pfd->events | POLLERR | POLLHUP | POLLNVAL));
}

/*
 * poll(fds, nfds, timeout): waits until one of the nfds descriptors is
 * ready for what its events ask, or 'timeout' milliseconds (negative:
 * forever; 0: do not wait), and sets each revents.  Ready: a regular
 * file, a directory and a device other than a terminal always (POLLIN,
 * POLLOUT); a terminal for POLLIN when a read would not wait
 * (tty_input_ready(): in canonical mode a completed line, not the line
 * being typed; in raw mode any byte), always for POLLOUT; a
 * pipe's read end when it holds data, its write end when it has room,
 * with POLLHUP (read end) or POLLERR (write end) once the other end is
 * closed.  A negative fd is ignored (revents 0); a closed one gets
 * POLLNVAL.  Keel checks again at every timer tick (a wait ends up to a
 * tick late).  Returns how many have a nonzero revents (0: timed out).
 * Errors: -EINVAL (nfds over 256), -EFAULT, -EINTR (the thread was
 * cancelled while waiting).
 */
long sys_poll(SYSCALL_ARGS)
{
	size_t n = a2;
	int32_t timeout = (int32_t)a3;
	if (n > POLL_MAX_FDS) {
		return -EINVAL;
	}
	size_t size = n * sizeof(linux_pollfd_t);
	linux_pollfd_t *fds = n > 0 ? kmalloc(size) : NULL;
	if (n > 0 && fds == NULL) {
		return -ENOMEM;
	}
	if (copy_from_user(fds, (const void *)a1, size) != 0) {
		kfree(fds);
		return -EFAULT;
	}
	uint32_t ms_per_tick = pit_hz >= 1000 ? 1 : 1000 / pit_hz;
	uint32_t ticks_left = timeout < 0 ? 0 : ((uint32_t)timeout + ms_per_tick - 1) / ms_per_tick;
	long ret;
	for (;;) {
		ret = 0;
		for (size_t i = 0; i < n; i++) {
			fds[i].revents = poll_one(&fds[i]);
			ret += fds[i].revents != 0;
		}
		if (ret > 0 || (timeout >= 0 && ticks_left == 0)) {
			break;
		}
		if (sched_sleep_ticks(1) != 0) {
			ret = -EINTR;
			break;
		}
		if (timeout >= 0) {
			ticks_left--;
		}
	}
	if (ret >= 0 && copy_to_user((void *)a1, fds, size) != 0) {
		ret = -EFAULT;
	}
	kfree(fds);
	return ret;
}

/* ---- threads and sleeping ---- */

/* gettid(): a Keel process has one thread, whose id is the pid. */
long sys_gettid(SYSCALL_ARGS)
{
	return curproc->p_pid;
}

#define TIMER_ABSTIME 1

/*
 * clock_nanosleep(clk, flags, req, rem): nanosleep on clock 'clk'
 * (CLOCK_REALTIME 0 or CLOCK_MONOTONIC 1; both tick with the timer).
 * flags TIMER_ABSTIME: *req is a time of that clock to sleep until (no
 * sleep if it has passed; rem is not written).  Errors, negative as every
 * call's (the C library returns them as positive numbers): -EINVAL
 * (another clock or flag, a bad *req), -EFAULT, -EINTR (a signal's
 * handler ran, or the thread was cancelled; *rem as nanosleep's).  A stop
 * and a continue restart it (api/signal.h): an absolute sleep goes on to
 * its time, a relative one sleeps its whole time again.
 */
long sys_clock_nanosleep(SYSCALL_ARGS)
{
	if (a1 > 1 || (a2 & ~TIMER_ABSTIME) != 0) {
		return -EINVAL;
	}
	if (!(a2 & TIMER_ABSTIME)) {
		return sys_nanosleep(a3, a4, 0, 0, 0, 0);
	}
	linux_timespec_t req, now;
	if (copy_from_user(&req, (const void *)a3, sizeof(req)) != 0) {
		return -EFAULT;
	}
	if (req.tv_nsec < 0 || req.tv_nsec >= 1000000000) {
		return -EINVAL;
	}
	/* The clock now (the realtime clock is the boot time plus the same ticks). */
	uint64_t t = pit_ticks;
	now.tv_sec = (int32_t)(t / pit_hz);
	now.tv_nsec = (int32_t)((t % pit_hz) * (1000000000u / pit_hz));
	if (a1 == 0) {
		now.tv_sec = (int32_t)sys_time(0, 0, 0, 0, 0, 0);
	}
	int64_t left =
	    ((int64_t)req.tv_sec - now.tv_sec) * 1000000000ll + req.tv_nsec - now.tv_nsec;
	if (left <= 0) {
		return 0;
	}
	uint64_t ns_per_tick = 1000000000u / pit_hz;
	uint64_t ticks = ((uint64_t)left + ns_per_tick - 1) / ns_per_tick;
	return sched_sleep_ticks(ticks > 0xffffffffu ? 0xffffffffu : (uint32_t)ticks) == 0
		   ? 0
		   : -EINTR;
}
