/*
 * User threads: entering user mode, the way back to it, and the exit of a
 * user process.  (Support code; see api/uthread.h.)
 *
 * Entering user mode is returning from an interrupt that never happened:
 * userland_entry() builds the frame an interrupt from user mode would have
 * left at the top of the thread's kernel stack and jumps to intr_return
 * (boot/intr.S), whose iret drops to privilege level 3.  From then on the
 * CPU comes back to the top of that stack on every interrupt, exception
 * and system call, and leaves from there again.
 *
 * A fork's child starts the same way: uthread_clone() gives it a kernel
 * thread whose first function, uthread_first_entry(), enters user mode
 * with the parent's frame (eax 0, the child's result of fork()).  The
 * frame travels in the lowest bytes of the child's own kernel stack, far
 * from the top where the thread starts to run, so nothing is allocated
 * that a failed fork would have to free.
 */
#include "api/uthread.h"
#include "api/fdflags.h"
#include "api/linux2.h"
#include "api/signal.h"
#include "api/vmglue.h"
#include "boot/gdt.h"
#include "errno.h"
#include "mm/kstack.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "proc/sched.h"
#include "util/debug.h"
#include "util/kprintf.h"
#include "util/string.h"
#include "vfs/vfs_proc.h"

extern char intr_return[];

void uthread_regs_init(regs_t *regs, uintptr_t eip, uintptr_t esp)
{
	memset(regs, 0, sizeof(*regs));
	regs->r_ds = regs->r_es = regs->r_fs = GDT_USER_DATA;
	regs->r_gs = 0;
	regs->r_cs = GDT_USER_CODE;
	regs->r_ss = GDT_USER_DATA;
	regs->r_eip = eip;
	regs->r_useresp = esp;
	regs->r_eflags = UTHREAD_EFLAGS;
}

regs_t *uthread_regs(void)
{
	return (regs_t *)((char *)curthr->kt_kstack + KSTACK_SIZE - sizeof(regs_t));
}

void userland_entry(const regs_t *regs)
{
	KASSERT(regs->r_cs == GDT_USER_CODE && regs->r_ss == GDT_USER_DATA);
	intr_disable();
	regs_t *top = uthread_regs();
	memmove(top, regs, sizeof(*top));
	top->r_eflags = (top->r_eflags & ~0x3000u) | EFLAGS_IF; /* IOPL 0, interrupts on */
	__asm__ volatile("movl %0, %%esp\n\t"
			 "jmp *%1"
			 :
			 : "r"(top), "r"(intr_return)
			 : "memory");
	__builtin_unreachable();
}

static void *uthread_first_entry(long arg1, void *arg2)
{
	regs_t regs;
	memcpy(&regs, arg2, sizeof(regs));
	userland_entry(&regs);
}

kthread_t *uthread_clone(proc_t *child, const regs_t *regs)
{
	kthread_t *thr = kthread_create(child, uthread_first_entry, 0, NULL);
	if (thr == NULL) {
		return NULL;
	}
	regs_t *copy = thr->kt_kstack; /* the lowest bytes of the new stack */
	*copy = *regs;
	copy->r_eax = 0;
	context_setup(&thr->kt_ctx, uthread_first_entry, 0, copy, thr->kt_kstack, KSTACK_SIZE,
		      child->p_pagedir);
	thr->kt_ctx.c_tls[0] = curthr->kt_ctx.c_tls[0];
	thr->kt_ctx.c_tls[1] = curthr->kt_ctx.c_tls[1];
	fdflags_fork(curproc, child);
	pgrp_fork(curproc, child);
	signal_fork(curproc, child);
	return thr;
}

void uproc_kill_others(int status)
{
	for (proc_t *p = proc_next(NULL); p != NULL; p = proc_next(p)) {
		if (p == curproc || p == proc_initproc || p->p_pid == PID_IDLE ||
		    p->p_state == PROC_DEAD || vm_proc_get(p) == NULL) {
			continue;
		}
		proc_kill(p, status);
	}
}

/* The pages of anonymous and shadow memory that only 'p' holds (uthread.h). */
static size_t uproc_pages(proc_t *p)
{
	vm_proc_t *vp = vm_proc_get(p);
	if (vp == NULL || vp->vmp_map == NULL) {
		return 0;
	}
	size_t n = 0;
	list_t *areas = &vp->vmp_map->vmm_list;
	for (list_link_t *l = areas->l_next; l != areas; l = l->l_next) {
		vmarea_t *vma = container_of(l, vmarea_t, vma_plink);
		/* Only what is this process's own: the chain down to the first shared object. */
		for (mobj_t *o = vma->vma_obj; o != NULL && o->mo_refcount == 1;
		     o = o->mo_shadowed) {
			if (o->mo_type == MOBJ_ANON || o->mo_type == MOBJ_SHADOW) {
				n += o->mo_npages;
			}
		}
	}
	return n;
}

bool uthread_killed(const kthread_t *thr)
{
	return thr->kt_cancelled && thr->kt_retval != UTHREAD_INTERRUPTED;
}

void uthread_interrupt(proc_t *p)
{
	uint32_t flags = intr_save();
	for (list_link_t *l = p->p_threads.l_next; l != &p->p_threads; l = l->l_next) {
		kthread_t *thr = container_of(l, kthread_t, kt_plink);
		if (thr->kt_state != KT_EXITED && !thr->kt_cancelled) {
			thr->kt_retval = UTHREAD_INTERRUPTED;
			thr->kt_cancelled = true;
			sched_cancel(thr);
		}
	}
	intr_restore(flags);
}

bool uthread_take_interrupt(void)
{
	uint32_t flags = intr_save();
	bool was = curthr->kt_cancelled && curthr->kt_retval == UTHREAD_INTERRUPTED;
	if (was) {
		curthr->kt_cancelled = false;
		curthr->kt_retval = NULL;
	}
	intr_restore(flags);
	return was;
}

/* Whether one of p's threads has been killed (not yet gone). */
static bool uproc_dying(proc_t *p)
{
	for (list_link_t *l = p->p_threads.l_next; l != &p->p_threads; l = l->l_next) {
		if (uthread_killed(container_of(l, kthread_t, kt_plink))) {
			return true;
		}
	}
	return false;
}

bool uproc_oom_kill_other(int tries)
{
	if (tries >= UPROC_OOM_TRIES || uthread_killed(curthr)) {
		return false;
	}
	proc_t *victim = NULL, *dying = NULL;
	size_t most = 0;
	for (proc_t *p = proc_next(NULL); p != NULL; p = proc_next(p)) {
		if (p->p_pid == PID_IDLE || p->p_state == PROC_DEAD || vm_proc_get(p) == NULL) {
			continue;
		}
		if (p != curproc && uproc_dying(p)) {
			dying = p;
			continue;
		}
		size_t n = uproc_pages(p);
		if (victim == NULL || n > most) {
			victim = p;
			most = n;
		}
	}
	if (dying == NULL) {
		if (victim == NULL || victim == curproc) {
			return false;
		}
		kprintf("out of memory: pid %d (%s) killed for pid %d\n", victim->p_pid,
			victim->p_name, curproc->p_pid);
		proc_kill(victim, 9);
	}
	sched_sleep_ticks(1);
	return true;
}

void *uproc_page_alloc(void)
{
	void *page = page_alloc();
	for (int tries = 0; page == NULL && uproc_oom_kill_other(tries); tries++) {
		page = page_alloc();
	}
	return page;
}

/*
 * Init (pid 1) may not exit with children: every other user process is
 * killed (SIGKILL) and init reaps its children, waiting for those still
 * alive (yielding when the wait is cut short because init itself was
 * cancelled, as reboot() does).
 */
static void init_reap_children(void)
{
	uproc_kill_others(9);
	while (!list_empty(&curproc->p_children)) {
		int status;
		if (do_waitpid(-1, &status, 0) == -EINTR) {
			sched_yield();
		}
	}
}

void uthread_exit(int status)
{
	uthread_take_interrupt(); /* kthread_exit() must not take the marker for a status */
	intr_enable();
	if (curproc == proc_initproc) {
		init_reap_children();
	}
	fdflags_release(curproc);
	pgrp_exit(curproc);
	vm_proc_release(curproc);
	vfs_proc_release(curproc);
	signal_exit(status); /* nothing between it and do_exit() may sleep */
	do_exit(status);
}

void uthread_return_hook(regs_t *r)
{
	if (r->r_vector == IRQ_BASE + IRQ_TIMER && !curthr->kt_cancelled) {
		sched_yield();
	}
	if (uthread_killed(curthr)) {
		uthread_exit((int)curthr->kt_retval);
	}
	signal_deliver(r, uthread_take_interrupt());
}

/* The signal Linux sends for each exception a program can cause. */
static int exception_signal(int vec)
{
	switch (vec) {
	case EXC_DIVIDE:
	case 16:          /* x87 floating-point error */
	case 19:          /* SIMD floating-point error */
		return 8; /* SIGFPE */
	case 1:
	case EXC_BREAKPOINT:
		return 5; /* SIGTRAP */
	case EXC_INVALID_OPCODE:
		return 4; /* SIGILL */
	case 17:          /* alignment check */
		return 7; /* SIGBUS */
	default:
		return 11; /* SIGSEGV */
	}
}

void uthread_exception(regs_t *r)
{
	int sig = exception_signal(r->r_vector);
	if (signal_fault(sig, SI_KERNEL, r->r_eip)) {
		return;
	}
	kprintf("%s: pid %d (%s) %s at eip 0x%08x\n",
		sig == SIGSEGV ? "segfault" : "fatal exception", curproc->p_pid, curproc->p_name,
		exception_name(r->r_vector), r->r_eip);
	uthread_exit(sig);
}
