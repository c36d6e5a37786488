/*
 * What init runs when no tests were asked for: a kernel shell on every
 * terminal.
 *
 * This is the strong definition of initproc_run() (kernel/proc/procboot.c
 * has a weak one for kernels without a shell).  init has already run
 * drivers_init(), so the terminals exist: the VGA virtual terminals tty0,
 * tty1, tty2 and the serial port's ttyS0.  Each gets a process of its own,
 * "kshell tty0" and so on, a child of init.
 *
 * init then reaps children until none is left.  That also reaps the
 * orphans init inherits along the way (a process whose parent exited goes
 * to init).  When the last shell has exited (`exit` in each, or `halt` in
 * one, which ends them all), initproc_run() returns, init exits, and the
 * idle process halts the machine: "keel: halted cleanly".
 */
#include "kshell/kshell.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#include "util/debug.h"
#include "util/kprintf.h"
#include "util/string.h"

static void *kshell_main(long unused, void *arg)
{
	return (void *)(intptr_t)kshell_run(arg);
}

void *initproc_run(long arg1, void *arg2)
{
	kshell_init();
	int started = 0;
	for (int i = 0; i < tty_count(); i++) {
		tty_t *tty = tty_at(i);
		char name[PROC_NAME_LEN];
		snprintf(name, sizeof(name), "kshell %s", tty->tt_name);
		proc_t *p = proc_create(name);
		if (p == NULL) {
			kprintf("kshell: cannot create a process for %s\n", tty->tt_name);
			continue;
		}
		kthread_t *thr = kthread_create(p, kshell_main, 0, tty);
		if (thr == NULL) {
			panic("kshell: no memory for the thread of '%s'", name);
		}
		sched_make_runnable(thr);
		started++;
	}
	kprintf("keel: %d kernel shells started\n", started);
	int status;
	while (do_waitpid(-1, &status, 0) > 0) {
	}
	return NULL;
}
