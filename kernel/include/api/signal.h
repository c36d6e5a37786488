/*
 * Signals, as on Linux i386, for Keel's one thread per user process.
 * (Support code of the VM stage, kernel/api/signal.c.)
 *
 * Each user process has, in a side table indexed by pid and owned by
 * (pid, proc_t pointer) as fdflags.h's table is, an action for each of the
 * 64 signals (Linux's struct k_sigaction: handler, flags, restorer, a
 * 64-bit mask), a blocked mask and a pending set.  A process with no entry
 * has every action at its default, nothing blocked and nothing pending.
 * fork copies the actions and the mask (the child has nothing pending);
 * execve sets every caught signal back to its default (ignored ones stay
 * ignored) and keeps the mask and the pending set, as Linux does.
 *
 * Sending (signal_send()): an ignored signal (SIG_IGN, or a default of
 * ignore) that is not blocked is dropped; SIGKILL, and a signal whose
 * default is to terminate while it is neither caught nor blocked, end
 * another process at once with proc_kill() (a process asleep in a system
 * call too; a stopped one only for SIGKILL: it keeps the others pending
 * until it continues); anything else is made pending.  Standard signals
 * do not queue: one pending instance at a time, with the information of
 * the last.  SIGCONT continues a stopped process whatever its action or
 * mask (and discards its pending stop signals); a stop signal discards a
 * pending SIGCONT.
 *
 * Interrupted system calls.  A pending signal that is not blocked and has
 * a handler, or whose default is to stop, must not wait for a system call
 * asleep in the kernel: the sender interrupts the process
 * (uthread_interrupt(), api/uthread.h), so that its cancellable sleep
 * returns -EINTR and the call unwinds.  On the way back to user mode, a
 * call that so returned -EINTR (or that returned -ERESTARTSYS itself) is:
 *   - restarted (the same call with the same arguments) when no handler
 *     runs (the signal stopped the process and it was continued, or it is
 *     now blocked or ignored);
 *   - restarted after the handler when the handler's action has
 *     SA_RESTART (0x10000000), except nanosleep, clock_nanosleep, poll,
 *     pause and rt_sigsuspend, which report -EINTR, as on Linux;
 *   - otherwise ended with -EINTR, the handler running first.
 * Where a call had done part of its work (a pipe write that wrote some
 * bytes) it returns that count instead, and nothing is restarted.
 * wait4 reports a child that exited at the moment of the signal rather
 * than -EINTR, as Linux does.
 *
 * Delivery (signal_deliver(), from uthread_return_hook()): on every return
 * to user mode the lowest pending signal that is not blocked is taken.
 * Default actions: terminate (wait status = the signal's number; the
 * signals Linux would dump core for terminate the same way); ignore for
 * SIGCHLD, SIGURG and SIGWINCH; stop for SIGSTOP, SIGTSTP, SIGTTIN and
 * SIGTTOU; SIGCONT's continue happened when it was sent.  A process that
 * stops tells its parent (wait4 with WUNTRACED reports it once, status
 * (sig << 8) | 0x7f; SIGCHLD with si_code CLD_STOPPED and si_status the
 * signal, unless the parent's SIGCHLD action has SA_NOCLDSTOP) and sleeps
 * until SIGCONT (wait4 with WCONTINUED then reports 0xffff once, and
 * SIGCHLD comes with CLD_CONTINUED) or SIGKILL.  Init (pid 1) takes no
 * signals, so it never stops.  (Linux's rule that a stop from the
 * terminal does not stop an orphaned process group is not kept.)
 * A handler gets Linux's signal
 * frame on the user stack: with SA_SIGINFO the rt frame (return address,
 * signo, siginfo*, ucontext*, the siginfo, the ucontext with the saved
 * registers in uc_mcontext in Linux's struct sigcontext order and the old
 * mask in uc_sigmask), else the old frame (return address, signo, struct
 * sigcontext, the mask's high word).  The return address is sa_restorer
 * with SA_RESTORER, else a sigreturn stub written into the frame.  While
 * the handler runs, sa_mask and the signal itself (unless SA_NODEFER) are
 * blocked; SA_RESETHAND sets the action back to the default.  The FPU
 * and SSE registers are saved in the frame too (in Keel's own place and
 * format: fxsave's 512-byte image at the first 16-aligned address after
 * the frame; sc_fpstate stays 0), the handler starts with them reset, and
 * the sigreturn loads them back.  A frame that cannot be written or read
 * back ends the process with SIGSEGV (11).
 *
 * Not done: sigaltstack (handlers always run on the interrupted stack),
 * queued real-time signals, and a restart of nanosleep with the time left
 * (after a stop it sleeps its whole time again).
 */
#ifndef KEEL_API_SIGNAL_H
#define KEEL_API_SIGNAL_H

#include "api/syscall.h"
#include "boot/interrupt.h"
#include "proc/proc.h"
#include "types.h"

#define SIG_NSIG 64
#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGWINCH 28

#define SYS_sigreturn 119
#define SYS_rt_sigreturn 173
#define SYS_pause 29
#define SYS_rt_sigpending 176
#define SYS_rt_sigsuspend 179
#define SYS_tkill 238
#define SYS_tgkill 270

/* si_code values Keel sets. */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SEGV_MAPERR 1
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

/* wait4's options that the signal code reports for. */
#define WUNTRACED 2
#define WCONTINUED 8

/*
 * Sends 'sig' (1..64) to 'p' with si_code 'code', as described above.
 * The sender's pid and uid 0 go into the siginfo.  Never sleeps.
 */
void signal_send(proc_t *p, int sig, int code);

/*
 * Sends 'sig' with si_code 'code' to every live user process whose process
 * group is 'pgrp' (signal_send() each; init is skipped).  Returns how many
 * were signalled.  Process context only (a terminal's interrupt handler
 * defers it to a thread).
 */
int signal_send_group(pid_t pgrp, int sig, int code);

/*
 * Whether 'sig' would do nothing to 'p' now: its action is SIG_IGN (or a
 * default of ignore), or 'p' blocks it.  A process with no signal state
 * (a kernel process, init before it ran) gives false.  For the terminal's
 * job control (SIGTTIN, SIGTTOU).
 */
bool signal_ignored_or_blocked(proc_t *p, int sig);

/*
 * A system call that a signal interrupted may return -ERESTARTSYS instead
 * of -EINTR: on the way back to user mode it is restarted when no handler
 * runs or the handler has SA_RESTART, and becomes -EINTR otherwise.  The
 * value never reaches user mode.
 */
#define ERESTARTSYS 512

/*
 * Called at a fault of the running process in user mode that Linux turns
 * into 'sig' (SIGSEGV, SIGILL, SIGFPE...), at address 'addr': when the
 * signal is caught and not blocked, makes it pending (si_code 'code',
 * si_addr 'addr') and returns true: the handler runs on the way back to
 * user mode.  False: the process must end with status 'sig' (the caller
 * does it, as before signals).
 */
bool signal_fault(int sig, int code, uintptr_t addr);

/*
 * Delivers the running process's pending signals on its way back to user
 * mode (*r is its user-mode frame): see above.  May end the process.
 */
void signal_deliver(regs_t *r, bool interrupted);

/*
 * For wait4: the status that 'child' (alive) has to report under
 * 'options' (WUNTRACED: it stopped, (sig << 8) | 0x7f; WCONTINUED: it was
 * continued, 0xffff), which it then no longer has; -1 when none.
 */
int signal_wait_report(proc_t *child, int options);

/* The child of a fork gets its parent's actions and mask (uthread_clone()). */
void signal_fork(proc_t *parent, proc_t *child);

/* execve: caught signals back to their defaults. */
void signal_exec(void);

/*
 * A user process is exiting with wait status 'status': drops its own
 * entry, and sends SIGCHLD (CLD_EXITED or CLD_KILLED) to its parent.  Called by uthread_exit() just
 * before do_exit(), with nothing that may sleep in between.
 */
void signal_exit(int status);

/*
 * kill(2) for every pid form, tkill, tgkill; rt_sigaction, rt_sigprocmask,
 * rt_sigpending, rt_sigsuspend, pause, sigreturn, rt_sigreturn.
 */
long sys_kill(SYSCALL_ARGS);
long sys_rt_sigaction(SYSCALL_ARGS);
long sys_rt_sigprocmask(SYSCALL_ARGS);
long sys_sigreturn(SYSCALL_ARGS);
long sys_rt_sigreturn(SYSCALL_ARGS);
long sys_rt_sigpending(SYSCALL_ARGS);
long sys_rt_sigsuspend(SYSCALL_ARGS);
long sys_pause(SYSCALL_ARGS);
long sys_tkill(SYSCALL_ARGS);
long sys_tgkill(SYSCALL_ARGS);

#endif
