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
 *
 * The floating-point and SSE registers: user programs use them (glibc's
 * string functions pick SSE2 versions when the CPU has SSE2), so each
 * thread keeps its own copy while it is switched out: context_switch()
 * saves them (fxsave's 512 bytes, or fnsave's 108 on a CPU without FXSR)
 * in its own frame on the thread's kernel stack and loads them back when
 * the thread is switched in again.  The kernel itself never touches them
 * (it is built with -mgeneral-regs-only).  A new context starts with the
 * FPU reset (fninit, and MXCSR 0x1f80: every SSE exception masked), as a
 * program does on Linux.  The first switch
 * at boot enables the FPU (CR0.MP and NE set, EM and TS clear) and, when
 * CPUID says the CPU has FXSR and SSE, SSE (CR4.OSFXSR and OSXMMEXCPT).
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
	uint32_t c_tls[2];       /* the thread's TLS descriptor (boot/gdt.h); {0, 0}: none */
	bool c_fpu_saved;        /* c_fpu holds saved registers (else: reset them) */
	uint8_t c_fpu[512 + 16]; /* the FPU/SSE registers, at the first 16-aligned byte */
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

/* Resets the FPU and SSE registers (a new context; context_first_entry calls it). */
void context_fpu_reset(void);

/* Resumes 'c' without saving anything: the first switch at boot. */
void context_make_active(context_t *c) __noreturn;

#endif
