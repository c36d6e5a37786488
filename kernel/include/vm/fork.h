/* fork(): a copy of the calling user process. */
#ifndef KEEL_VM_FORK_H
#define KEEL_VM_FORK_H

#include "boot/interrupt.h"
#include "types.h"

/*
 * Makes a child of curproc (a user process: it has VM state) that runs
 * from the same trap frame 'regs' with eax = 0, and returns its pid.
 *
 * The child's address space is vmmap_clone() of the parent's, and each
 * MAP_PRIVATE area gets copy-on-write: first shadow_collapse() of the
 * parent's object, then two new shadows over it, one for the parent's area
 * and one for the child's (the old object is shared below both; MAP_SHARED
 * areas share their object as it is).  The parent's user pages are
 * unmapped from its page directory (and the TLB flushed), so its next
 * write to each page faults and copies.  The child also gets copies of
 * the parent's descriptors and current directory (vfs_proc_fork()) and its
 * break (vmp_start_brk, vmp_brk); its thread comes from uthread_clone()
 * and is made runnable last.
 *
 * Errors, with nothing left behind: -EINVAL if curproc has no VM state,
 * -EAGAIN when no pid is free, -ENOMEM when memory runs out.
 */
pid_t do_fork(const regs_t *regs);

#endif
