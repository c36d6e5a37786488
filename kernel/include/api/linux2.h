/*
 * The system calls that stock Linux binaries (Debian's static BusyBox and
 * the glibc it is linked with) need beyond the project's own programs
 * (kernel/api/sys_linux2.c, kernel/api/mprotect.c), and the process
 * groups and sessions they keep.  (Support code of the VM stage.)
 *
 * Process groups and sessions: each user process has a process group id,
 * a session id and a umask, kept in a side table indexed by pid and owned
 * by (pid, proc_t pointer), as fdflags.h's table is.  fork (every form:
 * fork, vfork, clone) copies the parent's values to the child
 * (uthread_clone() calls pgrp_fork()).  A process with no entry (init,
 * processes the kernel started) has its parent's values, and a process
 * with no parent, or init, has its own pid as both ids; the umask
 * defaults to 022.  Entries outlive the process (a zombie keeps its
 * group); a stale one is overwritten when its pid is reused.
 */
#ifndef KEEL_API_LINUX2_H
#define KEEL_API_LINUX2_H

#include "api/syscall.h"
#include "proc/proc.h"
#include "types.h"
#include "vfs/vnode.h"

#define SYS_chmod 15
#define SYS_setpgid 57
#define SYS_umask 60
#define SYS_getpgrp 65
#define SYS_setsid 66
#define SYS_getrlimit 76
#define SYS_readlink 85
#define SYS_fchmod 94
#define SYS_fsync 118
#define SYS_clone 120
#define SYS_mprotect 125
#define SYS_getpgid 132
#define SYS_getsid 147
#define SYS_fdatasync 148
#define SYS_poll 168
#define SYS_prctl 172
#define SYS_vfork 190
#define SYS_ugetrlimit 191
#define SYS_lchown32 198
#define SYS_fchown32 207
#define SYS_chown32 212
#define SYS_sendfile64 239
#define SYS_fstatat64 300
#define SYS_set_robust_list 311
#define SYS_gettid 224
#define SYS_clock_nanosleep 267
#define SYS_fchownat 298
#define SYS_fchmodat 306
#define SYS_utimensat 320
#define SYS_dup3 330
#define SYS_getrandom 355
#define SYS_symlink 83
#define SYS_truncate 92
#define SYS_ftruncate 93
#define SYS_truncate64 193
#define SYS_ftruncate64 194
#define SYS_symlinkat 304
#define SYS_mknodat 297
#define SYS_sysinfo 116
#define SYS_getgroups 80
#define SYS_getgroups32 205
#define SYS_sched_getaffinity 242

#define SYS_statx 383

/* The process group of 'p' (see above). */
pid_t pgrp_of(proc_t *p);

/* The session of 'p'. */
pid_t pgrp_session_of(proc_t *p);

/* Gives 'child' its parent's process group, session, umask and program path (fork). */
void pgrp_fork(proc_t *parent, proc_t *child);

/*
 * The running program's file, for "/proc/self/exe".  Keel has no /proc,
 * but stock binaries (BusyBox's shell runs its applets so) execute
 * "/proc/self/exe" to run their own file again: execve (and
 * kernel_execve) record the absolute path of the program they load
 * (pgrp_exec_record(), the working directory prepended to a relative
 * path; fork copies it; exit drops it, pgrp_exit(), which also drops a
 * session leader's controlling terminal: api/tty_job.h), and an execve of
 * exactly "/proc/self/exe" runs the file at that path
 * (pgrp_exec_self() rewrites the kernel copy of the path, 'size' bytes).
 * Only execve knows the name: readlink and open of it fail with
 * -ENOENT as on a Linux without procfs (glibc's start-up reads the link
 * only to find $ORIGIN, which a static program does not use).  A
 * program whose file was renamed or removed since gets the walk's error.
 */
#define PROC_SELF_EXE "/proc/self/exe"
void pgrp_exec_record(const char *path);
void pgrp_exec_self(char *path, size_t size);
void pgrp_exit(proc_t *p);

/*
 * mprotect(addr, len, prot) (kernel/api/mprotect.c): gives the pages
 * [addr, addr + len rounded up to a page) protection 'prot' (PROT_NONE or
 * any of PROT_READ, PROT_WRITE, PROT_EXEC).  An area partly inside the
 * range is split at the range's ends (the pieces show the same object at
 * the right offsets); the pages of the range are unmapped from the page
 * directory (a dirty page of a shared area is marked dirty in its object
 * first) so the next access faults and is mapped with the new protection.
 * len 0: 0.  Errors: -EINVAL (addr not page aligned, other prot bits, a
 * range that wraps or reaches the kernel half), -ENOMEM (a page of the
 * range is not mapped: as on Linux, the pages before the first unmapped
 * one have changed; or no memory for a split, with the pages before it
 * changed).  Keel does not check a
 * shared file mapping's protection against the file's open mode.
 */
long sys_mprotect(SYSCALL_ARGS);

/*
 * The *at calls' directory descriptor (kernel/api/sys_files.c): calls
 * fn(path, arg) with 'path' (a kernel copy) resolved as Linux resolves
 * the path of an *at call: an absolute path, or dirfd AT_FDCWD (-100),
 * from where the path-based do_* functions start; a relative path with
 * another dirfd from the directory that dirfd has open.  For that one
 * call the process's current directory is dirfd's directory (see
 * vfs_proc_swap_cwd()); the old one is back before it returns.  Returns
 * what fn returns, or -EBADF (dirfd not open), -ENOTDIR (dirfd not a
 * directory).  openat, fstatat64, utimensat, fchmodat, fchownat and
 * symlinkat resolve their paths so.
 */
long at_dirfd_call(int dirfd, const char *path, long (*fn)(const char *path, void *arg), void *arg);

#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000

/*
 * The stat of the user path 'upath' as fstatat64 and statx find it: a
 * relative path from dirfd (at_dirfd_call()); an empty path with
 * AT_EMPTY_PATH in 'flags' is dirfd itself (the working directory for
 * AT_FDCWD), without it -ENOENT.  0 and *st filled, or the error: -EFAULT,
 * -ENAMETOOLONG, -EBADF, -ENOTDIR, the walk's.
 */
int stat_at(int dirfd, uint32_t upath, uint32_t flags, stat_t *st);

/*
 * 0 if a new file could be made at 'path' (a kernel copy): its directory
 * exists and the name is free; else the error Linux gives there before it
 * asks the file system for a kind of file it may not support: -ENOENT
 * (the directory is missing), -ENOTDIR (it is not a directory), -EEXIST
 * (the name is taken), the walk's.  'arg' is unused (at_dirfd_call()'s fn).
 */
long at_name_free(const char *path, void *arg);

/*
 * Sets the length of the file 'vn' (the caller holds a reference) to
 * 'len' bytes, as Linux's truncate does: a longer file reads as zeros
 * past its old end (a hole), a shorter one keeps its first 'len' bytes.
 * Built from vop_write() and vop_truncate() (see sys_files.c: a shrink
 * copies the part kept through memory).  Errors: -EISDIR (a directory),
 * -EINVAL (not a regular file), -EFBIG (len past the file system's
 * largest file), -ENOSPC, -ENOMEM (no memory for a shrink's copy; the
 * file is unchanged).
 */
int file_set_length(vnode_t *vn, uint64_t len);

/*
 * truncate(path, len), ftruncate(fd, len) with a signed 32-bit len, and
 * truncate64(path, lo, hi), ftruncate64(fd, lo, hi) with a 64-bit len
 * split into two registers (Linux i386's order: low word first):
 * file_set_length() of the file.  Errors: -EINVAL (len negative;
 * ftruncate: fd not open for writing, or not a regular file; truncate: a
 * file that is neither regular nor a directory), -EBADF (ftruncate: fd
 * not open), -EISDIR (truncate of a directory), -EFAULT, the walk's, and
 * file_set_length()'s.
 */
long sys_truncate(SYSCALL_ARGS);
long sys_ftruncate(SYSCALL_ARGS);
long sys_truncate64(SYSCALL_ARGS);
long sys_ftruncate64(SYSCALL_ARGS);

/*
 * symlink(target, linkpath) and symlinkat(target, dirfd, linkpath): Keel's
 * file systems (S5FS, ramfs) have no symbolic links, so these fail as
 * Linux does on a file system without them (vfat): -EPERM, once the
 * checks Linux makes before asking the file system pass.  Errors, in
 * that order: -EFAULT, -ENAMETOOLONG (either path), -ENOENT (linkpath
 * empty), -EBADF or -ENOTDIR (symlinkat's dirfd, for a relative
 * linkpath), -ENOENT (linkpath's directory missing), -ENOTDIR (it is not
 * a directory), -EEXIST (linkpath exists), then -EPERM.  BusyBox's `ln -s` prints
 * "ln: LINKPATH: Operation not permitted" and exits 1.
 */
long sys_symlink(SYSCALL_ARGS);
long sys_symlinkat(SYSCALL_ARGS);

/*
 * statx(dirfd, path, flags, mask, buf): Linux's struct statx (256 bytes)
 * of 'path', a relative one resolved from dirfd (at_dirfd_call()); with
 * AT_EMPTY_PATH and an empty path, of dirfd itself (AT_FDCWD: the working
 * directory).  The fields are stat64's (sys_fstatat64), the devices split
 * into major and minor numbers (DEVID_MAJOR(), DEVID_MINOR()), the times
 * 0 (Keel keeps none), no attributes, and stx_mask STATX_BASIC_STATS
 * (0x7ff) whatever 'mask' asks: glibc and musl use statx for every stat
 * and fall back on fstatat64 only when it returns -ENOSYS.  Flags
 * AT_SYMLINK_NOFOLLOW (no links), AT_NO_AUTOMOUNT and the sync types are
 * accepted.  Errors: -EINVAL (other flags, both sync types at once, the
 * reserved mask bit 0x80000000), -EFAULT (buf not writable for 256
 * bytes, path), -ENOENT (an empty path without AT_EMPTY_PATH), -EBADF,
 * -ENOTDIR, the walk's.
 */
long sys_statx(SYSCALL_ARGS);

/* mknodat(dirfd, path, mode, dev): mknod (api/syscall.h, sys_path.c) from dirfd. */
long sys_mknodat(SYSCALL_ARGS);

/*
 * sysinfo(info): Linux i386's struct sysinfo (64 bytes): the seconds
 * since boot, load averages 0 (Keel keeps none), totalram and freeram
 * from the page allocator (page_total_count(), page_free_count()) with
 * mem_unit 1, no swap, no shared or buffer memory counted, and procs the
 * number of processes (proc_count()).  -EFAULT.
 */
long sys_sysinfo(SYSCALL_ARGS);

/*
 * getgroups(size, list) and getgroups32: a process has no supplementary
 * groups (Keel's one user is root, and nothing sets any), so 0 and
 * nothing written.  -EINVAL (size negative).  setgroups32 is not
 * implemented (-ENOSYS).
 */
long sys_getgroups(SYSCALL_ARGS);

/*
 * sched_getaffinity(pid, len, mask): Keel runs on one CPU: the mask with
 * bit 0 set, 4 bytes (one long) written, and 4 returned, as Linux with
 * one CPU does.  pid 0 is the caller.  Errors: -EINVAL (len below 4 or
 * not a multiple of 4), -ESRCH (no process pid), -EFAULT.
 */
long sys_sched_getaffinity(SYSCALL_ARGS);

long sys_vfork(SYSCALL_ARGS);
long sys_clone(SYSCALL_ARGS);
long sys_setpgid(SYSCALL_ARGS);
long sys_getpgid(SYSCALL_ARGS);
long sys_getpgrp(SYSCALL_ARGS);
long sys_setsid(SYSCALL_ARGS);
long sys_getsid(SYSCALL_ARGS);
long sys_umask(SYSCALL_ARGS);
long sys_getrlimit(SYSCALL_ARGS);
long sys_readlink(SYSCALL_ARGS);
long sys_fsync(SYSCALL_ARGS);
long sys_prctl(SYSCALL_ARGS);
long sys_sendfile64(SYSCALL_ARGS);
long sys_fstatat64(SYSCALL_ARGS);
long sys_set_robust_list(SYSCALL_ARGS);
long sys_utimensat(SYSCALL_ARGS);
long sys_dup3(SYSCALL_ARGS);
long sys_poll(SYSCALL_ARGS);
long sys_gettid(SYSCALL_ARGS);
long sys_clock_nanosleep(SYSCALL_ARGS);
long sys_chmod(SYSCALL_ARGS);
long sys_fchmod(SYSCALL_ARGS);
long sys_fchmodat(SYSCALL_ARGS);
long sys_chown32(SYSCALL_ARGS);
long sys_fchown32(SYSCALL_ARGS);
long sys_fchownat(SYSCALL_ARGS);
long sys_getrandom(SYSCALL_ARGS);

#endif
