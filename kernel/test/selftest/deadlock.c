/*
 * A deliberately deadlocked pair of threads: each holds one mutex and waits
 * for the other's.  Nothing can run, so the harness must report this test
 * as timed out, never as passed.  The host runner's self-test checks that.
 */
#include "proc/kmutex.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#include "test/ktest.h"

static kmutex_t first, second;

static void *take_in_order(long reverse, void *unused)
{
	kmutex_t *a = reverse ? &second : &first;
	kmutex_t *b = reverse ? &first : &second;
	kmutex_lock(a);
	sched_yield(); /* let the other take its first mutex */
	kmutex_lock(b);
	kmutex_unlock(b);
	kmutex_unlock(a);
	return NULL;
}

KTEST_SLOW(deadlock, "selftest.procs.deadlock", 500)
{
	kmutex_init(&first);
	kmutex_init(&second);
	for (long i = 0; i < 2; i++) {
		proc_t *p = proc_create("deadlocker");
		kthread_t *thr = p != NULL ? kthread_create(p, take_in_order, i, NULL) : NULL;
		if (!KT_CHECK(thr != NULL)) {
			return;
		}
		sched_make_runnable(thr);
	}
	while (do_waitpid(-1, NULL, 0) > 0) {
	}
}
