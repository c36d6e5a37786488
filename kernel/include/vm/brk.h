/* brk(): the end of the heap. */
#ifndef KEEL_VM_BRK_H
#define KEEL_VM_BRK_H

#include "types.h"

/*
 * Moves curproc's break (vm_proc_t's vmp_brk) to 'addr' with Linux's
 * semantics, and stores the break in *ret: the new one on success, the
 * unchanged one otherwise.  The heap is the pages [vmp_start_brk,
 * page_align_up(vmp_brk)): growing it maps the new pages as a new private
 * anonymous area (read and write; vmmap_map() with a fresh object, so
 * pages given up by an earlier shrink read as zeros again), shrinking it
 * removes the pages past the new break's page (vmmap_remove()).  A break
 * that moves within its page maps or removes nothing.
 *
 * The break stays as it is (and 0 is still returned, as Linux's brk
 * returns the old break rather than fail) when 'addr' is NULL (the way to
 * ask for the current break), below vmp_start_brk, at or above the kernel
 * half, when the new pages would overlap another mapping, or when memory
 * runs out.  Returns -ENOMEM only when curproc has no VM state.
 */
int do_brk(void *addr, void **ret);

#endif
