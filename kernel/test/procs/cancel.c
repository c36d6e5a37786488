/*
 * Cancellation: a cancelled thread in a cancellable sleep wakes with -EINTR
 * wherever it sits in its queue (head, middle, tail) and the others stay
 * asleep in order; a thread cancelled before it sleeps does not sleep at
 * all; an ordinary sleep ignores a cancellation; a thread woken normally
 * and cancelled before it runs sees -EINTR; the process exits with the
 * status the cancellation gave.
 */
#include "errno.h"
#include "test/ktest.h"
#include "test/spawn.h"

#define NSLEEPERS 5

static ktqueue_t cancel_q;
static int results[NSLEEPERS];

static void *cancellable_sleeper(long id, void *unused)
{
	results[id] = sched_cancellable_sleep_on(&cancel_q);
	return (void *)(long)(100 + id);
}

static void cancel_at(int victim)
{
	sched_queue_init(&cancel_q);
	proc_t *procs[NSLEEPERS];
	for (int i = 0; i < NSLEEPERS; i++) {
		results[i] = 1;
		procs[i] = spawn("cancel", cancellable_sleeper, i, NULL);
		if (procs[i] == NULL) {
			return;
		}
		sched_yield();
	}
	if (!KT_CHECK_EQ(cancel_q.tq_size, NSLEEPERS)) {
		return;
	}
	kthread_cancel(spawn_thread(procs[victim]), (void *)-EINTR);
	KT_CHECK_EQ(cancel_q.tq_size, NSLEEPERS - 1);
	/* The victim exits with the cancellation's value, not its own. */
	KT_CHECK_EQ(reap(procs[victim]->p_pid), -EINTR);
	KT_CHECK_EQ(results[victim], -EINTR);
	/* The rest are still asleep, in their order. */
	for (int i = 0; i < NSLEEPERS; i++) {
		if (i == victim) {
			continue;
		}
		KT_CHECK_EQ(results[i], 1);
		kthread_t *woken = sched_wakeup_on(&cancel_q);
		KT_CHECK(woken == spawn_thread(procs[i]));
		KT_CHECK_EQ(reap(procs[i]->p_pid), 100 + i);
		KT_CHECK_EQ(results[i], 0);
	}
	KT_CHECK(sched_queue_empty(&cancel_q));
}

KTEST(cancel_head, "procs.cancel.head_of_queue")
{
	cancel_at(0);
}

KTEST(cancel_middle, "procs.cancel.middle_of_queue")
{
	cancel_at(NSLEEPERS / 2);
}

KTEST(cancel_tail, "procs.cancel.tail_of_queue")
{
	cancel_at(NSLEEPERS - 1);
}

static int early_result;

static void *cancel_self_then_sleep(long unused, void *arg)
{
	ktqueue_t *q = arg;
	/* Cancelled before it ever sleeps: the sleep must not happen. */
	early_result = sched_cancellable_sleep_on(q);
	return NULL;
}

KTEST(cancel_before_sleep, "procs.cancel.before_sleep")
{
	ktqueue_t q;
	sched_queue_init(&q);
	proc_t *p = proc_create("early");
	if (!KT_CHECK(p != NULL)) {
		return;
	}
	kthread_t *thr = kthread_create(p, cancel_self_then_sleep, 0, &q);
	if (!KT_CHECK(thr != NULL)) {
		return;
	}
	early_result = 1;
	sched_make_runnable(thr);
	kthread_cancel(thr, (void *)77);
	KT_CHECK(thr->kt_cancelled);
	/* It runs, finds itself cancelled and returns at once. */
	KT_CHECK_EQ(reap(p->p_pid), 77);
	KT_CHECK_EQ(early_result, -EINTR);
	KT_CHECK(sched_queue_empty(&q));
}

static ktqueue_t plain_q;
static int plain_done;

static void *plain_sleeper(long unused, void *unused2)
{
	sched_sleep_on(&plain_q);
	plain_done = 1;
	return (void *)5;
}

KTEST(cancel_uncancellable, "procs.cancel.plain_sleep_ignores_cancel")
{
	sched_queue_init(&plain_q);
	plain_done = 0;
	proc_t *p = spawn("plain", plain_sleeper, 0, NULL);
	if (p == NULL) {
		return;
	}
	sched_yield();
	kthread_t *thr = spawn_thread(p);
	kthread_cancel(thr, (void *)9);
	yield_n(3);
	KT_CHECK_EQ(thr->kt_state, KT_SLEEP);
	KT_CHECK_EQ(plain_q.tq_size, 1);
	KT_CHECK_EQ(plain_done, 0);
	/* Only a wakeup ends it; it still exits with the cancellation's value. */
	KT_CHECK(sched_wakeup_on(&plain_q) == thr);
	KT_CHECK_EQ(reap(p->p_pid), 9);
	KT_CHECK_EQ(plain_done, 1);
}

static int nap_result;

static void *sleep_ticks_long(long unused, void *unused2)
{
	nap_result =
	    sched_sleep_ticks(100000); /* 1000 s at 100 Hz: only a cancel ends it in time */
	return NULL;
}

KTEST(cancel_timed_sleep, "procs.cancel.timed_sleep")
{
	proc_t *p = spawn("napper", sleep_ticks_long, 0, NULL);
	if (p == NULL) {
		return;
	}
	sched_yield();
	kthread_t *thr = spawn_thread(p);
	KT_CHECK_EQ(thr->kt_state, KT_SLEEP_CANCELLABLE);
	nap_result = 1;
	kthread_cancel(thr, (void *)3);
	KT_CHECK_EQ(reap(p->p_pid), 3);
	KT_CHECK_EQ(nap_result, -EINTR);
}

static ktqueue_t late_q;
static int late_result;

static void *late_sleeper(long unused, void *unused2)
{
	late_result = sched_cancellable_sleep_on(&late_q);
	return (void *)1;
}

KTEST(cancel_after_wakeup, "procs.cancel.after_wakeup")
{
	sched_queue_init(&late_q);
	proc_t *p = spawn("late", late_sleeper, 0, NULL);
	if (p == NULL) {
		return;
	}
	sched_yield();
	kthread_t *thr = spawn_thread(p);
	if (!KT_CHECK_EQ(thr->kt_state, KT_SLEEP_CANCELLABLE)) {
		sched_wakeup_on(&late_q);
		reap(p->p_pid);
		return;
	}
	late_result = 1;
	/* Woken normally, then cancelled before it gets the CPU: the sleep says -EINTR. */
	KT_CHECK(sched_wakeup_on(&late_q) == thr);
	KT_CHECK_EQ(thr->kt_state, KT_RUN);
	kthread_cancel(thr, (void *)4);
	KT_CHECK_EQ(reap(p->p_pid), 4);
	KT_CHECK_EQ(late_result, -EINTR);
	KT_CHECK(sched_queue_empty(&late_q));
}
