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
 * The pieces: proc_create() (NULL is -EAGAIN when every pid is taken,
 * proc_count() >= proc_pid_max, else -ENOMEM); vm_proc_create(child),
 * whose fresh empty map you replace by the clone (vmmap_destroy() the
 * empty one, set the clone's vmm_proc to the child, store it in
 * vmp_map); the shadows; uthread_clone() last of the steps that can
 * fail, since its thread cannot be taken back (a child that never ran
 * is got rid of by giving it a kernel thread that exits at once and
 * reaping it).  Unmap the parent's pages with
 * vmmap_unmap_pages(parent's map, USER_MIN_VFN, USER_MAX_VFN), never with
 * pt_unmap_range() directly: the helper first passes the dirty bits of
 * shared areas' pages on to the page-frame cache.  Then tlb_flush_all().
 *
 * Errors, with nothing left behind: -EINVAL if curproc has no VM state,
 * -EAGAIN when no pid is free, -ENOMEM when memory runs out.
 */
pid_t do_fork(const regs_t *regs);

#endif
