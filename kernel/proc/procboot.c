/*
 * Starting the process system (support code).
 *
 * proc_start() runs on kmain's stack.  It creates the idle process (pid 0)
 * and its thread and switches to it; that first switch never returns.  The
 * idle thread creates init (pid 1), waits for it to exit and then shuts the
 * machine down.  Init runs the kernel tests selected with test=, or
 * whatever the later stages install as initproc_run() (the kernel shell),
 * and reaps every orphan before it exits.  With the VM stage, init may
 * instead become the user program /sbin/init (uproc_init_start()).
 */
#include "boot/interrupt.h"
#include "main/cmdline.h"
#include "main/shutdown.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#include "test/kbench.h"
#include "test/ktest.h"
#include "util/debug.h"
#include "util/kprintf.h"

/* Reaps every child of the running process (init's last duty). */
static void reap_all_children(void)
{
	int status;
	while (do_waitpid(-1, &status, 0) > 0) {
	}
}

void *__attribute__((weak)) initproc_run(long arg1, void *arg2)
{
	kprintf("keel: init has nothing to run (no shell in this kernel)\n");
	return NULL;
}

/*
 * Device set-up that needs threads (drivers sleep on wait queues); provided
 * by the DRIVERS stage's support code.
 */
void drivers_init(void) __attribute__((weak));

/*
 * The file system's set-up (mounting the root, /dev) and its shutdown
 * check (the number of vnodes still referenced); provided by the VFS
 * stage's support code.
 */
void vfs_init(void) __attribute__((weak));

/*
 * Runs /sbin/init in this process (pid 1) when the root file system has
 * it and the command line does not say init=kshell; returns only when it
 * does not run it.  Provided by the VM stage's support code (api/init.c).
 */
void uproc_init_start(void) __attribute__((weak));
int vfs_shutdown(void) __attribute__((weak));

static void *init_main(long arg1, void *arg2)
{
	if (drivers_init != NULL) {
		drivers_init();
	}
	if (vfs_init != NULL) {
		vfs_init();
	}
	const char *bench = cmdline_get(&kernel_cmdline, "bench");
	if (bench != NULL) {
		kbench_run(bench);
	} else if (ktest_active()) {
		ktest_run_stage(false);
	} else {
		if (uproc_init_start != NULL) {
			uproc_init_start();
		}
		initproc_run(arg1, arg2);
	}
	reap_all_children();
	return NULL;
}

static void __noreturn start_failed(const char *what)
{
	const char *why = "not run: the process system could not start (PROCS not implemented?)";
	kprintf("keel: %s\n", what);
	if (ktest_active()) {
		ktest_abort_rest(why);
	}
	panic("%s", what);
}

static void *idle_main(long arg1, void *arg2)
{
	proc_t *init = proc_create("init");
	if (init == NULL || init->p_pid != PID_INIT) {
		start_failed("could not create the init process with pid 1");
	}
	kthread_t *thr = kthread_create(init, init_main, 0, NULL);
	if (thr == NULL) {
		start_failed("could not create init's thread");
	}
	sched_make_runnable(thr);

	int status = 0;
	pid_t pid = do_waitpid(PID_INIT, &status, 0);
	if (pid != PID_INIT) {
		panic("idle: waiting for init failed (%d)", pid);
	}
	dbg(DBG_PROC, "init exited with status %d\n", status);
	if (ktest_active()) {
		ktest_finish();
	}
	if (vfs_shutdown != NULL && vfs_shutdown() != 0) {
		shutdown(SHUTDOWN_LEAKS);
	}
	shutdown(SHUTDOWN_OK);
}

void proc_start(void)
{
	proc_init();
	kthread_init();
	sched_init();
	long pid_max = cmdline_get_int(&kernel_cmdline, "pid_max", PROC_MAX_COUNT);
	if (pid_max >= 2 && pid_max <= PROC_MAX_COUNT) {
		proc_pid_max = pid_max;
	}

	proc_t *idle = proc_create("idle");
	if (idle == NULL || idle->p_pid != PID_IDLE) {
		start_failed("could not create the idle process with pid 0");
	}
	kthread_t *thr = kthread_create(idle, idle_main, 0, NULL);
	if (thr == NULL) {
		start_failed("could not create the idle thread");
	}
	intr_disable();
	curproc = idle;
	curthr = thr;
	thr->kt_state = KT_RUN;
	context_make_active(&thr->kt_ctx);
}
