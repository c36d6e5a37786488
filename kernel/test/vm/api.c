/*
 * vm.api.*: user mode without the VM stage's address spaces.  Each test
 * starts a process whose thread maps one page by hand (pt_map with PTE_U)
 * at USER_CODE_VA, copies a few position-independent instructions into it
 * and enters user mode there with userland_entry().  The instructions make
 * system calls whose results they check themselves, and report through
 * their exit status.  The page is unmapped and freed once the process has
 * been reaped (its page directory goes with it).
 *
 * They check: the ring-3 entry and the int $0x80 gate (getpid, an unknown
 * number's -ENOSYS, exit's status encoding), that an exception in user
 * mode ends only the process with its signal's status (a privileged
 * instruction: SIGSEGV 11; a fault on an unmapped page: 11; ud2: SIGILL 4),
 * and that a program looping in user mode is preempted by the timer and
 * can be killed (status = the signal).
 */
#include "api/uthread.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/pagetable.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "test/ktest.h"
#include "test/spawn.h"
#include "util/string.h"

#define USER_CODE_VA 0x08048000u

/* The user programs: position independent, between a start and an end label. */
__asm__(".pushsection .rodata\n"
	/* exit((getpid() & 0xff) if syscall 9999 gave -ENOSYS, else 200) */
	"uprog_pid_start:\n"
	"  movl $20, %eax\n"
	"  int $0x80\n"
	"  movl %eax, %esi\n"
	"  movl $9999, %eax\n"
	"  int $0x80\n"
	"  movl %esi, %ebx\n"
	"  cmpl $-38, %eax\n"
	"  je 1f\n"
	"  movl $200, %ebx\n"
	"1: movl $1, %eax\n"
	"  int $0x80\n"
	"  hlt\n"
	"uprog_pid_end:\n"
	/* a privileged instruction */
	"uprog_hlt_start:\n"
	"  hlt\n"
	"uprog_hlt_end:\n"
	/* a read of an unmapped page */
	"uprog_fault_start:\n"
	"  movl 0x10, %eax\n"
	"uprog_fault_end:\n"
	"uprog_ud2_start:\n"
	"  ud2\n"
	"uprog_ud2_end:\n"
	/* a loop that never makes a system call */
	"uprog_loop_start:\n"
	"1: jmp 1b\n"
	"uprog_loop_end:\n"
	".popsection\n");

extern const char uprog_pid_start[], uprog_pid_end[], uprog_hlt_start[], uprog_hlt_end[];
extern const char uprog_fault_start[], uprog_fault_end[], uprog_ud2_start[], uprog_ud2_end[];
extern const char uprog_loop_start[], uprog_loop_end[];

typedef struct uprog {
	const char *start, *end;
	void *frame; /* the page the test maps, freed by the test */
} uprog_t;

static void *uprog_main(long arg1, void *arg2)
{
	uprog_t *u = arg2;
	memset(u->frame, 0, PAGE_SIZE);
	memcpy(u->frame, u->start, u->end - u->start);
	if (pt_map(curproc->p_pagedir, USER_CODE_VA, virt_to_phys(u->frame), PTE_P | PTE_U) != 0) {
		return (void *)-1;
	}
	regs_t regs;
	uthread_regs_init(&regs, USER_CODE_VA, USER_CODE_VA + PAGE_SIZE);
	userland_entry(&regs);
}

/* Starts 'u' in a new process; the caller reaps it and frees u->frame. */
static proc_t *uprog_start(uprog_t *u, const char *start, const char *end)
{
	u->start = start;
	u->end = end;
	u->frame = page_alloc();
	if (!KT_CHECK(u->frame != NULL)) {
		return NULL;
	}
	proc_t *p = spawn("uprog", uprog_main, 0, u);
	if (p == NULL) {
		page_free(u->frame);
	}
	return p;
}

/* Runs a program to its end; returns its wait status. */
static int uprog_run(const char *start, const char *end)
{
	uprog_t u;
	proc_t *p = uprog_start(&u, start, end);
	if (p == NULL) {
		return -1;
	}
	int status = reap(p->p_pid);
	page_free(u.frame);
	return status;
}

KTEST(api_syscall_gate, "vm.api.syscall_gate")
{
	uprog_t u;
	proc_t *p = uprog_start(&u, uprog_pid_start, uprog_pid_end);
	if (p == NULL) {
		return;
	}
	pid_t pid = p->p_pid;
	KT_CHECK_EQ(reap(pid), (pid & 0xff) << 8);
	page_free(u.frame);
}

KTEST(api_privileged, "vm.api.privileged")
{
	KT_CHECK_EQ(uprog_run(uprog_hlt_start, uprog_hlt_end), 11);
}

KTEST(api_unmapped, "vm.api.unmapped")
{
	KT_CHECK_EQ(uprog_run(uprog_fault_start, uprog_fault_end), 11);
}

KTEST(api_ud2, "vm.api.ud2")
{
	KT_CHECK_EQ(uprog_run(uprog_ud2_start, uprog_ud2_end), 4);
}

KTEST(api_preempt_kill, "vm.api.preempt_kill")
{
	uprog_t u;
	proc_t *p = uprog_start(&u, uprog_loop_start, uprog_loop_end);
	if (p == NULL) {
		return;
	}
	/* The loop runs in user mode; the timer must give the CPU back. */
	KT_CHECK_EQ(sched_sleep_ticks(5), 0);
	KT_CHECK(p->p_state == PROC_RUNNING);
	proc_kill(p, 9);
	KT_CHECK_EQ(reap(p->p_pid), 9);
	page_free(u.frame);
}
