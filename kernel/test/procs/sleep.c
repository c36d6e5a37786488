/*
 * Timed sleep: a thread sleeps at least as many ticks as it asked for, and
 * sleepers wake in the order of their deadlines, not of their arrival.
 */
#include "boot/pit.h"
#include "test/spawn.h"
#include "test/ktest.h"

KTEST(sleep_duration, "procs.sleep.duration")
{
	uint32_t start = pit_ticks;
	KT_CHECK_EQ(sched_sleep_ticks(5), 0);
	KT_CHECK(pit_ticks - start >= 5);
	KT_CHECK_EQ(sched_ms_to_ticks(1000), pit_hz);
}

static int wake_order[3];
static int nwoken;

static void *nap(long ticks, void *unused)
{
	sched_sleep_ticks((uint32_t)ticks);
	wake_order[nwoken++] = (int)ticks;
	return NULL;
}

KTEST(sleep_order, "procs.sleep.deadline_order")
{
	static const int ticks[3] = {12, 3, 7};
	proc_t *procs[3];
	nwoken = 0;
	for (int i = 0; i < 3; i++) {
		procs[i] = spawn("nap", nap, ticks[i], NULL);
		if (procs[i] == NULL) {
			return;
		}
	}
	for (int i = 0; i < 3; i++) {
		reap(procs[i]->p_pid);
	}
	KT_CHECK_EQ(nwoken, 3);
	KT_CHECK_EQ(wake_order[0], 3);
	KT_CHECK_EQ(wake_order[1], 7);
	KT_CHECK_EQ(wake_order[2], 12);
}
