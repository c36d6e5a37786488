/*
 * Copying between the kernel and a user process's memory.  (Support code of
 * the VM stage.)
 *
 * A system call never touches a user pointer directly: it copies the data
 * in or out with these functions.  Each first asks the VM stage whether the
 * whole range lies in areas of the running process that allow the access
 * (vm_user_range_ok()), then copies with the ordinary instructions.  A
 * page the copy touches that is not mapped yet (or is copy-on-write) faults,
 * and the fault handler resolves it through vm_pagefault() as it would for
 * the program itself; a fault it cannot resolve makes the copy return
 * -EFAULT (the handler resumes the copy at a fixup), never a panic.  When
 * the fault failed for want of memory (vm_pagefault() gave -ENOMEM), the
 * calling process is also killed, with status 9 as Linux's out-of-memory
 * killer: it exits on its way back to user mode, so the program never
 * sees an -EFAULT for a pointer that was good.
 */
#ifndef KEEL_API_UACCESS_H
#define KEEL_API_UACCESS_H

#include "types.h"

/*
 * Copies n bytes from user address 'usrc' to kernel buffer 'dst'.
 * Returns 0, or -EFAULT if any byte of [usrc, usrc + n) is not readable
 * user memory of the running process (NULL, the kernel half, unmapped,
 * a range that wraps).  n 0: 0.  On -EFAULT part of dst may have been
 * written.
 */
int copy_from_user(void *dst, const void *usrc, size_t n);

/*
 * Copies n bytes from kernel buffer 'src' to user address 'udst'.
 * Returns 0, or -EFAULT if any byte of the range is not writable user
 * memory (part of it may have been written).
 */
int copy_to_user(void *udst, const void *src, size_t n);

/*
 * Copies the NUL-terminated string at user address 'usrc' into dst, at
 * most 'max' bytes including the NUL.  Returns the string's length (not
 * counting the NUL, which is copied), -ENAMETOOLONG if there is no NUL in
 * the first 'max' bytes, or -EFAULT if a byte before the NUL (or the NUL)
 * is not readable user memory.
 */
ssize_t strncpy_from_user(char *dst, const char *usrc, size_t max);

/*
 * A path from user memory: a kmalloc'ed copy of the string at 'upath'
 * (the caller kfree()s it), or NULL with *err set to -ENOMEM, -EFAULT or
 * -ENAMETOOLONG (no NUL within MAXPATHLEN bytes).
 */
char *user_path_copy(uint32_t upath, int *err);

/*
 * do_stat() of the path at user address 'upath' (api/sys_path.c): 0 and
 * *st filled, or the error of user_path_copy() or of do_stat().
 */
struct stat;
int user_stat(uint32_t upath, struct stat *st);

/*
 * Whether the whole range [uaddr, uaddr + n) is user memory of the
 * running process that allows 'access' (PROT_READ 1 or PROT_WRITE 2):
 * 0 or -EFAULT (n 0: 0).  For calls that must check a buffer before any
 * side effect.
 */
int user_range_check(const void *uaddr, size_t n, int access);

/*
 * Reads one 32-bit word at user address 'uaddr' into *val (argv and envp
 * arrays).  0 or -EFAULT.
 */
int get_user_u32(uint32_t *val, const void *uaddr);

/*
 * For the page-fault handler: if 'eip' lies in one of the copy routines,
 * the address where the copy resumes after an unresolvable fault (it then
 * returns -EFAULT); otherwise 0.
 */
uintptr_t uaccess_fixup_for(uintptr_t eip);

#endif
