/* Helpers for kernel tests that start processes; see test/spawn.h. */
#include "test/spawn.h"
#include "test/ktest.h"
#include "util/list.h"

proc_t *spawn(const char *name, kthread_func_t func, long arg1, void *arg2)
{
	proc_t *p = proc_create(name);
	if (!KT_CHECK(p != NULL)) {
		return NULL;
	}
	kthread_t *thr = kthread_create(p, func, arg1, arg2);
	if (!KT_CHECK(thr != NULL)) {
		return NULL;
	}
	sched_make_runnable(thr);
	return p;
}

kthread_t *spawn_thread(proc_t *p)
{
	return container_of(list_head(&p->p_threads), kthread_t, kt_plink);
}

int reap(pid_t pid)
{
	int status = -12345;
	KT_CHECK_EQ(do_waitpid(pid, &status, 0), pid);
	return status;
}

void yield_n(int n)
{
	for (int i = 0; i < n; i++) {
		sched_yield();
	}
}
