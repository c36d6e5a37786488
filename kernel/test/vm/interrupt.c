/*
 * vm.api.interrupt_*: interrupting a system call for a signal
 * (api/uthread.h): uthread_interrupt() ends a cancellable sleep with
 * -EINTR, uthread_take_interrupt() takes it back so that the thread sleeps
 * and exits normally afterwards, and a real kill always wins over an
 * interrupt, whichever comes first.
 */
#include "api/uthread.h"
#include "errno.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "test/ktest.h"
#include "test/spawn.h"

static ktqueue_t intr_q;

/* Sleeps, takes the interrupt back, sleeps again; records each step in out[]. */
static void *intr_sleeper(long arg1, void *arg2)
{
	int *out = arg2;
	out[0] = sched_cancellable_sleep_on(&intr_q);
	out[1] = uthread_take_interrupt();
	out[2] = curthr->kt_cancelled;
	out[3] = uthread_take_interrupt();
	out[4] = sched_cancellable_sleep_on(&intr_q);
	return (void *)arg1;
}

KTEST(api_interrupt_wakes, "vm.api.interrupt_wakes")
{
	int out[5] = {1, 1, 1, 1, 1};
	sched_queue_init(&intr_q);
	proc_t *p = spawn("interrupted", intr_sleeper, 5, out);
	if (p == NULL) {
		return;
	}
	yield_n(3);
	KT_CHECK(spawn_thread(p)->kt_state == KT_SLEEP_CANCELLABLE);
	uthread_interrupt(p);
	KT_CHECK(!uthread_killed(spawn_thread(p)));
	yield_n(3);
	KT_CHECK_EQ(out[0], -EINTR);
	KT_CHECK_EQ(out[1], 1);
	KT_CHECK_EQ(out[2], 0);
	KT_CHECK_EQ(out[3], 0); /* taken once only */
	/* Asleep again, and a plain wakeup ends that sleep normally. */
	KT_CHECK(spawn_thread(p)->kt_state == KT_SLEEP_CANCELLABLE);
	sched_broadcast_on(&intr_q);
	KT_CHECK_EQ(reap(p->p_pid), 5); /* the thread's own status, not the marker's */
	KT_CHECK_EQ(out[4], 0);
}

/* Sleeps once, cancellably, and returns. */
static void *once_sleeper(long arg1, void *arg2)
{
	sched_cancellable_sleep_on(&intr_q);
	return (void *)arg1;
}

KTEST(api_interrupt_kill_wins, "vm.api.interrupt_kill_wins")
{
	sched_queue_init(&intr_q);
	/* An interrupt, then a kill: the kill's status. */
	proc_t *p = spawn("interrupted", once_sleeper, 0, NULL);
	if (p == NULL) {
		return;
	}
	yield_n(2);
	uthread_interrupt(p);
	proc_kill(p, 9);
	KT_CHECK(uthread_killed(spawn_thread(p)));
	KT_CHECK_EQ(reap(p->p_pid), 9);

	/* A kill, then an interrupt: the interrupt changes nothing. */
	p = spawn("killed", once_sleeper, 0, NULL);
	if (p == NULL) {
		return;
	}
	yield_n(2);
	proc_kill(p, 7);
	uthread_interrupt(p);
	KT_CHECK(uthread_killed(spawn_thread(p)));
	KT_CHECK_EQ(reap(p->p_pid), 7);
}
