/*
 * System calls about processes, memory and threads: exit, fork, wait,
 * the ids, brk and mmap, the TLS descriptor and keel_meminfo (kill and
 * the signal calls are api/signal.c's).  Thin wrappers: the work is PROCS' (do_waitpid), the VM
 * stage's (do_fork, do_brk, do_mmap) and api/uthread.c's.
 *
 * Wait statuses are Linux's: exit(n) is (n & 0xff) << 8, a death by signal
 * s is s (kill() with no handlers, a fatal fault).
 */
#include "api/linux2.h"
#include "api/signal.h"
#include "api/syscall.h"
#include "api/uaccess.h"
#include "api/uthread.h"
#include "api/vmglue.h"
#include "boot/gdt.h"
#include "errno.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/pframe.h"
#include "mm/slab.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "util/string.h"

#define WNOHANG 1

/* exit(status) and exit_group(status): the process ends with (status & 0xff) << 8. */
long sys_exit(SYSCALL_ARGS)
{
	uthread_exit((a1 & 0xff) << 8);
}

/* fork(): the child's pid, or the errors of do_fork() (-ENOMEM, -EAGAIN). */
long sys_fork(SYSCALL_ARGS)
{
	return do_fork(uthread_regs());
}

/* Linux's options wait4 takes: __WNOTHREAD, __WALL and __WCLONE (one thread per process here). */
#define WAIT_THREAD_FLAGS 0xe0000000u

/* Whether child 'c' is one that wait4's 'pid' names (-1 any, 0 the caller's group, < -1 a group). */
static bool wait_matches(proc_t *c, pid_t pid)
{
	if (pid > 0) {
		return c->p_pid == pid;
	}
	if (pid == -1) {
		return true;
	}
	return pgrp_of(c) == (pid == 0 ? pgrp_of(curproc) : -pid);
}

/*
 * One look at the children that 'pid' names: a zombie is reaped (through
 * do_waitpid(), which returns at once for it), a stopped or continued
 * child reported as 'options' ask.  Returns its pid with *status set,
 * 0 if children match but none has anything to report, -ECHILD if none
 * matches.
 */
static pid_t wait_scan(pid_t pid, int options, int *status)
{
	bool any = false;
	list_t *kids = &curproc->p_children;
	for (list_link_t *l = kids->l_next; l != kids; l = l->l_next) {
		proc_t *c = container_of(l, proc_t, p_child_link);
		if (!wait_matches(c, pid)) {
			continue;
		}
		any = true;
		if (c->p_state == PROC_DEAD) {
			return do_waitpid(c->p_pid, status, 0);
		}
		int st = signal_wait_report(c, options);
		if (st >= 0) {
			*status = st;
			return c->p_pid;
		}
	}
	return any ? 0 : -ECHILD;
}

/*
 * wait4(pid, status, options, rusage): waits for a child that 'pid' names
 * (> 0 that child, -1 any child, 0 any child in the caller's process
 * group, < -1 any child in the group -pid) to exit, and stores its wait
 * status at 'status' (if not NULL).  options (any mix): WNOHANG (1: return
 * 0 at once when a matching child exists but has nothing to report),
 * WUNTRACED (2: also report a child that stopped, status (sig << 8) |
 * 0x7f, once per stop), WCONTINUED (8: also report a stopped child that a
 * SIGCONT continued, status 0xffff, once); __WALL, __WCLONE and
 * __WNOTHREAD are accepted and change nothing.  A non-NULL rusage gets
 * zeros (Keel keeps no usage figures).  A signal with a handler ends the
 * wait: the call is restarted after the handler if its action has
 * SA_RESTART, else returns -EINTR -- unless a child had something to
 * report by then, which wait4 returns first.  Errors: -ECHILD (no such
 * child), -EINVAL (other options), -EFAULT (status or rusage is a bad
 * pointer; the child is reaped all the same, as on Linux), -EINTR.
 */
long sys_wait4(SYSCALL_ARGS)
{
	pid_t pid = (pid_t)a1;
	int options = (int)a3;
	if (((uint32_t)options & ~(WNOHANG | WUNTRACED | WCONTINUED | WAIT_THREAD_FLAGS)) != 0) {
		return -EINVAL;
	}
	int status = 0;
	pid_t got;
	for (;;) {
		got = wait_scan(pid, options, &status);
		if (got != 0 || (options & WNOHANG)) {
			break;
		}
		if (sched_cancellable_sleep_on(&curproc->p_wait) == -EINTR) {
			/* A child that exited at the same moment is reported first, as on Linux. */
			got = uthread_killed(curthr) ? 0 : wait_scan(pid, options, &status);
			if (got == 0) {
				return -EINTR;
			}
			break;
		}
	}
	if (got <= 0) {
		return got;
	}
	if (a2 != 0 && copy_to_user((void *)a2, &status, sizeof(status)) != 0) {
		return -EFAULT;
	}
	if (a4 != 0) {
		uint32_t usage[18] = {0}; /* Linux i386's struct rusage: 72 bytes */
		if (copy_to_user((void *)a4, usage, sizeof(usage)) != 0) {
			return -EFAULT;
		}
	}
	return got;
}

/* waitpid(pid, status, options): wait4 without rusage. */
long sys_waitpid(SYSCALL_ARGS)
{
	return sys_wait4(a1, a2, a3, 0, 0, 0);
}

long sys_getpid(SYSCALL_ARGS)
{
	return curproc->p_pid;
}

long sys_getppid(SYSCALL_ARGS)
{
	return curproc->p_pproc != NULL ? curproc->p_pproc->p_pid : 0;
}

/* getuid, geteuid, getgid, getegid (and their 32-bit forms): Keel has one user, root (0). */
long sys_getid(SYSCALL_ARGS)
{
	return 0;
}

long sys_sched_yield(SYSCALL_ARGS)
{
	sched_yield();
	return 0;
}

/* brk(addr): the new break, or the unchanged one when addr is 0 or cannot be set (Linux's brk). */
long sys_brk(SYSCALL_ARGS)
{
	void *ret = NULL;
	int err = do_brk((void *)a1, &ret);
	return err < 0 ? err : (long)ret;
}

/*
 * mmap2(addr, len, prot, flags, fd, pgoff): do_mmap() with the offset in
 * pages.  Errors: do_mmap()'s, and -EINVAL for an offset of 2 GiB or more
 * (Keel's off_t is 32 bits).
 */
long sys_mmap2(SYSCALL_ARGS)
{
	if (a6 >= (0x80000000u >> PAGE_SHIFT)) {
		return -EINVAL;
	}
	void *ret = NULL;
	int err =
	    do_mmap((void *)a1, a2, (int)a3, (int)a4, (int)a5, (off_t)(a6 << PAGE_SHIFT), &ret);
	return err < 0 ? err : (long)ret;
}

/*
 * The old mmap(args): args points to six words (addr, len, prot, flags,
 * fd, offset in bytes).  Errors: -EFAULT (args), -EINVAL (an offset that
 * is not page aligned or 2 GiB or more), do_mmap()'s.
 */
long sys_mmap(SYSCALL_ARGS)
{
	uint32_t w[6];
	if (copy_from_user(w, (const void *)a1, sizeof(w)) != 0) {
		return -EFAULT;
	}
	if ((w[5] & PAGE_MASK) != 0) {
		return -EINVAL;
	}
	return sys_mmap2(w[0], w[1], w[2], w[3], w[4], w[5] >> PAGE_SHIFT);
}

/* munmap(addr, len): do_munmap(). */
long sys_munmap(SYSCALL_ARGS)
{
	return do_munmap((void *)a1, a2);
}

/* Linux's struct user_desc. */
typedef struct user_desc {
	uint32_t entry_number;
	uint32_t base_addr;
	uint32_t limit;
	uint32_t flags; /* seg_32bit:1 contents:2 read_exec_only:1 limit_in_pages:1
			   seg_not_present:1 useable:1 */
} user_desc_t;

/*
 * set_thread_area(u_info): loads the TLS descriptor *u_info into the
 * thread's slot of the GDT (entry GDT_TLS_ENTRY, the only one).
 * entry_number -1 picks the slot and writes its number back.  An "empty"
 * descriptor (Linux's rule: base, limit, contents, seg_32bit,
 * limit_in_pages and useable 0, read_exec_only and seg_not_present 1)
 * clears the slot.  The descriptor stays with the thread across context
 * switches and is inherited by fork's child.  Errors: -EFAULT (u_info),
 * -EINVAL (another entry number, or contents 3, a code segment).
 */
long sys_set_thread_area(SYSCALL_ARGS)
{
	user_desc_t u;
	if (copy_from_user(&u, (const void *)a1, sizeof(u)) != 0) {
		return -EFAULT;
	}
	if (u.entry_number == 0xffffffffu) {
		u.entry_number = GDT_TLS_ENTRY;
		if (copy_to_user((void *)a1, &u, sizeof(u)) != 0) {
			return -EFAULT;
		}
	}
	uint32_t f = u.flags;
	uint32_t contents = (f >> 1) & 3;
	if (u.entry_number != GDT_TLS_ENTRY || contents == 3) {
		return -EINVAL;
	}
	uint32_t *desc = curthr->kt_ctx.c_tls;
	if (u.base_addr == 0 && u.limit == 0 && (f & 0x7f) == ((1u << 3) | (1u << 5))) {
		desc[0] = desc[1] = 0;
	} else {
		tls_desc_make(desc, u.base_addr, u.limit, f & (1u << 4), f & 1u, f & (1u << 3),
			      contents == 1, f & (1u << 5), f & (1u << 6));
	}
	gdt_set_tls(desc);
	return 0;
}

/* set_tid_address(tidptr): Keel's one thread per process has tid = pid; tidptr is not used. */
long sys_set_tid_address(SYSCALL_ARGS)
{
	return curproc->p_pid;
}

/* Keel's own struct keel_meminfo. */
typedef struct keel_meminfo {
	uint32_t free_frames;    /* free page frames */
	uint32_t resident_pages; /* pages in the page-frame cache */
	uint32_t slab_objects;   /* live objects in every slab cache */
	uint32_t reserved[5];
} keel_meminfo_t;

/* keel_meminfo(out) (number 1000): fills *out.  0, or -EFAULT. */
long sys_keel_meminfo(SYSCALL_ARGS)
{
	keel_meminfo_t mi;
	memset(&mi, 0, sizeof(mi));
	mi.free_frames = page_free_count();
	pframe_stats_t st;
	pframe_stats(&st);
	mi.resident_pages = st.ps_resident;
	for (slab_allocator_t *c = slab_cache_next(NULL); c != NULL; c = slab_cache_next(c)) {
		mi.slab_objects += slab_cache_live(c);
	}
	return copy_to_user((void *)a1, &mi, sizeof(mi));
}
