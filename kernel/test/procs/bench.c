/*
 * PROCS benchmarks (make bench): the cost of a context switch, measured as
 * two threads handing control back and forth over wait queues, and the
 * rate of process create + exit + waitpid.
 */
#include "boot/pit.h"
#include "io.h"
#include "test/spawn.h"
#include "test/kbench.h"

#define PINGPONG_ROUNDS 100000
#define NPROCS 2000

static ktqueue_t ping_q, pong_q;

/* Wakes the other side, then sleeps until it is woken back. */
static void *pong(long rounds, void *unused)
{
	for (long i = 0; i < rounds; i++) {
		sched_wakeup_on(&ping_q);
		sched_sleep_on(&pong_q);
	}
	sched_wakeup_on(&ping_q);
	return NULL;
}

KBENCH(context_switch, "procs.context_switch")
{
	sched_queue_init(&ping_q);
	sched_queue_init(&pong_q);
	proc_t *p = spawn("pong", pong, PINGPONG_ROUNDS, NULL);
	if (p == NULL) {
		return;
	}
	uint32_t switches0 = sched_switches;
	uint32_t ticks0 = pit_ticks;
	uint64_t tsc0 = rdtsc();
	for (long i = 0; i <= PINGPONG_ROUNDS; i++) {
		sched_sleep_on(&ping_q);
		if (i < PINGPONG_ROUNDS) {
			sched_wakeup_on(&pong_q);
		}
	}
	uint64_t cycles = rdtsc() - tsc0;
	uint32_t ms = (pit_ticks - ticks0) * 1000 / pit_hz;
	uint32_t switches = sched_switches - switches0;
	reap(p->p_pid);
	kbench_report("switches", switches);
	kbench_report("tsc_cycles_per_switch", switches ? cycles / switches : 0);
	kbench_report("ms_per_100000_switches", switches ? (uint64_t)ms * 100000 / switches : 0);
}

static void *exit_at_once(long unused, void *unused2)
{
	return NULL;
}

KBENCH(proc_lifecycle, "procs.create_exit_wait")
{
	uint32_t ticks0 = pit_ticks;
	int done = 0;
	for (int i = 0; i < NPROCS; i++) {
		proc_t *p = spawn("bench", exit_at_once, 0, NULL);
		if (p == NULL) {
			break;
		}
		reap(p->p_pid);
		done++;
	}
	uint32_t ms = (pit_ticks - ticks0) * 1000 / pit_hz;
	kbench_report("processes", done);
	kbench_report("ms", ms);
	kbench_report("processes_per_second", ms ? (uint64_t)done * 1000 / ms : 0);
}
