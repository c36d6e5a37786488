/*
 * Kernel mutexes with FIFO hand-off (see proc/kmutex.h).
 *
 * Hand-off means kmutex_unlock() never leaves the mutex free while someone
 * waits: it makes the oldest waiter the holder and wakes it.  A thread that
 * comes along in between finds the mutex held and queues behind the others,
 * so the order of acquisition is the order of arrival.
 */
#include "proc/kmutex.h"
#include "errno.h"
#include "proc/kthread.h"
#include "util/debug.h"

void kmutex_init(kmutex_t *m)
{
	/* BEGIN SOLUTION(procs, kmutex_init) -> nothing */
	sched_queue_init(&m->km_waitq);
	m->km_holder = NULL;
	/* END SOLUTION */
}

bool kmutex_owns(const kmutex_t *m)
{
	return m->km_holder == curthr;
}

void kmutex_lock(kmutex_t *m)
{
	/* BEGIN SOLUTION(procs, kmutex_lock) -> nothing */
	KASSERT(m->km_holder != curthr && "locking a mutex you already hold");
	if (m->km_holder == NULL) {
		m->km_holder = curthr;
		return;
	}
	sched_sleep_on(&m->km_waitq);
	KASSERT(m->km_holder == curthr);
	/* END SOLUTION */
}

int kmutex_lock_cancellable(kmutex_t *m)
{
	/* BEGIN SOLUTION(procs, kmutex_lock_cancellable) -> -ENOSYS */
	KASSERT(m->km_holder != curthr && "locking a mutex you already hold");
	if (m->km_holder == NULL) {
		m->km_holder = curthr;
		return 0;
	}
	/*
	 * A cancellation may race with a hand-off: if unlock already made us
	 * the holder, we own the mutex whatever the sleep says.
	 */
	if (sched_cancellable_sleep_on(&m->km_waitq) == -EINTR && m->km_holder != curthr) {
		return -EINTR;
	}
	KASSERT(m->km_holder == curthr);
	return 0;
	/* END SOLUTION */
}

void kmutex_unlock(kmutex_t *m)
{
	/* BEGIN SOLUTION(procs, kmutex_unlock) -> nothing */
	KASSERT(m->km_holder == curthr && "unlocking a mutex you do not hold");
	m->km_holder = NULL;
	kthread_t *next = sched_wakeup_on(&m->km_waitq);
	if (next != NULL) {
		m->km_holder = next;
	}
	/* END SOLUTION */
}
