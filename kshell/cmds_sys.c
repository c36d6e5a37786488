/*
 * The kernel shell's system commands: what the process and memory
 * subsystems and the test harness offer a person at the prompt.
 *
 *   ps             every process and its thread, as the process table has them
 *   mem            free frames, kernel stacks, and every slab cache's use
 *   sleep N[ms]    sleeps N seconds (or milliseconds); ^C cannot stop it, but
 *                  `halt` from another terminal can (the sleep is cancellable)
 *   halt           ends every shell and process and halts the machine
 *   test GLOB      runs the kernel tests matching GLOB, then halts
 *   sync           writes every dirty page of the page-frame cache to its disk
 *   pframes        the page-frame cache: pages, limit, pinned, dirty, and its
 *                  hits, misses, evictions and write-backs since boot
 *
 * They print to the shell's terminal through kshell_printf(), never through
 * kprintf(): a command typed on tty1 answers on tty1.
 *
 * `halt` is cooperative.  It raises the shell's halt flag, which ends every
 * shell loop after its current command, and cancels every process but the
 * caller and its ancestors (proc_kill_all()): a shell waiting for input is
 * in a cancellable sleep in its line discipline, so it wakes up with
 * -EINTR and exits.  Init then finds all its children gone, returns, and the
 * idle process halts the machine with "keel: halted cleanly".
 *
 * `test` hands the machine to the test harness.  It ends the other shells
 * first: the tests type on the terminals and count objects.  The harness
 * recovers from a test that panics or hangs by resetting the machine and
 * resuming with the same kernel command line, which cannot work for tests
 * picked at a prompt; so `test` runs the tests, prints the summary and
 * halts, exactly as booting with test=GLOB would (the emulator's exit
 * status says whether they passed).
 */
#include "errno.h"
#include "kshell/kshell.h"
#include "mm/kstack.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/pframe.h"
#include "mm/slab.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "test/ktest.h"
#include "util/string.h"

static int cmd_ps(kshell_t *ks, int argc, char **argv)
{
	printer_t pr = kshell_printer(ks);
	proc_print_all(&pr);
	kshell_printf(ks, "%d processes, %d threads runnable\n", proc_count(), sched_runq_length());
	return 0;
}

static int cmd_mem(kshell_t *ks, int argc, char **argv)
{
	size_t free_frames = page_free_count(), total = page_total_count();
	kshell_printf(ks, "frames: %zu free of %zu (%zu KiB free), kernel stacks: %zu\n",
		      free_frames, total, free_frames * (PAGE_SIZE / 1024), kstack_count());
	printer_t pr = kshell_printer(ks);
	slab_print_stats(&pr);
	return 0;
}

static int cmd_sleep(kshell_t *ks, int argc, char **argv)
{
	char *end;
	long n = argc == 2 ? strtol(argv[1], &end, 10) : -1;
	bool ms = argc == 2 && strcmp(end, "ms") == 0;
	if (argc != 2 || n < 0 || (*end != '\0' && !ms)) {
		kshell_printf(ks, "usage: sleep SECONDS | sleep MILLISECONDSms\n");
		return -EINVAL;
	}
	uint32_t msecs = ms ? (uint32_t)n : (uint32_t)n * 1000;
	return sched_sleep_ticks(sched_ms_to_ticks(msecs));
}

static int cmd_halt(kshell_t *ks, int argc, char **argv)
{
	kshell_printf(ks, "halting: ending every shell and process\n");
	kshell_request_halt();
	proc_kill_all(0);
	ks->ks_exit = true;
	return 0;
}

/* Whether a process other than idle, init and the caller's own line still exists. */
static bool others_exist(void)
{
	for (proc_t *p = proc_next(NULL); p != NULL; p = proc_next(p)) {
		bool mine = false;
		for (proc_t *q = curproc; q != NULL; q = q->p_pproc) {
			mine = mine || q == p;
		}
		if (p->p_pid != PID_IDLE && p != proc_initproc && !mine) {
			return true;
		}
	}
	return false;
}

static int cmd_test(kshell_t *ks, int argc, char **argv)
{
	if (argc != 2) {
		kshell_printf(ks, "usage: test GLOB (for example: test drivers.ldisc.*)\n");
		return -EINVAL;
	}
	/*
	 * The tests use the terminals (the shells would read the lines they
	 * type) and count objects (a shell reaped during a test would look
	 * like a leak): end every other shell and let init reap it first.
	 */
	kshell_printf(ks, "ending the other shells; the machine halts after the tests\n");
	proc_kill_all(0);
	for (int i = 0; i < 10000 && others_exist(); i++) {
		sched_yield();
	}
	if (others_exist()) {
		kshell_printf(ks, "test: other processes do not exit; not running tests\n");
		return -EBUSY;
	}
	ktest_begin(argv[1]);
	ktest_run_stage(true);
	ktest_run_stage(false);
	ktest_finish();
}

static int cmd_sync(kshell_t *ks, int argc, char **argv)
{
	pframe_stats_t before, after;
	pframe_stats(&before);
	int err = pframe_sync();
	pframe_stats(&after);
	kshell_printf(ks, "sync: %u pages written%s\n",
		      (unsigned)(after.ps_writebacks - before.ps_writebacks),
		      err < 0 ? ", some failed (EIO)" : "");
	return err;
}

static int cmd_pframes(kshell_t *ks, int argc, char **argv)
{
	pframe_stats_t st;
	pframe_stats(&st);
	kshell_printf(ks, "pframes: %zu resident (limit %zu), %zu pinned, %zu dirty\n",
		      st.ps_resident, st.ps_max, st.ps_pinned, st.ps_dirty);
	kshell_printf(ks, "pframes: %u hits, %u misses, %u evictions, %u write-backs\n",
		      (unsigned)st.ps_hits, (unsigned)st.ps_misses, (unsigned)st.ps_evictions,
		      (unsigned)st.ps_writebacks);
	return 0;
}

void kshell_sys_commands_init(void)
{
	kshell_add_command("ps", cmd_ps, "lists processes and their threads");
	kshell_add_command("mem", cmd_mem, "free frames and slab caches");
	kshell_add_command("sleep", cmd_sleep, "sleep N | sleep Nms: sleeps");
	kshell_add_command("halt", cmd_halt, "ends every shell and halts the machine");
	kshell_add_command("test", cmd_test, "test GLOB: runs kernel tests, then halts");
	kshell_add_command("sync", cmd_sync, "writes the page-frame cache's dirty pages to disk");
	kshell_add_command("pframes", cmd_pframes, "the page-frame cache's pages and counters");
}
