/*
 * The process tree: orphans are handed to init and reaped by it, a zombie
 * orphan wakes init, proc_kill() and proc_kill_all() end the processes they
 * should and spare idle, init and the caller's line.  These tests run in
 * init itself, so "reparented to init" means "became our child".
 */
#include "errno.h"
#include "test/spawn.h"
#include "test/ktest.h"

static ktqueue_t hold_q;

static void *sleep_cancellably(long status, void *unused)
{
	if (sched_cancellable_sleep_on(&hold_q) == -EINTR) {
		return (void *)-1; /* overridden by the cancellation's status */
	}
	return (void *)status;
}

static void *exit_with(long status, void *unused)
{
	return (void *)status;
}

/* Starts grandchildren (one sleeping, one exiting at once) and exits. */
static void *parent_of_two(long unused, void *pids)
{
	pid_t *out = pids;
	proc_t *a = spawn("grandchild-sleeps", sleep_cancellably, 41, NULL);
	proc_t *b = spawn("grandchild-exits", exit_with, 42, NULL);
	if (a == NULL || b == NULL) {
		return (void *)-1;
	}
	out[0] = a->p_pid;
	out[1] = b->p_pid;
	yield_n(2); /* b becomes a zombie that nobody reaps */
	return (void *)0;
}

KTEST(tree_reparent, "procs.tree.orphans_go_to_init")
{
	sched_queue_init(&hold_q);
	pid_t grandkids[2] = {-1, -1};
	proc_t *mid = spawn("middle", parent_of_two, 0, grandkids);
	if (mid == NULL) {
		return;
	}
	KT_CHECK_EQ(reap(mid->p_pid), 0);
	proc_t *a = proc_lookup(grandkids[0]);
	proc_t *b = proc_lookup(grandkids[1]);
	if (!KT_CHECK(a != NULL && b != NULL)) {
		return;
	}
	KT_CHECK(a->p_pproc == curproc && b->p_pproc == curproc);
	KT_CHECK(curproc == proc_initproc);
	KT_CHECK_EQ(b->p_state, PROC_DEAD);
	/* Init reaps the zombie orphan, then the live one once it exits. */
	KT_CHECK_EQ(reap(grandkids[1]), 42);
	sched_wakeup_on(&hold_q);
	KT_CHECK_EQ(reap(grandkids[0]), 41);
}

KTEST(tree_proc_kill, "procs.tree.proc_kill")
{
	sched_queue_init(&hold_q);
	proc_t *p = spawn("victim", sleep_cancellably, 1, NULL);
	if (p == NULL) {
		return;
	}
	sched_yield();
	proc_kill(p, 13);
	KT_CHECK_EQ(reap(p->p_pid), 13);
}

#define NVICTIMS 4

static void *kill_all_from_child(long status, void *unused)
{
	proc_kill_all((int)status);
	return (void *)0;
}

KTEST(tree_kill_all, "procs.tree.proc_kill_all")
{
	sched_queue_init(&hold_q);
	proc_t *victims[NVICTIMS];
	for (int i = 0; i < NVICTIMS; i++) {
		victims[i] = spawn("victim", sleep_cancellably, i, NULL);
		if (victims[i] == NULL) {
			return;
		}
	}
	sched_yield();
	/* A child kills everything it may: its siblings, not itself, init or idle. */
	proc_t *killer = spawn("killer", kill_all_from_child, -9, NULL);
	if (killer == NULL) {
		return;
	}
	KT_CHECK_EQ(reap(killer->p_pid), 0);
	for (int i = 0; i < NVICTIMS; i++) {
		KT_CHECK_EQ(reap(victims[i]->p_pid), -9);
	}
	KT_CHECK(proc_lookup(PID_IDLE) != NULL);
	KT_CHECK(proc_initproc->p_state == PROC_RUNNING);
	KT_CHECK(sched_queue_empty(&hold_q));
}

static void *sleep_then_exit(long unused, void *unused2)
{
	sched_sleep_ticks(2);
	return (void *)0;
}

KTEST(tree_pid_reuse, "procs.tree.pid_reuse_and_wrap")
{
	/* With room for 8 pids, creating and reaping 20 processes must wrap and reuse. */
	int saved_max = proc_pid_max;
	/*
	 * Use up pids first, so the next pid to try is above the new limit (and
	 * not one that, taken modulo 8, would be the lowest free pid anyway).
	 */
	for (pid_t last = 0; last < 8 || (last + 1) % 8 < 4;) {
		proc_t *p = spawn("push", exit_with, 0, NULL);
		if (!KT_CHECK(p != NULL)) {
			return;
		}
		last = p->p_pid;
		reap(p->p_pid);
	}
	proc_pid_max = 8;
	/* The limit is now below the next pid: a wrap, to the lowest free pid. */
	pid_t lowest_free = PID_INIT + 1;
	while (lowest_free < 8 && proc_lookup(lowest_free) != NULL) {
		lowest_free++;
	}
	bool seen_reuse = false;
	pid_t first = -1;
	for (int i = 0; i < 20; i++) {
		proc_t *p = spawn("wrap", exit_with, i, NULL);
		if (p == NULL) {
			break;
		}
		KT_CHECK(p->p_pid > PID_INIT && p->p_pid < 8);
		if (first < 0) {
			KT_CHECK_EQ(p->p_pid, lowest_free);
			first = p->p_pid;
		} else if (p->p_pid == first) {
			seen_reuse = true;
		}
		reap(p->p_pid);
	}
	KT_CHECK(seen_reuse);
	/* A pid still in use is never handed out again: fill every free pid. */
	proc_t *live[8];
	int nlive = 0;
	for (;;) {
		proc_t *p = proc_create("fill");
		if (p == NULL) {
			break;
		}
		kthread_t *thr = kthread_create(p, sleep_then_exit, 0, NULL);
		if (!KT_CHECK(thr != NULL) || !KT_CHECK(nlive < 8)) {
			break;
		}
		sched_make_runnable(thr);
		for (int j = 0; j < nlive; j++) {
			KT_CHECK(live[j]->p_pid != p->p_pid);
		}
		live[nlive++] = p;
	}
	/* 0 and 1 are idle and init: 6 pids were left. */
	KT_CHECK_EQ(nlive, 6);
	for (int j = 0; j < nlive; j++) {
		reap(live[j]->p_pid);
	}
	proc_pid_max = saved_max;
}
