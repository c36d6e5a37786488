/*
 * Wait queues and the run queue: wakeups come in FIFO order, a broadcast
 * wakes every sleeper, waking an empty queue does nothing, and yielding
 * threads take turns in the order they became runnable.
 */
#include "test/spawn.h"
#include "test/ktest.h"

#define NSLEEPERS 5

typedef struct order_log {
	ktqueue_t q;
	int order[16];
	int n;
} order_log_t;

/* Sleeps on log->q, then records its number. */
static void *sleep_and_log(long id, void *arg)
{
	order_log_t *log = arg;
	sched_sleep_on(&log->q);
	log->order[log->n++] = (int)id;
	return NULL;
}

/* Starts NSLEEPERS threads that sleep on log->q in the order 0, 1, 2... */
static bool start_sleepers(order_log_t *log, proc_t **procs)
{
	sched_queue_init(&log->q);
	log->n = 0;
	for (int i = 0; i < NSLEEPERS; i++) {
		procs[i] = spawn("sleeper", sleep_and_log, i, log);
		if (procs[i] == NULL) {
			return false;
		}
		/* Let it run up to its sleep before the next one starts. */
		sched_yield();
	}
	return KT_CHECK_EQ(log->q.tq_size, NSLEEPERS);
}

static void reap_all(proc_t **procs)
{
	for (int i = 0; i < NSLEEPERS; i++) {
		if (procs[i] != NULL) {
			reap(procs[i]->p_pid);
		}
	}
}

KTEST(queue_wakeup_fifo, "procs.queue.wakeup_fifo")
{
	static order_log_t log;
	proc_t *procs[NSLEEPERS] = {0};
	if (!start_sleepers(&log, procs)) {
		return;
	}
	for (int i = 0; i < NSLEEPERS; i++) {
		kthread_t *woken = sched_wakeup_on(&log.q);
		KT_CHECK(woken == spawn_thread(procs[i]));
		sched_yield(); /* it runs, logs and exits */
	}
	KT_CHECK_EQ(log.n, NSLEEPERS);
	for (int i = 0; i < log.n; i++) {
		KT_CHECK_EQ(log.order[i], i);
	}
	reap_all(procs);
}

KTEST(queue_broadcast, "procs.queue.broadcast_wakes_all")
{
	static order_log_t log;
	proc_t *procs[NSLEEPERS] = {0};
	if (!start_sleepers(&log, procs)) {
		return;
	}
	sched_broadcast_on(&log.q);
	KT_CHECK(sched_queue_empty(&log.q));
	for (int i = 0; i < NSLEEPERS; i++) {
		KT_CHECK_EQ(spawn_thread(procs[i])->kt_state, KT_RUN);
	}
	reap_all(procs);
	/* They ran in the order they were woken: oldest first. */
	KT_CHECK_EQ(log.n, NSLEEPERS);
	for (int i = 0; i < log.n; i++) {
		KT_CHECK_EQ(log.order[i], i);
	}
}

KTEST(queue_wakeup_empty, "procs.queue.wakeup_empty")
{
	ktqueue_t q;
	sched_queue_init(&q);
	KT_CHECK(sched_wakeup_on(&q) == NULL);
	sched_broadcast_on(&q);
	KT_CHECK(sched_queue_empty(&q));
}

static int turn_log[32];
static int turn_n;

static void *take_turns(long id, void *unused)
{
	for (int round = 0; round < 3; round++) {
		turn_log[turn_n++] = (int)id;
		sched_yield();
	}
	return NULL;
}

KTEST(queue_runq_fifo, "procs.queue.runq_round_robin")
{
	turn_n = 0;
	proc_t *procs[3];
	for (int i = 0; i < 3; i++) {
		procs[i] = spawn("turns", take_turns, i, NULL);
		if (procs[i] == NULL) {
			return;
		}
	}
	for (int i = 0; i < 3; i++) {
		reap(procs[i]->p_pid);
	}
	/* 0 1 2 0 1 2 0 1 2: each yield goes to the back of the run queue. */
	KT_CHECK_EQ(turn_n, 9);
	for (int i = 0; i < turn_n; i++) {
		KT_CHECK_EQ(turn_log[i], i % 3);
	}
}
