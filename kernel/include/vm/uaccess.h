/* Checking user addresses before the kernel touches them. */
#ifndef KEEL_VM_UACCESS_H
#define KEEL_VM_UACCESS_H

#include "types.h"

/*
 * 'access' is PROT_READ or PROT_WRITE (any value with PROT_WRITE set is a
 * write check, any other a read check).  Returns 0 when every byte of
 * [addr, addr + len) lies in areas of curproc's map that allow it (a write
 * needs PROT_WRITE; a read any of PROT_READ, PROT_WRITE, PROT_EXEC, as the
 * fault handler decides), across as many adjacent areas as it takes; else
 * -EFAULT: a byte in no area (NULL, a gap), a range that wraps around or
 * reaches the kernel half, or a process with no VM state.  len 0 is 0
 * whatever addr is.
 */
int vm_user_range_ok(const void *addr, size_t len, int access);

#endif
