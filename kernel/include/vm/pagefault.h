/*
 * The page fault handler of user memory.
 *
 * The processor's fault handler (boot/intr.c, support code) calls
 * vm_pagefault() for a fault on a user address, from user mode or from a
 * kernel copy to or from user memory.  It decides from the process's vmmap
 * whether the access is allowed and, if so, maps the right page.
 */
#ifndef KEEL_VM_PAGEFAULT_H
#define KEEL_VM_PAGEFAULT_H

#include "types.h"

/* The x86 page fault error code's bits. */
#define FAULT_PRESENT 0x1 /* the page was present: a protection fault */
#define FAULT_WRITE 0x2   /* the access was a write */
#define FAULT_USER 0x4    /* it happened in user mode */

/*
 * Resolves a fault at 'vaddr' in curproc, 'cause' being the error code.
 *
 *   1. The area holding vaddr's page (vmmap_lookup() in curproc's map),
 *      else -EFAULT (also when curproc has no VM state at all).
 *   2. The permission: a write needs PROT_WRITE; a read (instruction
 *      fetches are reads on i386) needs any of PROT_READ, PROT_WRITE or
 *      PROT_EXEC, as on Linux i386 (a PROT_NONE area faults).  Else
 *      -EFAULT.
 *   3. The page: in a MAP_PRIVATE area a write maps the area's own copy
 *      (pframe_get() on vma_obj, the top shadow, which copies it from
 *      below the first time) writable, and a read maps the page found down
 *      the chain (shadow_lookup()) read-only, so that a later write faults
 *      again and copies.  In a MAP_SHARED area the object's page is mapped,
 *      writable iff the area has PROT_WRITE.  A write marks the page dirty
 *      (pframe_dirty()).
 *
 * The page is mapped with pt_map() into curproc->p_pagedir (PTE_U, PTE_W
 * as above), marked as mapped in the page-frame cache (pframe_set_mapped())
 * and its TLB entry invalidated.  Returns 0 (the access can be retried),
 * -EFAULT (a bad access: the support code ends a user process as SIGSEGV
 * would, status 11), or -ENOMEM (no frame left for the page or for a page
 * table: the support code ends the process as Linux's out-of-memory killer
 * would, SIGKILL, status 9); any other error of pframe_get() (-EIO) is
 * returned as -EFAULT.  It never kills anything itself.
 */
int vm_pagefault(uintptr_t vaddr, uint32_t cause);

#endif
