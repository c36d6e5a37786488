/*
 * Kernel threads.
 *
 * Every thread belongs to a process and runs on its own kernel stack of
 * KSTACK_SIZE bytes with an unmapped guard page below it (mm/kstack.h), so
 * running off the end is reported as a stack overflow of that thread.
 *
 * Lifetime: kthread_create() makes a thread in state KT_NO_STATE; the
 * creator makes it runnable with sched_make_runnable().  A thread ends by
 * returning from its function or calling kthread_exit(): it becomes
 * KT_EXITED and never runs again, but its stack and kthread_t live on (it
 * is still running on that stack as it exits) until the parent of its
 * process reaps the process in do_waitpid(), which calls kthread_destroy().
 *
 * Cancellation: kthread_cancel() asks a thread to stop.  It records the
 * value the thread should exit with, sets kt_cancelled and, if the thread
 * is in a cancellable sleep, wakes it (its sleep returns -EINTR).  The
 * thread itself notices and exits; nothing kills a thread from outside.
 * kt_cancelled never goes back to false, so every cancellable sleep the
 * thread tries afterwards returns -EINTR at once (see proc/sched.h for a
 * thread woken normally and cancelled before it ran, and proc/kmutex.h for
 * a mutex handed over just before the cancellation).  (One exception,
 * outside this stage's code: the VM stage's support code uses the same
 * flag to interrupt a user process's system call for a signal, and clears
 * it again on the way back to user mode; see api/uthread.h.  Nothing in
 * PROCS changes because of it.)
 */
#ifndef KEEL_PROC_KTHREAD_H
#define KEEL_PROC_KTHREAD_H

#include "proc/context.h"
#include "types.h"
#include "util/list.h"

struct proc;
struct ktqueue;

typedef enum kthread_state {
	KT_NO_STATE,          /* created, not yet runnable */
	KT_RUN,               /* running or on the run queue */
	KT_SLEEP,             /* on a wait queue; only a wakeup ends the sleep */
	KT_SLEEP_CANCELLABLE, /* on a wait queue; a wakeup or a cancellation ends it */
	KT_EXITED,            /* finished; waiting to be destroyed */
} kthread_state_t;

typedef void *(*kthread_func_t)(long arg1, void *arg2);

typedef struct kthread {
	context_t kt_ctx;          /* saved registers; owned by sched.c */
	void *kt_kstack;           /* lowest address of the guarded stack */
	void *kt_retval;           /* exit value (or the value a cancel asked for) */
	struct proc *kt_proc;      /* the process this thread belongs to */
	bool kt_cancelled;         /* kthread_cancel() was called */
	/*
	 * The queue whose list holds kt_qlink: the wait queue it sleeps on
	 * (KT_SLEEP, KT_SLEEP_CANCELLABLE), the run queue while it is runnable
	 * and not running (KT_RUN), or NULL (running, new, exited).  Owned by
	 * sched.c.
	 */
	struct ktqueue *kt_wchan;
	kthread_state_t kt_state;  /* owned by sched.c and kthread.c */
	list_link_t kt_qlink;      /* on the run queue or kt_wchan; owned by sched.c */
	list_link_t kt_plink;      /* on kt_proc->p_threads */
	uint32_t kt_wake_tick;     /* for sched_sleep_ticks(); owned by sched.c */
} kthread_t;

/* The running thread. */
extern kthread_t *curthr;

/*
 * Creates a thread in process 'p' that will run func(arg1, arg2), with its
 * own guarded kernel stack and p's page directory, and adds it to
 * p->p_threads.  The thread is not runnable yet (state KT_NO_STATE).
 * The stack comes from kstack_alloc(p->p_name): the name is what a stack
 * overflow reports, "kernel stack overflow in '<process name>'" (a test
 * expects that message).  Returns NULL when out of memory (and frees what
 * it allocated).
 */
kthread_t *kthread_create(struct proc *p, kthread_func_t func, long arg1, void *arg2);

/*
 * Frees an exited thread's stack and kthread_t and unlinks it from its
 * process.  'thr' must be KT_EXITED (or KT_NO_STATE, never run) and must
 * not be the running thread.
 */
void kthread_destroy(kthread_t *thr);

/*
 * Asks 'thr' to exit with 'retval': sets kt_cancelled and kt_retval, and
 * wakes the thread if it is in a cancellable sleep.  Cancelling the running
 * thread exits it at once (kthread_exit(retval)).  Cancelling a thread
 * twice keeps the later retval.  'thr' must not have exited (KT_EXITED): a
 * KASSERT catches that bug, so callers such as proc_kill() skip exited
 * threads.
 */
void kthread_cancel(kthread_t *thr, void *retval);

/*
 * Ends the running thread with 'retval' (or, if it was cancelled, with the
 * value the cancel gave).  The process is told (proc_thread_exited()); the
 * thread never runs again.
 */
void kthread_exit(void *retval) __noreturn;

/* Support: the slab cache for threads. */
void kthread_init(void);

#endif
