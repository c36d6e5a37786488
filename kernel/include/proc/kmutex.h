/*
 * Kernel mutexes: sleeping locks with FIFO hand-off.
 *
 * A thread that finds the mutex held sleeps on the mutex's queue.  Unlocking
 * hands the mutex straight to the thread that has waited longest (it wakes
 * up already holding it), so waiters get the mutex in the order they asked
 * for it and none can starve.  A mutex is not recursive; locking one you
 * hold, or unlocking one you do not hold, is a bug that a KASSERT catches,
 * and the failed assertion's message names the bug (the tests expect these
 * words in the panic message):
 *
 *   kmutex_lock(), kmutex_lock_cancellable() on a mutex the caller holds:
 *       "locking a mutex you already hold"
 *   kmutex_unlock() of a mutex the caller does not hold (free, or another
 *   thread's):
 *       "unlocking a mutex you do not hold"
 *
 * Write them as KASSERT(cond && "message"): a plain
 * KASSERT(m->km_holder == curthr) panics without the words.  Mutexes may
 * not be used in interrupt handlers (they sleep).
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

/*
 * Acquires 'm', sleeping (not cancellably) while another thread holds it.
 * Panics with "locking a mutex you already hold" if the caller holds it.
 */
void kmutex_lock(kmutex_t *m);

/*
 * Acquires 'm', sleeping cancellably.  Returns 0 holding the mutex, or
 * -EINTR without it if the thread is cancelled before it gets the mutex
 * (also when it was cancelled before the call and the mutex is held; a free
 * mutex is simply taken).  A thread that kmutex_unlock() has already made
 * the holder keeps the mutex even if it is cancelled before it runs again:
 * the call returns 0, and the caller unlocks as usual.  Panics with
 * "locking a mutex you already hold" if the caller holds it.
 */
int kmutex_lock_cancellable(kmutex_t *m);

/*
 * Releases 'm', handing it to the oldest waiter if there is one.  Panics
 * with "unlocking a mutex you do not hold" unless the caller holds it.
 */
void kmutex_unlock(kmutex_t *m);

/* Whether the running thread holds 'm'. */
bool kmutex_owns(const kmutex_t *m);

#endif
