/*
 * The scheduler: one FIFO run queue, wait queues, and timed sleep.
 *
 * Everything a thread does to block follows one pattern, with interrupts
 * masked so that an interrupt handler cannot wake the thread between the
 * moment it joins a queue and the moment it stops running:
 *
 *     flags = intr_save();
 *     curthr->kt_state = KT_SLEEP;     (or KT_RUN to yield)
 *     enqueue curthr on a wait queue   (or on the run queue)
 *     sched_switch();                  (returns when woken)
 *     intr_restore(flags);
 *
 * sched_switch() takes the thread at the head of the run queue and switches
 * to it.  When the run queue is empty it halts the CPU with interrupts on
 * (runq_wait_nonempty(): this is Keel's idle loop) until a handler makes a
 * thread runnable.  Each thread's interrupt state is saved and restored
 * across its own switch, so a thread that blocked with interrupts masked
 * resumes with them masked and restores them itself.
 *
 * Timed sleep keeps a wait queue ordered by wake-up tick; the timer
 * interrupt wakes the threads whose time has come.
 */
#include "proc/sched.h"
#include "boot/interrupt.h"
#include "boot/pit.h"
#include "errno.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#include "util/debug.h"

static ktqueue_t runq;
static ktqueue_t timerq;                         /* sorted by kt_wake_tick, soonest first */
static list_t alarms = LIST_INITIALIZER(alarms); /* sched_alarm_t by sa_link, unordered */
uint32_t sched_switches;

void sched_queue_init(ktqueue_t *q)
{
	list_init(&q->tq_list);
	q->tq_size = 0;
}

bool sched_queue_empty(const ktqueue_t *q)
{
	return q->tq_size == 0;
}

static void ktqueue_enqueue(ktqueue_t *q, kthread_t *thr)
{
	KASSERT(!list_link_is_linked(&thr->kt_qlink));
	list_insert_tail(&q->tq_list, &thr->kt_qlink);
	q->tq_size++;
	thr->kt_wchan = q;
}

static kthread_t *ktqueue_dequeue(ktqueue_t *q)
{
	list_link_t *l = list_pop_head(&q->tq_list);
	if (l == NULL) {
		return NULL;
	}
	q->tq_size--;
	kthread_t *thr = container_of(l, kthread_t, kt_qlink);
	thr->kt_wchan = NULL;
	return thr;
}

static void ktqueue_remove(ktqueue_t *q, kthread_t *thr)
{
	KASSERT(thr->kt_wchan == q && list_link_is_linked(&thr->kt_qlink));
	list_remove(&thr->kt_qlink);
	q->tq_size--;
	thr->kt_wchan = NULL;
}

/* The idle loop: halts until an interrupt makes a thread runnable.  Interrupts are off on return.
 */
static void runq_wait_nonempty(void)
{
	while (sched_queue_empty(&runq)) {
		intr_wait(); /* sti; hlt: wakes on the next interrupt */
		intr_disable();
	}
}

int sched_runq_length(void)
{
	return runq.tq_size;
}

void sched_make_runnable(kthread_t *thr)
{
	/* BEGIN SOLUTION(procs, sched_make_runnable) -> nothing */
	uint32_t flags = intr_save();
	KASSERT(thr != curthr || thr->kt_state != KT_RUN);
	KASSERT(thr->kt_wchan == NULL && "a runnable thread must not be on a queue");
	thr->kt_state = KT_RUN;
	ktqueue_enqueue(&runq, thr);
	intr_restore(flags);
	/* END SOLUTION */
}

void sched_switch(void)
{
	/* BEGIN SOLUTION(procs, sched_switch) -> panic */
	uint32_t flags = intr_save();
	runq_wait_nonempty();
	kthread_t *next = ktqueue_dequeue(&runq);
	kthread_t *prev = curthr;
	if (next != prev) {
		curthr = next;
		curproc = next->kt_proc;
		sched_switches++;
		context_switch(&prev->kt_ctx, &next->kt_ctx);
	}
	intr_restore(flags);
	/* END SOLUTION */
}

void sched_yield(void)
{
	/* BEGIN SOLUTION(procs, sched_yield) -> nothing */
	uint32_t flags = intr_save();
	curthr->kt_state = KT_RUN;
	ktqueue_enqueue(&runq, curthr);
	sched_switch();
	intr_restore(flags);
	/* END SOLUTION */
}

void sched_sleep_on(ktqueue_t *q)
{
	/* BEGIN SOLUTION(procs, sched_sleep_on) -> nothing */
	uint32_t flags = intr_save();
	curthr->kt_state = KT_SLEEP;
	ktqueue_enqueue(q, curthr);
	sched_switch();
	intr_restore(flags);
	/* END SOLUTION */
}

int sched_cancellable_sleep_on(ktqueue_t *q)
{
	/* BEGIN SOLUTION(procs, sched_cancellable_sleep_on) -> -ENOSYS */
	uint32_t flags = intr_save();
	if (curthr->kt_cancelled) {
		intr_restore(flags);
		return -EINTR;
	}
	curthr->kt_state = KT_SLEEP_CANCELLABLE;
	ktqueue_enqueue(q, curthr);
	sched_switch();
	intr_restore(flags);
	return curthr->kt_cancelled ? -EINTR : 0;
	/* END SOLUTION */
}

kthread_t *sched_wakeup_on(ktqueue_t *q)
{
	/* BEGIN SOLUTION(procs, sched_wakeup_on) -> NULL */
	uint32_t flags = intr_save();
	kthread_t *thr = ktqueue_dequeue(q);
	if (thr != NULL) {
		KASSERT(thr->kt_state == KT_SLEEP || thr->kt_state == KT_SLEEP_CANCELLABLE);
		sched_make_runnable(thr);
	}
	intr_restore(flags);
	return thr;
	/* END SOLUTION */
}

void sched_broadcast_on(ktqueue_t *q)
{
	/* BEGIN SOLUTION(procs, sched_broadcast_on) -> nothing */
	uint32_t flags = intr_save();
	while (sched_wakeup_on(q) != NULL) {
	}
	intr_restore(flags);
	/* END SOLUTION */
}

void sched_cancel(kthread_t *thr)
{
	/* BEGIN SOLUTION(procs, sched_cancel) -> nothing */
	uint32_t flags = intr_save();
	if (thr->kt_state == KT_SLEEP_CANCELLABLE) {
		ktqueue_remove(thr->kt_wchan, thr);
		sched_make_runnable(thr);
	}
	intr_restore(flags);
	/* END SOLUTION */
}

/* Timed sleep. */

uint32_t sched_ms_to_ticks(uint32_t ms)
{
	return (uint32_t)(((uint64_t)ms * pit_hz + 999) / 1000);
}

void sched_alarm_set(sched_alarm_t *a, uint32_t ticks, void (*fn)(void *arg), void *arg)
{
	KASSERT(fn != NULL);
	uint32_t flags = intr_save();
	KASSERT(!list_link_is_linked(&a->sa_link) && "setting an alarm that is already set");
	a->sa_tick = pit_ticks + ticks;
	a->sa_fn = fn;
	a->sa_arg = arg;
	list_insert_tail(&alarms, &a->sa_link);
	intr_restore(flags);
}

bool sched_alarm_cancel(sched_alarm_t *a)
{
	uint32_t flags = intr_save();
	bool pending = list_link_is_linked(&a->sa_link);
	if (pending) {
		list_remove(&a->sa_link);
	}
	intr_restore(flags);
	return pending;
}

/* Runs in the timer interrupt: calls every alarm whose tick has come. */
static void sched_fire_alarms(void)
{
	/* Start over after each call: the function may set or cancel alarms. */
	list_link_t *l = alarms.l_next;
	while (l != &alarms) {
		sched_alarm_t *a = container_of(l, sched_alarm_t, sa_link);
		if ((int32_t)(pit_ticks - a->sa_tick) < 0) {
			l = l->l_next;
			continue;
		}
		list_remove(&a->sa_link);
		a->sa_fn(a->sa_arg);
		l = alarms.l_next;
	}
}

/* Runs in the timer interrupt: fires alarms, wakes every sleeper whose tick has come. */
static void sched_timer_tick(void)
{
	sched_fire_alarms();
	while (!sched_queue_empty(&timerq)) {
		kthread_t *first = container_of(list_head(&timerq.tq_list), kthread_t, kt_qlink);
		if ((int32_t)(pit_ticks - first->kt_wake_tick) < 0) {
			break;
		}
		sched_wakeup_on(&timerq);
	}
}

int sched_sleep_ticks(uint32_t ticks)
{
	/* BEGIN SOLUTION(procs, sched_sleep_ticks) -> -ENOSYS */
	uint32_t flags = intr_save();
	if (curthr->kt_cancelled) {
		intr_restore(flags);
		return -EINTR;
	}
	curthr->kt_wake_tick = pit_ticks + ticks;
	/* Keep the queue sorted: insert before the first sleeper that wakes later. */
	list_link_t *l = timerq.tq_list.l_next;
	for (; l != &timerq.tq_list; l = l->l_next) {
		kthread_t *t = container_of(l, kthread_t, kt_qlink);
		if ((int32_t)(t->kt_wake_tick - curthr->kt_wake_tick) > 0) {
			break;
		}
	}
	list_insert_before(l, &curthr->kt_qlink);
	timerq.tq_size++;
	curthr->kt_wchan = &timerq;
	curthr->kt_state = KT_SLEEP_CANCELLABLE;
	sched_switch();
	intr_restore(flags);
	return curthr->kt_cancelled ? -EINTR : 0;
	/* END SOLUTION */
}

void sched_init(void)
{
	sched_queue_init(&runq);
	sched_queue_init(&timerq);
	pit_set_tick_hook(sched_timer_tick);
}
