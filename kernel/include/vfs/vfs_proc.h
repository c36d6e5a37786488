/*
 * The process side of the VFS: each process's current directory and table
 * of open files.
 *
 * Why a table beside proc_t and not fields in it.  proc_t belongs to the
 * PROCS stage, whose code may come from a student or from a prebuilt
 * archive (ref/libprocs.a) that allocates and initialises proc_t its own
 * way, and no PROCS function calls into the VFS.  So the VFS keeps its
 * per-process state itself, in a table indexed by pid (support code,
 * vfs/vfs_proc.c), and does its duties at process creation and exit on its
 * own:
 *
 *   - Creation: a process's state is made the first time the VFS is asked
 *     for it (vfs_proc_get()): its current directory is its parent's (a
 *     new reference), or the root if the parent has none; no descriptor is
 *     open.  (The VM stage's fork calls vfs_proc_fork() instead, which
 *     copies the parent's descriptors too.)
 *   - Exit: once a process has exited (it is a zombie, or reaped), the VFS
 *     closes every descriptor it left open and puts its current directory.
 *     This happens the next time any process enters the VFS (through
 *     vfs_proc_get() or vfs_root_vnode(): every call that takes a
 *     descriptor or a path), and before the test harness's leak check and the
 *     shutdown check look at the vnodes (vfs_proc_sweep()).
 *
 * An entry belongs to (pid, proc_t pointer): a new process that reuses a
 * pid gets a fresh entry.
 */
#ifndef KEEL_VFS_VFS_PROC_H
#define KEEL_VFS_VFS_PROC_H

#include "proc/proc.h"
#include "types.h"
#include "vfs/file.h"
#include "vfs/vnode.h"

typedef struct vfs_proc {
	proc_t *vp_proc;          /* the owner, or NULL for a free entry */
	pid_t vp_pid;             /* the owner's pid */
	vnode_t *vp_cwd;          /* current directory: a reference */
	file_t *vp_files[NFILES]; /* open files: each slot holds a reference */
	list_link_t vp_link;      /* on the list of entries in use; owned by vfs_proc.c */
} vfs_proc_t;

/*
 * The VFS state of 'p' (a running process), made as described above if it
 * has none yet.  Returns NULL only before vfs_init() has mounted a root.
 */
vfs_proc_t *vfs_proc_get(proc_t *p);

/* vfs_proc_get(curproc). */
vfs_proc_t *vfs_curproc(void);

/*
 * The running process's current directory, with no new reference (the
 * process holds one); NULL before vfs_init().
 */
vnode_t *vfs_cwd(void);

/*
 * Makes 'dir' (a directory the caller holds a reference to) the running
 * process's current directory, with a new reference, and returns the old
 * one with the reference the process held, which the caller now owns
 * (NULL before vfs_init()).  For the *at system calls, which resolve a
 * relative path from a directory descriptor: they swap the descriptor's
 * directory in, call the path-based do_* function, and swap the old
 * directory back (a process has one thread, so no other lookup sees the
 * borrowed directory).
 */
vnode_t *vfs_proc_swap_cwd(vnode_t *dir);

/*
 * The VFS state of 'p' if it has one, else NULL (nothing is made):
 * for listings (kfiles) and tests.
 */
vfs_proc_t *vfs_proc_peek(proc_t *p);

/*
 * Gives 'child' a copy of 'parent''s state: the same current directory
 * and the same open file in every descriptor (each with a new reference),
 * as fork() does.  Any state the child had is released first.
 */
void vfs_proc_fork(proc_t *parent, proc_t *child);

/*
 * Closes every descriptor and puts the current directory of every process
 * that has exited (see above).  Returns how many processes it cleaned up.
 */
int vfs_proc_sweep(void);

/*
 * Releases the state of 'p' now (closes its descriptors, puts its
 * directory), whether or not it has exited; vfs_shutdown() uses it.
 */
void vfs_proc_release(proc_t *p);

/* Releases every entry (shutdown). */
void vfs_proc_release_all(void);

#endif
