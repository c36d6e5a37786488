/*
 * Processes and the process tree.
 *
 * A process has a pid, a name, a page directory, a parent and children, and
 * its threads (in Keel, one each).  Pid 0 is the idle process, which boots
 * the rest of the system; pid 1 is init, the ancestor of every other
 * process.  When a process's last thread exits the process becomes a zombie
 * (PROC_DEAD): its children go to init, its parent is woken, and it keeps
 * its pid and status until the parent reaps it with do_waitpid(), which
 * frees everything the process still holds.
 *
 * Pids.  proc_alloc_pid() hands out pids 0 .. proc_pid_max - 1 in increasing
 * order, starting at 0, so the first process created (idle) gets pid 0 and
 * the second (init) pid 1; every later process gets one of 2 ..
 * proc_pid_max - 1.  A bitmap records the pids in use: proc_alloc_pid()
 * marks the pid it returns, and proc_destroy() (when the parent reaps the
 * process) clears it, so a live or zombie process's pid is never handed out
 * again.  After the highest pid the search wraps around to the lowest free
 * one.  Lowering proc_pid_max (tests do, to force a wrap) below the next pid
 * to try counts as a wrap: the search goes on from the lowest free pid
 * under the new limit.  When every pid below proc_pid_max is taken,
 * proc_create() returns NULL.
 */
#ifndef KEEL_PROC_PROC_H
#define KEEL_PROC_PROC_H

#include "proc/sched.h"
#include "types.h"
#include "util/list.h"

struct pagedir;

#define PROC_NAME_LEN 32
#define PID_IDLE 0
#define PID_INIT 1
/* The default limit on pids (exclusive); the kernel command line can lower it (pid_max=). */
#define PROC_MAX_COUNT 1024

typedef enum proc_state {
	PROC_RUNNING, /* has a live thread */
	PROC_DEAD,    /* its last thread exited; waiting to be reaped */
} proc_state_t;

typedef struct proc {
	pid_t p_pid;
	char p_name[PROC_NAME_LEN];
	proc_state_t p_state;
	int p_status;                /* exit status, once PROC_DEAD */
	struct proc *p_pproc;        /* parent; NULL for idle */
	list_t p_threads;            /* kthread_t by kt_plink */
	list_t p_children;           /* proc_t by p_child_link */
	list_link_t p_child_link;    /* on p_pproc->p_children */
	list_link_t p_list_link;     /* on the list of all processes */
	ktqueue_t p_wait;            /* where the process sleeps in do_waitpid() */
	struct pagedir *p_pagedir;
} proc_t;

/* The process of the running thread. */
extern proc_t *curproc;
/* Pid 1, once it exists. */
extern proc_t *proc_initproc;
/* Pids are below this; at most PROC_MAX_COUNT. */
extern int proc_pid_max;

/*
 * Creates a process named 'name' (truncated to PROC_NAME_LEN - 1), with a new
 * page directory, as a child of curproc (no parent for the first, the idle
 * process).  It has no threads yet.  Returns NULL when out of memory or out of
 * pids.
 */
proc_t *proc_create(const char *name);

/*
 * Called by kthread_exit() in the exiting thread: the process's last thread
 * has finished with 'retval' (the exit status, cast).  Makes the process a
 * zombie: status set, children handed to init, parent woken.  Returns; the
 * caller then switches away for good.
 */
void proc_thread_exited(void *retval);

/*
 * Ends process 'p' with 'status'.  For the running process this is
 * do_exit(status); for another it cancels each of p's threads with that
 * status (they exit when they notice).
 */
void proc_kill(proc_t *p, int status);

/*
 * proc_kill(p, status) for every process except idle, init, the caller and
 * the caller's ancestors.  The caller goes on running; the killed processes
 * still have to be reaped by their parents.
 */
void proc_kill_all(int status);

/* Ends the running process with 'status'; never returns. */
void do_exit(int status) __noreturn;

/*
 * Waits for a child to exit and reaps it.  pid == -1: any child; pid > 0: that
 * child.  options must be 0.  Returns the reaped child's pid and stores its
 * exit status in *status (if status is not NULL).  Sleeps cancellably while
 * the children it may reap are still running.  Errors: -ECHILD when there is
 * no such child (or no child at all), -EINVAL for other pids or options,
 * -EINTR when the caller is cancelled while it waits.
 */
pid_t do_waitpid(pid_t pid, int *status, int options);

/* The live or zombie process with 'pid', or NULL. */
proc_t *proc_lookup(pid_t pid);

/*
 * Iteration over every process, live or zombie, in creation order: the
 * process after 'prev' (the first when prev is NULL), or NULL.
 */
proc_t *proc_next(const proc_t *prev);

/* Prints every process and its threads (for the `ps` command and debugging). */
struct printer;
void proc_print_all(const struct printer *pr);

/* Support: starts the idle process, which starts init; never returns. */
void proc_start(void) __noreturn;
void proc_init(void);

/* The number of processes, live or zombie. */
int proc_count(void);

/* What the init process runs; weak: later stages provide kshell or /sbin/init. */
void *initproc_run(long arg1, void *arg2);

#endif
