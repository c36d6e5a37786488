/*
 * User threads: entering user mode, coming back to it, and leaving it for
 * good.  (Support code of the VM stage.)
 *
 * A user thread is an ordinary kernel thread whose process has an address
 * space in its user half.  It enters user mode once, through
 * userland_entry(), and from then on the kernel runs on its behalf only
 * after an interrupt, an exception or a system call from user mode.  The
 * CPU then switches to the thread's kernel stack (the TSS's esp0, set on
 * every context switch to the top of the running thread's stack), so the
 * frame saved at user-mode entry (a regs_t) always sits at the very top of
 * that stack: uthread_regs() finds it.
 *
 * On every way back to user mode (the end of intr_dispatch() for an
 * interrupt that came from user mode) uthread_return_hook() runs: a thread
 * that was cancelled (proc_kill(), kill()) leaves through uthread_exit()
 * with the status of the cancel instead of returning; a timer tick lets
 * the next runnable thread run, so a program that loops in user mode
 * cannot keep the CPU forever.
 */
#ifndef KEEL_API_UTHREAD_H
#define KEEL_API_UTHREAD_H

#include "boot/interrupt.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#include "types.h"

/* The initial flags of a user thread: interrupts on (IF) and the reserved bit 1. */
#define UTHREAD_EFLAGS 0x202

/*
 * Fills *regs for a fresh user thread: user code and data segments, no
 * TLS (gs 0), every general register 0, eflags UTHREAD_EFLAGS, the given
 * entry point and user stack pointer.
 */
void uthread_regs_init(regs_t *regs, uintptr_t eip, uintptr_t esp);

/*
 * Enters user mode in the running thread with the registers of *regs
 * (which may lie anywhere, the caller's stack included: it is copied
 * first).  Never returns: the thread comes back into the kernel only
 * through interrupts and system calls.  regs->r_cs must be GDT_USER_CODE
 * and r_ss GDT_USER_DATA (KASSERTed).
 */
void userland_entry(const regs_t *regs) __noreturn;

/*
 * The user-mode frame of the running thread: the regs_t at the top of its
 * kernel stack.  Valid only in a thread that entered user mode, while it
 * is in the kernel because of an interrupt or system call from user mode.
 */
regs_t *uthread_regs(void);

/*
 * A new thread of 'child', not yet runnable (do_fork() makes it runnable
 * with sched_make_runnable() once the child's address space is ready),
 * that starts in user mode with *regs except eax = 0, and with the calling
 * thread's TLS descriptor.  NULL when out of memory.
 */
kthread_t *uthread_clone(proc_t *child, const regs_t *regs);

/*
 * Ends the running user process with wait status 'status' (already
 * encoded as wait4() reports it: (n & 0xff) << 8 for exit(n), a signal
 * number for a signal death).  If it is init (pid 1), every other user
 * process is killed first and init reaps its children (PROCS' init may not
 * exit with children; the machine then halts).  Releases its address space
 * (vm_proc_release()) and its descriptors and directory
 * (vfs_proc_release()), then calls do_exit().  Never returns.
 */
void uthread_exit(int status) __noreturn;

/*
 * Kills (proc_kill() with 'status') every live user process (one with VM
 * state) but the running one and init.  For reboot() and for init's exit.
 */
void uproc_kill_others(int status);

/*
 * The out-of-memory killer, for a page fault of the running process that
 * found no free frame (vm_pagefault() gave -ENOMEM).  The victim is the
 * live user process that holds the most pages of anonymous and shadow
 * memory of its own: the pages of the objects down each area's chain that
 * only that area refers to (down to the first shared object), so that
 * pages a fork shares count for no one, as a resident-set size would.
 * When that is another process, it is killed with status 9 (one console
 * line "out of memory: pid V (NAME) killed for pid P"), the caller sleeps a
 * tick so that it can exit and free its memory, and the result is true:
 * retry the fault.  While a process killed so has not yet exited, the
 * caller waits for it the same way rather than kill another.  False: the
 * running process is the victim itself, or UPROC_OOM_TRIES waits did not
 * help; the caller then ends it (status 9).  May sleep.
 */
#define UPROC_OOM_TRIES 50
bool uproc_oom_kill_other(int tries);

/*
 * A page for a system call's own use (read's and write's bounce buffer),
 * for the running user process: when no frame is free, the out-of-memory
 * killer ends a bigger process and the allocation is tried again, as for
 * a page fault, so that a program does not see -ENOMEM from read() only
 * because another one holds all memory.  NULL when that does not help.
 * May sleep.  Freed with page_free().
 */
void *uproc_page_alloc(void);

/*
 * Interrupting a system call.  A signal that must reach a process asleep
 * in the kernel (one it catches, or a stop) wakes it through the same
 * cancellation PROCS built for kill: uthread_interrupt() sets kt_cancelled
 * with the marker UTHREAD_INTERRUPTED as kt_retval (a value no wait status
 * can take) and calls sched_cancel(), so the cancellable sleep the process
 * is in (or the next one it starts) returns -EINTR and the call unwinds.
 * On the way back to user mode, uthread_take_interrupt() clears the marker
 * (kt_cancelled back to false: the one place it is), and the signal code
 * restarts the call or lets it return -EINTR (api/signal.h).  A real kill
 * (proc_kill()) overwrites the marker with its status, so it always wins;
 * uthread_interrupt() never touches a thread already cancelled.
 * uthread_killed() tells a real kill from an interrupt: every support
 * check of "is this thread dying" uses it.
 */
#define UTHREAD_INTERRUPTED ((void *)0x7ffe0000)
void uthread_interrupt(proc_t *p);
bool uthread_killed(const kthread_t *thr);
/* Clears the running thread's interrupt, if any; true if there was one. */
bool uthread_take_interrupt(void);

/*
 * Called by intr_dispatch() after it handled an interrupt, exception or
 * system call that came from user mode (r->r_cs's privilege level 3),
 * with interrupts off, just before the return to user mode: exits a
 * killed thread (uthread_exit() with the cancel's status), gives up the
 * CPU on a timer tick, takes back an interrupt (uthread_take_interrupt())
 * and delivers pending signals (signal_deliver(), api/signal.h), which may
 * restart the interrupted system call.
 */
void uthread_return_hook(regs_t *r);

/*
 * Ends the running user process for an exception it caused in user mode
 * (an invalid opcode, a divide error, a general protection fault...) as
 * Linux's matching signal would (SIGILL 4, SIGFPE 8, SIGSEGV 11, SIGTRAP
 * 5, SIGBUS 7): prints one console line naming the process, the exception
 * and eip, and exits with that signal's number as the wait status.
 * Returns (with the signal pending) only when the program catches that
 * signal and does not block it (signal_fault()): the caller then goes back
 * to user mode through uthread_return_hook(), which runs the handler.
 */
void uthread_exception(regs_t *r);

#endif
