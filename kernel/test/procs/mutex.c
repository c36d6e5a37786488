/*
 * Mutexes: mutual exclusion under contention (a racer that yields inside
 * its critical section), FIFO hand-off to waiters, cancellable locking, and
 * the KASSERTs that catch unlocking a mutex you do not hold and locking one
 * twice.
 */
#include "errno.h"
#include "proc/kmutex.h"
#include "test/ktest.h"
#include "test/spawn.h"

#define NRACERS 6
#define ROUNDS 50

static kmutex_t race_mutex;
static volatile int race_counter;
static int race_inside;
static int race_overlaps;

/* Reads the counter, yields while "holding" the value, then writes it back. */
static void *racer(long unused, void *unused2)
{
	for (int i = 0; i < ROUNDS; i++) {
		kmutex_lock(&race_mutex);
		if (race_inside++ != 0) {
			race_overlaps++;
		}
		int v = race_counter;
		sched_yield();
		race_counter = v + 1;
		race_inside--;
		kmutex_unlock(&race_mutex);
		sched_yield();
	}
	return NULL;
}

KTEST(mutex_racer, "procs.mutex.racer")
{
	kmutex_init(&race_mutex);
	race_counter = 0;
	race_inside = race_overlaps = 0;
	proc_t *procs[NRACERS];
	for (int i = 0; i < NRACERS; i++) {
		procs[i] = spawn("racer", racer, i, NULL);
		if (procs[i] == NULL) {
			return;
		}
	}
	for (int i = 0; i < NRACERS; i++) {
		reap(procs[i]->p_pid);
	}
	KT_CHECK_EQ(race_overlaps, 0);
	KT_CHECK_EQ(race_counter, NRACERS * ROUNDS);
	KT_CHECK(race_mutex.km_holder == NULL);
}

static kmutex_t fifo_mutex;
static int fifo_order[NRACERS + 1];
static int fifo_n;

static void *lock_and_log(long id, void *unused)
{
	kmutex_lock(&fifo_mutex);
	fifo_order[fifo_n++] = (int)id;
	kmutex_unlock(&fifo_mutex);
	return NULL;
}

KTEST(mutex_fifo, "procs.mutex.fifo_handoff")
{
	kmutex_init(&fifo_mutex);
	fifo_n = 0;
	kmutex_lock(&fifo_mutex);
	proc_t *procs[NRACERS];
	for (int i = 0; i < NRACERS; i++) {
		procs[i] = spawn("waiter", lock_and_log, i, NULL);
		if (procs[i] == NULL) {
			kmutex_unlock(&fifo_mutex);
			return;
		}
		sched_yield(); /* it queues on the mutex before the next starts */
	}
	KT_CHECK_EQ(fifo_mutex.km_waitq.tq_size, NRACERS);
	kmutex_unlock(&fifo_mutex);
	/* Hand-off: the oldest waiter owns the mutex before it even runs. */
	KT_CHECK(fifo_mutex.km_holder == spawn_thread(procs[0]));
	/* A newcomer (this thread) cannot barge in: it gets the mutex last. */
	lock_and_log(NRACERS, NULL);
	for (int i = 0; i < NRACERS; i++) {
		reap(procs[i]->p_pid);
	}
	KT_CHECK_EQ(fifo_n, NRACERS + 1);
	for (int i = 0; i < fifo_n; i++) {
		KT_CHECK_EQ(fifo_order[i], i);
	}
}

static kmutex_t cancel_mutex;
static int cancel_lock_result;

static void *lock_cancellable(long unused, void *unused2)
{
	cancel_lock_result = kmutex_lock_cancellable(&cancel_mutex);
	if (cancel_lock_result == 0) {
		kmutex_unlock(&cancel_mutex);
	}
	return NULL;
}

KTEST(mutex_cancellable, "procs.mutex.cancellable_lock")
{
	kmutex_init(&cancel_mutex);
	/* Free mutex: taken at once. */
	KT_CHECK_EQ(kmutex_lock_cancellable(&cancel_mutex), 0);
	KT_CHECK(kmutex_owns(&cancel_mutex));
	/* Held: the waiter is cancelled and gives up without the mutex. */
	cancel_lock_result = 1;
	proc_t *p = spawn("locker", lock_cancellable, 0, NULL);
	if (p == NULL) {
		kmutex_unlock(&cancel_mutex);
		return;
	}
	sched_yield();
	KT_CHECK_EQ(cancel_mutex.km_waitq.tq_size, 1);
	kthread_cancel(spawn_thread(p), (void *)-EINTR);
	KT_CHECK_EQ(reap(p->p_pid), -EINTR);
	KT_CHECK_EQ(cancel_lock_result, -EINTR);
	KT_CHECK(kmutex_owns(&cancel_mutex));
	KT_CHECK(sched_queue_empty(&cancel_mutex.km_waitq));
	kmutex_unlock(&cancel_mutex);
	KT_CHECK(cancel_mutex.km_holder == NULL);
}

static int handoff_result;
static bool handoff_held;

static void *lock_cancellable_report(long unused, void *unused2)
{
	handoff_result = kmutex_lock_cancellable(&cancel_mutex);
	handoff_held = kmutex_owns(&cancel_mutex);
	if (handoff_result == 0) {
		kmutex_unlock(&cancel_mutex);
	}
	return NULL;
}

KTEST(mutex_handoff_then_cancel, "procs.mutex.handoff_then_cancel")
{
	kmutex_init(&cancel_mutex);
	kmutex_lock(&cancel_mutex);
	handoff_result = 1;
	handoff_held = false;
	proc_t *p = spawn("handoff", lock_cancellable_report, 0, NULL);
	if (p == NULL) {
		kmutex_unlock(&cancel_mutex);
		return;
	}
	sched_yield();
	KT_CHECK_EQ(cancel_mutex.km_waitq.tq_size, 1);
	kthread_t *thr = spawn_thread(p);
	/* Handed the mutex, then cancelled before it runs: it keeps the mutex. */
	kmutex_unlock(&cancel_mutex);
	KT_CHECK(cancel_mutex.km_holder == thr);
	kthread_cancel(thr, (void *)6);
	KT_CHECK_EQ(reap(p->p_pid), 6);
	KT_CHECK_EQ(handoff_result, 0);
	KT_CHECK(handoff_held);
	/* It unlocked it as a holder does: the mutex is free again. */
	KT_CHECK(cancel_mutex.km_holder == NULL);
	KT_CHECK(sched_queue_empty(&cancel_mutex.km_waitq));
}

static kmutex_t held_elsewhere;

static void *lock_and_exit(long unused, void *unused2)
{
	kmutex_lock(&held_elsewhere);
	return NULL;
}

KTEST_PANIC(mutex_unlock_not_held, "procs.mutex.unlock_not_held_panics",
	    "unlocking a mutex you do not hold")
{
	kmutex_t m;
	kmutex_init(&m);
	kmutex_unlock(&m);
}

KTEST_PANIC(mutex_unlock_others, "procs.mutex.unlock_others_panics",
	    "unlocking a mutex you do not hold")
{
	kmutex_init(&held_elsewhere);
	proc_t *p = spawn("holder", lock_and_exit, 0, NULL);
	if (p == NULL) {
		return;
	}
	reap(p->p_pid);
	kmutex_unlock(&held_elsewhere);
}

KTEST_PANIC(mutex_relock, "procs.mutex.relock_panics", "locking a mutex you already hold")
{
	kmutex_t m;
	kmutex_init(&m);
	kmutex_lock(&m);
	kmutex_lock(&m);
}
