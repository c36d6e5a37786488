/*
 * Kernel stacks with guard pages.
 *
 * Each stack is KSTACK_PAGES mapped pages in the kernel-stack area with one
 * unmapped page below it.  Running off the bottom touches the guard page: the
 * CPU cannot push the page-fault frame either, so it raises a double fault,
 * which runs on its own task and stack and reports "kernel stack overflow"
 * with the stack's owner instead of letting it scribble over memory.
 */
#ifndef KEEL_MM_KSTACK_H
#define KEEL_MM_KSTACK_H

#include "types.h"

#define KSTACK_PAGES 4
#define KSTACK_SIZE (KSTACK_PAGES * 4096u)
#define KSTACK_OWNER_MAX 32

/*
 * A new stack, or NULL when out of memory or slots.  Returns the lowest
 * usable address; the stack grows down from the returned address +
 * KSTACK_SIZE.  'owner' (copied) names the stack in overflow reports.
 */
void *kstack_alloc(const char *owner);
void kstack_free(void *stack);

/* Renames a stack's owner (a thread takes a stack, then gets its name). */
void kstack_set_owner(void *stack, const char *owner);

/*
 * If 'addr' lies in the guard page of an allocated stack, returns that
 * stack's owner name, else NULL.
 */
const char *kstack_guard_owner(uintptr_t addr);

/* The number of stacks in use. */
size_t kstack_count(void);

void kstack_init(void);

#endif
