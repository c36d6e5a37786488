/*
 * Thread contexts: the machine state a thread leaves behind when it stops
 * running.  (Support code; not part of any assignment.)
 *
 * A context is a saved stack pointer.  context_switch() pushes the
 * callee-saved registers (ebp, ebx, esi, edi) on the old thread's stack,
 * saves its ESP, loads the new thread's ESP, pops its registers and returns
 * into wherever that thread called context_switch() last.  It also switches
 * the page directory, the kernel stack the CPU uses on entry from user
 * mode (the TSS's esp0) and the thread-local-storage descriptor in the GDT.
 */
#ifndef KEEL_PROC_CONTEXT_H
#define KEEL_PROC_CONTEXT_H

#include "types.h"

struct pagedir;

typedef struct context {
	uint32_t c_esp;            /* saved stack pointer */
	struct pagedir *c_pagedir; /* the address space to run in */
	void *c_kstack;            /* lowest address of the kernel stack */
	size_t c_kstacksz;
	uint32_t c_tls[2]; /* the thread's TLS descriptor (boot/gdt.h); {0, 0}: none */
} context_t;

typedef void *(*context_func_t)(long arg1, void *arg2);

/*
 * Prepares 'c' so that switching to it calls func(arg1, arg2) on 'kstack'
 * with interrupts enabled; when func returns, its value is passed to
 * kthread_exit().  The context has no TLS descriptor (c_tls zero).
 */
void context_setup(context_t *c, context_func_t func, long arg1, void *arg2, void *kstack,
		   size_t kstacksz, struct pagedir *pd);

/* Saves the running context into 'old' and resumes 'new'.  Call with interrupts off. */
void context_switch(context_t *old, context_t *new);

/* Resumes 'c' without saving anything: the first switch at boot. */
void context_make_active(context_t *c) __noreturn;

#endif
