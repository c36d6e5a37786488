/*
 * Kernel threads: creation, cancellation, exit and destruction.
 *
 * Who owns what:
 *   - A thread's kernel stack and kthread_t are allocated by
 *     kthread_create() and freed by kthread_destroy(), which the parent calls
 *     while reaping the process (do_waitpid()).  A thread can never free its
 *     own stack: it is running on it until its last context switch.
 *   - The thread's state and queue links belong to the scheduler (sched.c)
 *     from the moment the thread is made runnable.
 */
#include "proc/kthread.h"
#include "boot/interrupt.h"
#include "errno.h"
#include "mm/kstack.h"
#include "mm/slab.h"
#include "proc/proc.h"
#include "util/debug.h"
#include "util/string.h"

kthread_t *curthr;
static slab_allocator_t *kthread_cache;

void kthread_init(void)
{
	kthread_cache = slab_allocator_create("kthread", sizeof(kthread_t));
	KASSERT(kthread_cache != NULL);
}

kthread_t *kthread_create(proc_t *p, kthread_func_t func, long arg1, void *arg2)
{
	/* BEGIN SOLUTION(procs, kthread_create) -> NULL */
	KASSERT(p != NULL && func != NULL);
	kthread_t *thr = slab_obj_alloc(kthread_cache);
	if (thr == NULL) {
		return NULL;
	}
	memset(thr, 0, sizeof(*thr));
	thr->kt_kstack = kstack_alloc(p->p_name);
	if (thr->kt_kstack == NULL) {
		slab_obj_free(kthread_cache, thr);
		return NULL;
	}
	context_setup(&thr->kt_ctx, func, arg1, arg2, thr->kt_kstack, KSTACK_SIZE, p->p_pagedir);
	thr->kt_proc = p;
	thr->kt_state = KT_NO_STATE;
	list_link_init(&thr->kt_qlink);
	list_link_init(&thr->kt_plink);
	list_insert_tail(&p->p_threads, &thr->kt_plink);
	return thr;
	/* END SOLUTION */
}

void kthread_destroy(kthread_t *thr)
{
	/* BEGIN SOLUTION(procs, kthread_destroy) -> nothing */
	KASSERT(thr != curthr);
	KASSERT(thr->kt_state == KT_EXITED || thr->kt_state == KT_NO_STATE);
	KASSERT(!list_link_is_linked(&thr->kt_qlink) && thr->kt_wchan == NULL);
	if (list_link_is_linked(&thr->kt_plink)) {
		list_remove(&thr->kt_plink);
	}
	kstack_free(thr->kt_kstack);
	slab_obj_free(kthread_cache, thr);
	/* END SOLUTION */
}

void kthread_cancel(kthread_t *thr, void *retval)
{
	/* BEGIN SOLUTION(procs, kthread_cancel) -> nothing */
	KASSERT(thr != NULL && thr->kt_state != KT_EXITED);
	if (thr == curthr) {
		kthread_exit(retval);
	}
	thr->kt_retval = retval;
	thr->kt_cancelled = true;
	sched_cancel(thr);
	/* END SOLUTION */
}

void kthread_exit(void *retval)
{
	/* BEGIN SOLUTION(procs, kthread_exit) -> panic */
	KASSERT(curthr->kt_wchan == NULL);
	if (!curthr->kt_cancelled) {
		curthr->kt_retval = retval;
	}
	intr_disable();
	curthr->kt_state = KT_EXITED;
	proc_thread_exited(curthr->kt_retval);
	sched_switch();
	panic("kthread_exit: an exited thread ran again");
	/* END SOLUTION */
}
