/*
 * Kernel mutexes: sleeping locks with FIFO hand-off.
 *
 * A thread that finds the mutex held sleeps on the mutex's queue.  Unlocking
 * hands the mutex straight to the thread that has waited longest (it wakes
 * up already holding it), so waiters get the mutex in the order they asked
 * for it and none can starve.  A mutex is not recursive; locking one you
 * hold, or unlocking one you do not hold, is a bug that KASSERT catches.
 * Mutexes may not be used in interrupt handlers (they sleep).
 */
#ifndef KEEL_PROC_KMUTEX_H
#define KEEL_PROC_KMUTEX_H

#include "proc/sched.h"
#include "types.h"

struct kthread;

typedef struct kmutex {
	ktqueue_t km_waitq;         /* threads waiting for the mutex, oldest first */
	struct kthread *km_holder;  /* the owner, or NULL */
} kmutex_t;

void kmutex_init(kmutex_t *m);

/* Acquires 'm', sleeping (not cancellably) while another thread holds it. */
void kmutex_lock(kmutex_t *m);

/*
 * Acquires 'm', sleeping cancellably.  Returns 0 holding the mutex, or
 * -EINTR without it if the thread is cancelled before it gets the mutex.
 */
int kmutex_lock_cancellable(kmutex_t *m);

/* Releases 'm', handing it to the oldest waiter if there is one. */
void kmutex_unlock(kmutex_t *m);

/* Whether the running thread holds 'm'. */
bool kmutex_owns(const kmutex_t *m);

#endif
