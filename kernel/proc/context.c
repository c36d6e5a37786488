/*
 * Thread contexts (support code).  See proc/context.h.
 *
 * A new thread's stack is built to look as if the thread had called
 * context_switch_stacks() from context_first_entry:
 *
 *     top of stack -> | 0                   |  (fake return address: ends backtraces)
 *                     | context_first_entry |  <- "ret" goes here
 *                     | ebp = 0             |
 *                     | ebx = func          |
 *                     | esi = arg1          |
 *     c_esp ------->  | edi = arg2          |
 */
#include "proc/context.h"
#include "boot/gdt.h"
#include "boot/interrupt.h"
#include "io.h"
#include "mm/pagetable.h"
#include "util/debug.h"

void context_switch_stacks(uint32_t *save_esp, uint32_t new_esp);
extern char context_first_entry[];

void context_setup(context_t *c, context_func_t func, long arg1, void *arg2, void *kstack,
		   size_t kstacksz, struct pagedir *pd)
{
	uint32_t *sp = (uint32_t *)((char *)kstack + kstacksz);
	*--sp = 0;
	*--sp = (uint32_t)context_first_entry;
	*--sp = 0;              /* ebp */
	*--sp = (uint32_t)func; /* ebx */
	*--sp = (uint32_t)arg1; /* esi */
	*--sp = (uint32_t)arg2; /* edi */
	c->c_esp = (uint32_t)sp;
	c->c_pagedir = pd;
	c->c_kstack = kstack;
	c->c_kstacksz = kstacksz;
	c->c_tls[0] = c->c_tls[1] = 0;
}

#define CR0_MP (1u << 1)
#define CR0_EM (1u << 2)
#define CR0_TS (1u << 3)
#define CR0_NE (1u << 5)
#define CR4_OSFXSR (1u << 9)
#define CR4_OSXMMEXCPT (1u << 10)
#define CPUID_FXSR (1u << 24)
#define CPUID_SSE (1u << 25)
#define MXCSR_DEFAULT 0x1f80u

static bool fpu_fxsr; /* fxsave/fxrstor (else fnsave/frstor) */
static bool fpu_sse;  /* SSE enabled: MXCSR to reset */

static void fpu_setup(void)
{
	uint32_t a = 1, b, c, d;
	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	uint32_t cr0 = read_cr0();
	cr0 = (cr0 & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE;
	__asm__ volatile("movl %0, %%cr0" : : "r"(cr0) : "memory");
	fpu_fxsr = (d & CPUID_FXSR) != 0;
	if (fpu_fxsr && (d & CPUID_SSE)) {
		write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
		fpu_sse = true;
	}
	__asm__ volatile("fninit");
}

static void fpu_save(void *area)
{
	if (fpu_fxsr) {
		__asm__ volatile("fxsave (%0)" : : "r"(area) : "memory");
	} else {
		__asm__ volatile("fnsave (%0)" : : "r"(area) : "memory");
	}
}

static void fpu_restore(const void *area)
{
	if (fpu_fxsr) {
		__asm__ volatile("fxrstor (%0)" : : "r"(area) : "memory");
	} else {
		__asm__ volatile("frstor (%0)" : : "r"(area) : "memory");
	}
}

/* The registers of a new context (context_first_entry calls it first). */
void context_fpu_reset(void)
{
	__asm__ volatile("fninit");
	if (fpu_sse) {
		uint32_t mxcsr = MXCSR_DEFAULT;
		__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	}
}

static void context_load_address_space(context_t *c)
{
	pt_activate(c->c_pagedir);
	tss_set_kernel_stack((uint32_t)c->c_kstack + c->c_kstacksz);
	gdt_set_tls(c->c_tls);
}

void context_switch(context_t *old, context_t *new)
{
	KASSERT(!intr_enabled());
	uint8_t fpu[512 + 16]; /* this thread's FPU registers while it is out */
	void *area = (void *)(((uintptr_t)fpu + 15) & ~(uintptr_t)15);
	fpu_save(area);
	context_load_address_space(new);
	context_switch_stacks(&old->c_esp, new->c_esp);
	fpu_restore(area);
}

void context_make_active(context_t *c)
{
	uint32_t discard;
	fpu_setup();
	context_fpu_reset();
	context_load_address_space(c);
	context_switch_stacks(&discard, c->c_esp);
	panic("context_make_active: returned");
}
