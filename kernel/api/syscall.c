/*
 * The system call table and dispatch (api/syscall.h).
 *
 * The table is indexed by Linux i386's numbers; a hole or a number past
 * its end is an unknown call.  Each entry takes the six argument registers
 * whether it uses them or not, and returns the value for eax.
 */
#include "api/syscall.h"
#include "api/linux2.h"
#include "api/signal.h"
#include "errno.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#include "util/debug.h"

static const syscall_fn_t syscall_table[] = {
    [SYS_exit] = sys_exit,
    [SYS_fork] = sys_fork,
    [SYS_read] = sys_read,
    [SYS_write] = sys_write,
    [SYS_open] = sys_open,
    [SYS_close] = sys_close,
    [SYS_waitpid] = sys_waitpid,
    [SYS_creat] = sys_creat,
    [SYS_link] = sys_link,
    [SYS_unlink] = sys_unlink,
    [SYS_execve] = sys_execve,
    [SYS_chdir] = sys_chdir,
    [SYS_time] = sys_time,
    [SYS_mknod] = sys_mknod,
    [SYS_lseek] = sys_lseek,
    [SYS_getpid] = sys_getpid,
    [SYS_getuid] = sys_getid,
    [SYS_access] = sys_access,
    [SYS_sync] = sys_sync,
    [SYS_kill] = sys_kill,
    [SYS_rename] = sys_rename,
    [SYS_mkdir] = sys_mkdir,
    [SYS_rmdir] = sys_rmdir,
    [SYS_dup] = sys_dup,
    [SYS_pipe] = sys_pipe,
    [SYS_brk] = sys_brk,
    [SYS_getgid] = sys_getid,
    [SYS_geteuid] = sys_getid,
    [SYS_getegid] = sys_getid,
    [SYS_ioctl] = sys_ioctl,
    [SYS_fcntl] = sys_fcntl64,
    [SYS_dup2] = sys_dup2,
    [SYS_getppid] = sys_getppid,
    [SYS_gettimeofday] = sys_gettimeofday,
    [SYS_reboot] = sys_reboot,
    [SYS_mmap] = sys_mmap,
    [SYS_munmap] = sys_munmap,
    [SYS_wait4] = sys_wait4,
    [SYS_uname] = sys_uname,
    [SYS__llseek] = sys_llseek,
    [SYS_readv] = sys_readv,
    [SYS_writev] = sys_writev,
    [SYS_sched_yield] = sys_sched_yield,
    [SYS_nanosleep] = sys_nanosleep,
    [SYS_rt_sigaction] = sys_rt_sigaction,
    [SYS_sigreturn] = sys_sigreturn,
    [SYS_rt_sigreturn] = sys_rt_sigreturn,
    [SYS_rt_sigpending] = sys_rt_sigpending,
    [SYS_rt_sigsuspend] = sys_rt_sigsuspend,
    [SYS_pause] = sys_pause,
    [SYS_tkill] = sys_tkill,
    [SYS_tgkill] = sys_tgkill,
    [SYS_rt_sigprocmask] = sys_rt_sigprocmask,
    [SYS_getcwd] = sys_getcwd,
    [SYS_mmap2] = sys_mmap2,
    [SYS_stat64] = sys_stat64,
    [SYS_lstat64] = sys_stat64, /* no symbolic links: lstat is stat */
    [SYS_fstat64] = sys_fstat64,
    [SYS_getuid32] = sys_getid,
    [SYS_getgid32] = sys_getid,
    [SYS_geteuid32] = sys_getid,
    [SYS_getegid32] = sys_getid,
    [SYS_getdents64] = sys_getdents64,
    [SYS_fcntl64] = sys_fcntl64,
    [SYS_set_thread_area] = sys_set_thread_area,
    [SYS_exit_group] = sys_exit,
    [SYS_set_tid_address] = sys_set_tid_address,
    [SYS_clock_gettime] = sys_clock_gettime,
    [SYS_openat] = sys_openat,
    [SYS_pipe2] = sys_pipe2,
    /* api/linux2.h: what stock Linux binaries (BusyBox, glibc) need */
    [SYS_setpgid] = sys_setpgid,
    [SYS_umask] = sys_umask,
    [SYS_getpgrp] = sys_getpgrp,
    [SYS_setsid] = sys_setsid,
    [SYS_getrlimit] = sys_getrlimit,
    [SYS_readlink] = sys_readlink,
    [SYS_fsync] = sys_fsync,
    [SYS_clone] = sys_clone,
    [SYS_mprotect] = sys_mprotect,
    [SYS_getpgid] = sys_getpgid,
    [SYS_getsid] = sys_getsid,
    [SYS_fdatasync] = sys_fsync,
    [SYS_prctl] = sys_prctl,
    [SYS_vfork] = sys_vfork,
    [SYS_ugetrlimit] = sys_getrlimit,
    [SYS_sendfile64] = sys_sendfile64,
    [SYS_fstatat64] = sys_fstatat64,
    [SYS_set_robust_list] = sys_set_robust_list,
    [SYS_utimensat] = sys_utimensat,
    [SYS_dup3] = sys_dup3,
    [SYS_getrandom] = sys_getrandom,
    [SYS_symlink] = sys_symlink,
    [SYS_truncate] = sys_truncate,
    [SYS_ftruncate] = sys_ftruncate,
    [SYS_truncate64] = sys_truncate64,
    [SYS_ftruncate64] = sys_ftruncate64,
    [SYS_symlinkat] = sys_symlinkat,
    [SYS_mknodat] = sys_mknodat,
    [SYS_statx] = sys_statx,
    [SYS_sysinfo] = sys_sysinfo,
    [SYS_getgroups] = sys_getgroups,
    [SYS_getgroups32] = sys_getgroups,
    [SYS_sched_getaffinity] = sys_sched_getaffinity,
    [SYS_chmod] = sys_chmod,
    [SYS_fchmod] = sys_fchmod,
    [SYS_fchmodat] = sys_fchmodat,
    [SYS_chown32] = sys_chown32,
    [SYS_lchown32] = sys_chown32,
    [SYS_fchown32] = sys_fchown32,
    [SYS_fchownat] = sys_fchownat,
    [SYS_poll] = sys_poll,
    [SYS_gettid] = sys_gettid,
    [SYS_clock_nanosleep] = sys_clock_nanosleep,
};

syscall_fn_t syscall_lookup(uint32_t num)
{
	if (num == SYS_keel_meminfo) {
		return sys_keel_meminfo;
	}
	return num < ARRAY_SIZE(syscall_table) ? syscall_table[num] : NULL;
}

void syscall_dispatch(regs_t *r)
{
	r->r_err = r->r_eax; /* the call's number, for a restart after a signal (api/signal.h) */
	syscall_fn_t fn = syscall_lookup(r->r_eax);
	if (fn == NULL) {
		dbg(DBG_SYSCALL, "pid %d (%s): unknown system call %u: -ENOSYS\n", curproc->p_pid,
		    curproc->p_name, r->r_eax);
		r->r_eax = -ENOSYS;
		return;
	}
	r->r_eax = fn(r->r_ebx, r->r_ecx, r->r_edx, r->r_esi, r->r_edi, r->r_ebp);
}
