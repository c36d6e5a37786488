/*
 * The close-on-exec flag of each descriptor (FD_CLOEXEC).  The VFS's
 * descriptor table has no flags, so the system calls keep one bitmap per
 * process beside it (support code, kernel/api/fdflags.c), indexed by pid
 * and owned by (pid, proc_t pointer) as vfs_proc.h's table is.  A process
 * with no entry has every flag clear.
 *
 * The calls that make a descriptor (open, dup, dup2, fcntl F_DUPFD, pipe)
 * set its flag as they say (O_CLOEXEC on open and pipe2; dup and friends
 * clear it); close clears it; fork copies the parent's flags to the child
 * (uthread_clone()); execve closes the flagged descriptors; a process's
 * exit drops its entry (uthread_exit()).
 */
#ifndef KEEL_API_FDFLAGS_H
#define KEEL_API_FDFLAGS_H

#include "proc/proc.h"
#include "types.h"

#define FD_CLOEXEC 1
#define O_CLOEXEC 02000000 /* Linux i386's open() flag */

/* Whether descriptor fd (0 .. NFILES - 1) of the running process is close-on-exec. */
bool fdflags_cloexec(int fd);

/* Sets or clears the close-on-exec flag of fd in the running process. */
void fdflags_set_cloexec(int fd, bool on);

/* Gives 'child' a copy of 'parent''s flags (fork). */
void fdflags_fork(proc_t *parent, proc_t *child);

/* Drops the entry of 'p' (exit). */
void fdflags_release(proc_t *p);

#endif
