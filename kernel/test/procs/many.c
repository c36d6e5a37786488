/*
 * Many processes: 200 created one after another and reaped, then 200 alive
 * at once and reaped in any order.  Every pid must be distinct while its
 * process lives, and everything must be freed (the harness's leak check).
 */
#include "test/spawn.h"
#include "test/ktest.h"
#include "util/bitmap.h"

#define NPROCS 200

static void *exit_with(long status, void *unused)
{
	return (void *)status;
}

KTEST(many_sequential, "procs.many.sequential")
{
	for (int i = 0; i < NPROCS; i++) {
		proc_t *p = spawn("seq", exit_with, i, NULL);
		if (p == NULL) {
			return;
		}
		if (!KT_CHECK_EQ(reap(p->p_pid), i)) {
			return;
		}
	}
}

static void *wait_a_little(long status, void *unused)
{
	yield_n(2);
	return (void *)status;
}

KTEST(many_concurrent, "procs.many.concurrent")
{
	static uint32_t seen[BITMAP_WORDS(PROC_MAX_COUNT)];
	for (size_t i = 0; i < ARRAY_SIZE(seen); i++) {
		seen[i] = 0;
	}
	int started = 0;
	long long sum = 0;
	for (int i = 0; i < NPROCS; i++) {
		proc_t *p = spawn("many", wait_a_little, i, NULL);
		if (p == NULL) {
			break;
		}
		KT_CHECK(!bitmap_test(seen, p->p_pid));
		bitmap_set(seen, p->p_pid);
		started++;
	}
	KT_CHECK_EQ(started, NPROCS);
	KT_CHECK_EQ(proc_count(), NPROCS + 2); /* idle and init too */
	for (int i = 0; i < started; i++) {
		int status;
		pid_t pid = do_waitpid(-1, &status, 0);
		if (!KT_CHECK(pid > 0)) {
			return;
		}
		sum += status;
	}
	KT_CHECK_EQ(sum, (long long)NPROCS * (NPROCS - 1) / 2);
	KT_CHECK_EQ(proc_count(), 2);
}
