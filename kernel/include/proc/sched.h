/*
 * The scheduler and wait queues.
 *
 * Keel runs one CPU and a non-preemptible kernel: a thread runs until it
 * blocks, yields or exits; an interrupt may wake threads but never switches
 * away from the one running.  Runnable threads wait their turn on a single
 * FIFO run queue.  When nothing is runnable, sched_switch() halts the CPU
 * with interrupts enabled until an interrupt makes something runnable.
 *
 * A thread blocks by sleeping on a wait queue (ktqueue_t).  Queues are FIFO:
 * sched_wakeup_on() wakes the thread that has slept longest.  Interrupt
 * handlers may call sched_wakeup_on(), sched_broadcast_on() and
 * sched_make_runnable(), so every function here masks interrupts around its
 * queue operations.
 *
 * Cancellation: a thread in a *cancellable* sleep is woken early by
 * sched_cancel() (see kthread_cancel()); sched_cancellable_sleep_on() then
 * returns -EINTR.  A thread in an ordinary sleep is never woken by a
 * cancellation.
 */
#ifndef KEEL_PROC_SCHED_H
#define KEEL_PROC_SCHED_H

#include "types.h"
#include "util/list.h"

struct kthread;

typedef struct ktqueue {
	list_t tq_list; /* sleeping threads, by kt_qlink, oldest first */
	int tq_size;
} ktqueue_t;

void sched_queue_init(ktqueue_t *q);
bool sched_queue_empty(const ktqueue_t *q);

/*
 * Makes 'thr' runnable: sets its state to KT_RUN and appends it to the run
 * queue.  'thr' must not be on any queue (kt_wchan == NULL).  It is usually
 * another thread, but it may be the running thread when that thread is
 * going to sleep: with the run queue empty, sched_switch() idles on the
 * sleeping thread's own stack (curthr is still that thread), and an
 * interrupt that wakes it (the timer, a disk) makes curthr runnable while
 * its state is KT_SLEEP or KT_SLEEP_CANCELLABLE.  What is never allowed is
 * making the running thread runnable while it runs (curthr in KT_RUN).
 */
void sched_make_runnable(struct kthread *thr);

/*
 * Gives up the CPU to the thread at the head of the run queue, waiting (CPU
 * halted, interrupts on) while the queue is empty.  The caller has already
 * put the running thread where it belongs: on the run queue (to yield), on a
 * wait queue (to sleep) or nowhere (when it has exited).  Returns when some
 * other thread makes the caller run again; the caller's interrupt state is
 * what it was before the call.
 */
void sched_switch(void);

/* Puts the running thread at the tail of the run queue and switches. */
void sched_yield(void);

/*
 * Sleeps on 'q' until sched_wakeup_on() or sched_broadcast_on() wakes the
 * thread.  Cancellation does not wake it.
 */
void sched_sleep_on(ktqueue_t *q);

/*
 * Sleeps on 'q' until woken or cancelled.  Returns 0 when woken, -EINTR when
 * the thread was cancelled while asleep or before it went to sleep (then it
 * does not sleep at all).  What counts is kt_cancelled when the thread runs
 * again: a thread woken normally and then cancelled before it got the CPU
 * returns -EINTR too.  (Whatever the waker handed over, such as a mutex in
 * kmutex_unlock(), stays handed over; the caller checks for it.)
 */
int sched_cancellable_sleep_on(ktqueue_t *q);

/* Wakes the thread that has slept on 'q' longest; returns it, or NULL if 'q' was empty. */
struct kthread *sched_wakeup_on(ktqueue_t *q);

/* Wakes every thread on 'q', oldest first. */
void sched_broadcast_on(ktqueue_t *q);

/*
 * If 'thr' is in a cancellable sleep, takes it off its wait queue and makes
 * it runnable; otherwise does nothing.  kthread_cancel() sets kt_cancelled
 * before calling this.
 */
void sched_cancel(struct kthread *thr);

/*
 * Timed sleep: blocks the running thread for at least 'ticks' timer ticks
 * (PIT_HZ a second), cancellably.  Returns 0 after the time passed, or
 * -EINTR if the thread was cancelled first (before the call, while asleep,
 * or after the timer woke it but before it ran again).
 */
int sched_sleep_ticks(uint32_t ticks);

/* Milliseconds to ticks, rounded up. */
uint32_t sched_ms_to_ticks(uint32_t ms);

/*
 * Support: alarms, for time-outs.  sched_alarm_set() arranges for
 * fn(arg) to be called once, in the timer interrupt, at least 'ticks'
 * ticks from now; sched_alarm_cancel() stops it if it has not fired yet
 * (returns true if it had not, false if it already fired or was never
 * set).  'fn' runs with interrupts off and must not sleep: it typically
 * records that time ran out and wakes a thread with sched_wakeup_on().
 * The caller owns the sched_alarm_t and must cancel it (or see it fire)
 * before freeing it.  A zero-filled sched_alarm_t is a valid unset alarm.
 */
typedef struct sched_alarm {
	list_link_t sa_link; /* on the list of pending alarms; owned by sched.c */
	uint32_t sa_tick;    /* fires when pit_ticks reaches this */
	void (*sa_fn)(void *arg);
	void *sa_arg;
} sched_alarm_t;

void sched_alarm_set(sched_alarm_t *a, uint32_t ticks, void (*fn)(void *arg), void *arg);
bool sched_alarm_cancel(sched_alarm_t *a);

/* Support: the run queue's length (for tests and `ps`), and set-up. */
int sched_runq_length(void);
void sched_init(void);

/* Context switches since boot. */
extern uint32_t sched_switches;

#endif
