/* mmap() and munmap() of curproc's address space. */
#ifndef KEEL_VM_MMAP_H
#define KEEL_VM_MMAP_H

#include "types.h"

/*
 * Maps 'len' bytes (rounded up to whole pages) with protection 'prot' and
 * flags 'flags', and stores the address in *ret.
 *
 *   - MAP_ANONYMOUS: zero-filled memory ('fd' and 'off' are ignored).
 *     Else the file open as 'fd', from byte 'off' (vmmap_map()).
 *   - MAP_FIXED: exactly at 'addr', replacing what was there.  Without
 *     it 'addr' is a hint: used (rounded down to a page) when the whole
 *     range is free there and in user space, else the highest free range
 *     (VMMAP_DIR_HILO, i.e. below the stack, as Linux does).
 *
 * Errors, as Linux's, checked in this order (the first that applies):
 *   -EINVAL  len 0; 'off' not page aligned or negative; neither or both
 *            of MAP_SHARED and MAP_PRIVATE; with MAP_FIXED, 'addr' not
 *            page aligned, or the range not inside user space (page 0 and
 *            the kernel half are never mapped)
 *   -EBADF   no file open as 'fd' (without MAP_ANONYMOUS)
 *   -EACCES  the file is not open for reading, or MAP_SHARED with
 *            PROT_WRITE and the file is not open for writing
 *   -ENODEV  the file cannot be mapped (vop_mmap(): ramfs, devices,
 *            directories)
 *   -ENOMEM  len larger than user space, no free range, or no memory; also
 *            when curproc has no VM state
 * Precisely: len 0 (-EINVAL); 'off' unaligned or negative, checked even
 * with MAP_ANONYMOUS (-EINVAL); the sharing flags (-EINVAL); len larger
 * than user space (-ENOMEM, but -EINVAL with MAP_FIXED); with MAP_FIXED
 * the address and the range (-EINVAL); no VM state (-ENOMEM); then the descriptor (-EBADF, -EACCES,
 * -ENODEV); then room and memory (-ENOMEM).  Flag bits other than
 * MAP_SHARED, MAP_PRIVATE, MAP_FIXED and MAP_ANONYMOUS, and prot bits
 * other than PROT_READ/WRITE/EXEC, are ignored.
 */
int do_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off, void **ret);

/*
 * Removes the pages of [addr, addr + len) (len rounded up) from curproc's
 * map (vmmap_remove(): areas are cut or split as needed).  Unmapping pages
 * that are not mapped is fine and returns 0 (page 0 included: munmap(NULL,
 * 4096) is 0, as on Linux).  -EINVAL when 'addr' is not
 * page aligned, len is 0, or the range reaches past user space (or wraps);
 * -ENOMEM when a split needs memory that is not there or curproc has no VM
 * state.
 */
int do_munmap(void *addr, size_t len);

#endif
