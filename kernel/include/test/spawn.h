/*
 * Helpers shared by the kernel tests that need processes: start a child process running a
 * function, and reap it.
 */
#ifndef KEEL_TEST_SPAWN_H
#define KEEL_TEST_SPAWN_H

#include "proc/kthread.h"
#include "proc/proc.h"

/*
 * Creates a child of the running process named 'name' whose one thread runs
 * func(arg1, arg2), and makes it runnable.  Fails the test and returns NULL
 * if it cannot.
 */
proc_t *spawn(const char *name, kthread_func_t func, long arg1, void *arg2);

/* The thread of a process made by spawn(). */
kthread_t *spawn_thread(proc_t *p);

/* Reaps 'pid' and returns its exit status; fails the test if waitpid does not return pid. */
int reap(pid_t pid);

/* Yields n times, letting every runnable thread run n times. */
void yield_n(int n);

#endif
