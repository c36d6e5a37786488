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

static void context_load_address_space(context_t *c)
{
	pt_activate(c->c_pagedir);
	tss_set_kernel_stack((uint32_t)c->c_kstack + c->c_kstacksz);
	gdt_set_tls(c->c_tls);
}

void context_switch(context_t *old, context_t *new)
{
	KASSERT(!intr_enabled());
	context_load_address_space(new);
	context_switch_stacks(&old->c_esp, new->c_esp);
}

void context_make_active(context_t *c)
{
	uint32_t discard;
	context_load_address_space(c);
	context_switch_stacks(&discard, c->c_esp);
	panic("context_make_active: returned");
}
