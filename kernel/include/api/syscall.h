/*
 * System calls: Linux i386's convention and numbers.  (Support code of the
 * VM stage.)
 *
 * A program traps with `int $0x80` (a DPL 3 gate: the only vector user
 * mode may raise), the call's number in eax and up to six arguments in
 * ebx, ecx, edx, esi, edi, ebp.  The result goes back in eax: a value >= 0,
 * or -errno (libc turns it into -1 and errno).  Numbers and structure
 * layouts are Linux i386's, so the same static binary runs on Keel and on
 * Linux.  An unknown number returns -ENOSYS and prints one line on the
 * "syscall" debug channel (dbg=syscall) naming it: libcs probe newer calls
 * (the 64-bit time calls, rseq) and fall back on ENOSYS.
 *
 * The calls, with their Linux i386 numbers (each implemented in
 * kernel/api/; the file says which do_* function or subsystem it wraps):
 *
 *   1 exit            2 fork            3 read            4 write
 *   5 open            6 close           7 waitpid         8 creat
 *   9 link           10 unlink         11 execve         12 chdir
 *  13 time           14 mknod          19 lseek          20 getpid
 *  24 getuid         33 access         36 sync           37 kill
 *  38 rename         39 mkdir          40 rmdir          41 dup
 *  42 pipe           45 brk            47 getgid         49 geteuid
 *  50 getegid        54 ioctl          55 fcntl          63 dup2
 *  64 getppid        78 gettimeofday   88 reboot         90 mmap (old)
 *  91 munmap        114 wait4         122 uname         140 _llseek
 * 145 readv         146 writev        158 sched_yield   162 nanosleep
 * 174 rt_sigaction  175 rt_sigprocmask 183 getcwd       192 mmap2
 * 195 stat64        196 lstat64       197 fstat64       199 getuid32
 * 200 getgid32      201 geteuid32     202 getegid32     220 getdents64
 * 221 fcntl64       243 set_thread_area 252 exit_group  258 set_tid_address
 * 265 clock_gettime 295 openat        331 pipe2
 * 1000 keel_meminfo (Keel's own; -ENOSYS on Linux)
 * Signals (kill, rt_sigaction, rt_sigprocmask, 119 sigreturn and 173
 * rt_sigreturn) are described in api/signal.h.
 *
 * Bad pointers.  Every pointer a call reads or writes through, given NULL
 * (where NULL does not mean "none"), a kernel address, an unmapped address
 * or an object that runs off the end of its mapping, makes the call fail
 * with -EFAULT, and the kernel goes on (user/test/efault_*.c check each).
 * The pointers: the paths of open, openat, creat, link (both), unlink,
 * execve, chdir, mknod, access, rename (both), mkdir, rmdir, stat64,
 * lstat64; execve's argv and envp arrays and their strings; the buffers of
 * read, write, readv and writev and their iovec arrays; _llseek's result;
 * waitpid's and wait4's status and wait4's rusage (NULL: none; the child
 * is reaped even when the copy fails, as on Linux; rusage gets zeros); pipe's and pipe2's two descriptors (none
 * stays open); time's result and gettimeofday's two (NULL: none);
 * clock_gettime's and nanosleep's timespec; uname's, fstat64's, stat64's,
 * lstat64's and getdents64's buffers; getcwd's; the old mmap's argument
 * block; rt_sigaction's act and oldact and rt_sigprocmask's set and oldset
 * (NULL: none); set_thread_area's descriptor; the terminal ioctls'
 * argument (every request of api/tty_job.h that reads or writes through
 * it: TCGETS, TCSETS*, TIOCGWINSZ, TIOCSWINSZ, TIOCGPGRP, TIOCSPGRP,
 * TIOCGSID, TIOCSTI, FIONREAD, TIOCOUTQ); keel_meminfo's.  Not pointers to
 * the kernel: brk's, mmap2's and munmap's addresses, set_tid_address's
 * (never used), nanosleep's remainder (written only when a sleep is cut
 * short).  Where Keel
 * differs from Linux: a read, write, readv or writev buffer that starts
 * mapped and runs off its mapping fails as a whole with -EFAULT and moves
 * nothing (Linux moves the mapped part and returns a short count).
 *
 * The calls of api/linux2.h (clone, mprotect, process groups, ...) are
 * listed there; ioctl's terminal requests (termios, job control, the
 * window size) in api/tty_job.h.
 */
#ifndef KEEL_API_SYSCALL_H
#define KEEL_API_SYSCALL_H

#include "boot/interrupt.h"
#include "types.h"

#define SYS_exit 1
#define SYS_fork 2
#define SYS_read 3
#define SYS_write 4
#define SYS_open 5
#define SYS_close 6
#define SYS_waitpid 7
#define SYS_creat 8
#define SYS_link 9
#define SYS_unlink 10
#define SYS_execve 11
#define SYS_chdir 12
#define SYS_time 13
#define SYS_mknod 14
#define SYS_lseek 19
#define SYS_getpid 20
#define SYS_getuid 24
#define SYS_access 33
#define SYS_sync 36
#define SYS_kill 37
#define SYS_rename 38
#define SYS_mkdir 39
#define SYS_rmdir 40
#define SYS_dup 41
#define SYS_pipe 42
#define SYS_brk 45
#define SYS_getgid 47
#define SYS_geteuid 49
#define SYS_getegid 50
#define SYS_ioctl 54
#define SYS_fcntl 55
#define SYS_dup2 63
#define SYS_getppid 64
#define SYS_gettimeofday 78
#define SYS_reboot 88
#define SYS_mmap 90
#define SYS_munmap 91
#define SYS_wait4 114
#define SYS_uname 122
#define SYS__llseek 140
#define SYS_readv 145
#define SYS_writev 146
#define SYS_sched_yield 158
#define SYS_nanosleep 162
#define SYS_rt_sigaction 174
#define SYS_rt_sigprocmask 175
#define SYS_getcwd 183
#define SYS_mmap2 192
#define SYS_stat64 195
#define SYS_lstat64 196
#define SYS_fstat64 197
#define SYS_getuid32 199
#define SYS_getgid32 200
#define SYS_geteuid32 201
#define SYS_getegid32 202
#define SYS_getdents64 220
#define SYS_fcntl64 221
#define SYS_set_thread_area 243
#define SYS_exit_group 252
#define SYS_set_tid_address 258
#define SYS_clock_gettime 265
#define SYS_openat 295
#define SYS_pipe2 331
#define SYS_keel_meminfo 1000

/* Every system call takes its six argument registers, in order. */
#define SYSCALL_ARGS uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5, uint32_t a6
typedef long (*syscall_fn_t)(SYSCALL_ARGS);

/*
 * Runs the system call that 'regs' (the frame of an `int $0x80` from user
 * mode) asks for and stores its result in regs->r_eax.  Called by
 * intr_dispatch() with interrupts on.
 */
void syscall_dispatch(regs_t *regs);

/* The handler of system call 'num', or NULL for an unknown number. */
syscall_fn_t syscall_lookup(uint32_t num);

/*
 * Reads the CMOS real-time clock and sets the time of day from it
 * (api/sys_misc.c); kmain() calls it once the timer runs.
 */
void api_clock_init(void);

/* The calls, by file (each returns its result or -errno). */
/* api/sys_proc.c */
long sys_exit(SYSCALL_ARGS);
long sys_fork(SYSCALL_ARGS);
long sys_waitpid(SYSCALL_ARGS);
long sys_wait4(SYSCALL_ARGS);
long sys_getpid(SYSCALL_ARGS);
long sys_getppid(SYSCALL_ARGS);
long sys_getid(SYSCALL_ARGS);
long sys_kill(SYSCALL_ARGS);
long sys_sched_yield(SYSCALL_ARGS);
long sys_brk(SYSCALL_ARGS);
long sys_mmap(SYSCALL_ARGS);
long sys_mmap2(SYSCALL_ARGS);
long sys_munmap(SYSCALL_ARGS);
long sys_set_thread_area(SYSCALL_ARGS);
long sys_set_tid_address(SYSCALL_ARGS);
long sys_rt_sigaction(SYSCALL_ARGS);
long sys_rt_sigprocmask(SYSCALL_ARGS);
long sys_keel_meminfo(SYSCALL_ARGS);
/* api/sys_fd.c */
long sys_read(SYSCALL_ARGS);
long sys_write(SYSCALL_ARGS);
long sys_readv(SYSCALL_ARGS);
long sys_writev(SYSCALL_ARGS);
long sys_close(SYSCALL_ARGS);
long sys_lseek(SYSCALL_ARGS);
long sys_llseek(SYSCALL_ARGS);
long sys_dup(SYSCALL_ARGS);
long sys_dup2(SYSCALL_ARGS);
long sys_pipe(SYSCALL_ARGS);
long sys_pipe2(SYSCALL_ARGS);
long sys_fstat64(SYSCALL_ARGS);
long sys_getdents64(SYSCALL_ARGS);
long sys_ioctl(SYSCALL_ARGS);
long sys_fcntl64(SYSCALL_ARGS);
long sys_sync(SYSCALL_ARGS);
/* api/sys_path.c */
long sys_open(SYSCALL_ARGS);
long sys_openat(SYSCALL_ARGS);
long sys_creat(SYSCALL_ARGS);
long sys_link(SYSCALL_ARGS);
long sys_unlink(SYSCALL_ARGS);
long sys_chdir(SYSCALL_ARGS);
long sys_getcwd(SYSCALL_ARGS);
long sys_mknod(SYSCALL_ARGS);
long sys_stat64(SYSCALL_ARGS);
long sys_rename(SYSCALL_ARGS);
long sys_mkdir(SYSCALL_ARGS);
long sys_rmdir(SYSCALL_ARGS);
long sys_access(SYSCALL_ARGS);
/* api/sys_misc.c */
long sys_time(SYSCALL_ARGS);
long sys_gettimeofday(SYSCALL_ARGS);
long sys_clock_gettime(SYSCALL_ARGS);
long sys_nanosleep(SYSCALL_ARGS);
long sys_uname(SYSCALL_ARGS);
long sys_reboot(SYSCALL_ARGS);
/* api/exec.c */
long sys_execve(SYSCALL_ARGS);

#endif
