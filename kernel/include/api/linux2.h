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
