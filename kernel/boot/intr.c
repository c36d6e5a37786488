/*
 * The IDT, the 8259 PICs, interrupt dispatch and fatal exceptions.
 *
 * Every vector enters intr_dispatch() through a stub in intr.S.  Exceptions
 * go to a registered handler (the VM stage handles user page faults) or are
 * fatal: the report names the exception, the error code, EIP with its
 * function, CR2 for a page fault, the registers and a backtrace, and then
 * kernel_stop() hands over to the test harness or stops the machine.  A
 * write to the kernel's own code or read-only data (mapped read-only, see
 * mm/pagetable.h) is named as such, with the function it hit.
 *
 * Interrupts from user mode.  The system call vector (0x80) goes to
 * syscall_dispatch() (api/syscall.h) with interrupts on.  A page fault on a
 * user address, from user mode or from the kernel's user-memory copies
 * (api/uaccess.h), goes to the VM stage's vm_pagefault(): if it cannot map
 * the page, a user-mode access runs the program's SIGSEGV handler if it
 * has one that is not blocked (api/signal.h), and otherwise ends the
 * process as Linux's SIGSEGV would (one console line "segfault: pid P
 * (NAME) address 0xADDR eip 0xEIP", wait status 11; when it had no memory
 * for the page, "out of memory: pid P (NAME) killed ..." and status 9, as
 * Linux's out-of-memory killer, which first ends the process with the most
 * memory when that is another one: uproc_oom_kill_other(), api/uthread.h),
 * and a copy resumes at its fixup, which returns -EFAULT.  A copy that
 * found no memory for the page also ends the process with status 9 (and
 * the same line, "... in a system call"), when it next heads back to user
 * mode: its pointer was good, and the program never sees that -EFAULT.
 * Any other exception from user mode ends the process with its signal, or
 * runs its handler (uthread_exception()).  Whatever came from user mode
 * goes back through uthread_return_hook() (a cancelled thread exits
 * there).
 *
 * The double fault (vector 8) is a task gate.  The usual cause in a kernel
 * is a stack overflow: the thread's ESP has run into its guard page, so the
 * CPU cannot push the page-fault frame.  A task switch loads a fresh stack
 * from df_tss, and df_task_main() can still report which stack overflowed.
 */
#include "api/signal.h"
#include "api/syscall.h"
#include "api/uaccess.h"
#include "api/uthread.h"
#include "api/vmglue.h"
#include "boot/gdt.h"
#include "boot/interrupt.h"
#include "errno.h"
#include "io.h"
#include "mm/kstack.h"
#include "mm/mm.h"
#include "mm/pagetable.h"
#include "proc/proc.h"
#include "util/debug.h"
#include "util/kprintf.h"
#include "util/string.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define PIC_EOI 0x20
#define PIC_READ_ISR 0x0b

typedef struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t zero;
	uint8_t type_attr;
	uint16_t offset_high;
} __packed idt_gate_t;

#define GATE_INTR 0x8e      /* present, DPL 0, 32-bit interrupt gate */
#define GATE_INTR_USER 0xee /* present, DPL 3: reachable with int from user mode */
#define GATE_TASK 0x85      /* present, DPL 0, task gate */

static idt_gate_t idt[256];
static intr_handler_t handlers[256];
uint32_t intr_counts[256];
int intr_depth;

extern const uint32_t intr_stubs[48];
extern void intr_stub_128(void);

static const char *const exception_names[32] = {
    "divide error",
    "debug",
    "non-maskable interrupt",
    "breakpoint",
    "overflow",
    "bound range exceeded",
    "invalid opcode",
    "device not available",
    "double fault",
    "coprocessor segment overrun",
    "invalid TSS",
    "segment not present",
    "stack-segment fault",
    "general protection fault",
    "page fault",
    "reserved (15)",
    "x87 floating-point error",
    "alignment check",
    "machine check",
    "SIMD floating-point error",
    "virtualization exception",
    "control protection",
    "reserved (22)",
    "reserved (23)",
    "reserved (24)",
    "reserved (25)",
    "reserved (26)",
    "reserved (27)",
    "reserved (28)",
    "reserved (29)",
    "reserved (30)",
    "reserved (31)",
};

const char *exception_name(int vec)
{
	return vec >= 0 && vec < 32 ? exception_names[vec] : "interrupt";
}

static void idt_set(int vec, uint32_t offset, uint16_t selector, uint8_t type_attr)
{
	idt[vec] = (idt_gate_t){
	    .offset_low = offset & 0xffff,
	    .selector = selector,
	    .type_attr = type_attr,
	    .offset_high = offset >> 16,
	};
}

static void pic_remap(void)
{
	outb(PIC1_CMD, 0x11); /* ICW1: initialize, ICW4 follows */
	io_wait();
	outb(PIC2_CMD, 0x11);
	io_wait();
	outb(PIC1_DATA, IRQ_BASE); /* ICW2: vector offsets */
	io_wait();
	outb(PIC2_DATA, IRQ_BASE + 8);
	io_wait();
	outb(PIC1_DATA, 0x04); /* ICW3: slave on line 2 */
	io_wait();
	outb(PIC2_DATA, 0x02);
	io_wait();
	outb(PIC1_DATA, 0x01); /* ICW4: 8086 mode */
	io_wait();
	outb(PIC2_DATA, 0x01);
	io_wait();
	outb(PIC1_DATA, 0xfb); /* everything masked but the cascade line */
	outb(PIC2_DATA, 0xff);
}

void irq_enable(int irq)
{
	uint32_t flags = intr_save();
	uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;
	outb(port, inb(port) & ~(1 << (irq % 8)));
	intr_restore(flags);
}

void irq_disable(int irq)
{
	uint32_t flags = intr_save();
	uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;
	outb(port, inb(port) | (1 << (irq % 8)));
	intr_restore(flags);
}

void intr_register(int vec, intr_handler_t handler)
{
	KASSERT(vec >= 0 && vec < 256);
	handlers[vec] = handler;
}

void regs_print(const regs_t *r)
{
	kprintf("  eax=%08x ebx=%08x ecx=%08x edx=%08x\n", r->r_eax, r->r_ebx, r->r_ecx, r->r_edx);
	kprintf("  esi=%08x edi=%08x ebp=%08x esp=%08x\n", r->r_esi, r->r_edi, r->r_ebp,
		(r->r_cs & 3) ? r->r_useresp : (uint32_t)&r->r_useresp);
	kprintf("  eip=%08x eflags=%08x cs=%04x ds=%04x\n", r->r_eip, r->r_eflags, r->r_cs,
		r->r_ds);
}

/* Page-fault error code bits. */
#define PF_PRESENT 0x1
#define PF_WRITE 0x2
#define PF_USER 0x4

/* A kernel-mode write to a present page of the kernel image that is mapped read-only. */
static bool is_readonly_kernel_write(uint32_t err, uint32_t addr)
{
	if ((err & (PF_PRESENT | PF_WRITE | PF_USER)) != (PF_PRESENT | PF_WRITE)) {
		return false;
	}
	if (addr < (uint32_t)kernel_start || addr >= (uint32_t)kernel_end) {
		return false;
	}
	return pt_kernel_readonly(addr) || !pt_kernel_writable((const void *)addr);
}

/* "code of kmain+0x10", "read-only data" or "write-protected data" (the harness's state). */
static void describe_readonly(uint32_t addr, char *buf, size_t size)
{
	uint32_t off = 0;
	const char *fn = NULL;
	if (addr >= (uint32_t)kernel_text_start && addr < (uint32_t)kernel_text_end) {
		fn = ksym_lookup(addr, &off);
	}
	if (fn != NULL) {
		snprintf(buf, size, "code of %s+0x%x", fn, off);
	} else if (addr < (uint32_t)kernel_text_end) {
		snprintf(buf, size, "code");
	} else if (pt_kernel_readonly(addr)) {
		snprintf(buf, size, "read-only data");
	} else {
		snprintf(buf, size, "write-protected data");
	}
}

/* A fatal exception: report it and stop. */
static void __noreturn exception_fatal(regs_t *r)
{
	char msg[160];
	uint32_t off = 0;
	const char *fn = ksym_lookup(r->r_eip, &off);
	uint32_t esp = (r->r_cs & 3) ? r->r_useresp : (uint32_t)&r->r_useresp;

	if (r->r_vector == EXC_PAGE_FAULT) {
		uint32_t cr2 = read_cr2();
		const char *owner = kstack_guard_owner(cr2);
		if (owner != NULL) {
			snprintf(msg, sizeof(msg),
				 "kernel stack overflow in '%s' (touched guard page at 0x%08x)",
				 owner, cr2);
		} else if (is_readonly_kernel_write(r->r_err, cr2)) {
			char where[64];
			describe_readonly(cr2, where, sizeof(where));
			snprintf(msg, sizeof(msg),
				 "page fault at 0x%08x: write to read-only kernel memory (%s)", cr2,
				 where);
		} else {
			snprintf(msg, sizeof(msg), "page fault at 0x%08x: %s %s in %s mode", cr2,
				 (r->r_err & 1) ? "protection violation on" : "no page for",
				 (r->r_err & 2) ? "write" : "read",
				 (r->r_err & 4) ? "user" : "kernel");
		}
	} else {
		snprintf(msg, sizeof(msg), "%s", exception_name(r->r_vector));
	}
	kprintf("\nkeel: %s (exception %u, error code 0x%x) at eip 0x%08x %s+0x%x\n", msg,
		r->r_vector, r->r_err, r->r_eip, fn != NULL ? fn : "?", off);
	if (r->r_vector == EXC_PAGE_FAULT) {
		kprintf("  cr2=%08x\n", read_cr2());
	}
	regs_print(r);
	(void)esp;
	backtrace_print_from(r->r_eip, r->r_ebp);
	kernel_stop(msg);
}

static void irq_eoi(int irq)
{
	if (irq >= 8) {
		outb(PIC2_CMD, PIC_EOI);
	}
	outb(PIC1_CMD, PIC_EOI);
}

/* A spurious IRQ 7 or 15 is not in the PIC's in-service register. */
static bool irq_spurious(int irq)
{
	if (irq != 7 && irq != 15) {
		return false;
	}
	uint16_t cmd = irq == 7 ? PIC1_CMD : PIC2_CMD;
	outb(cmd, PIC_READ_ISR);
	if (inb(cmd) & 0x80) {
		return false;
	}
	if (irq == 15) {
		outb(PIC1_CMD, PIC_EOI); /* the master did see the cascade */
	}
	return true;
}

/*
 * A page fault on a user address from user mode, or from the kernel inside
 * a user-memory copy: resolved by the VM stage, or the end of the process,
 * or the copy's -EFAULT.  Returns false for a fault that is none of these
 * (a kernel bug: fatal).
 */
static bool user_page_fault(regs_t *r)
{
	uint32_t addr = read_cr2();
	bool from_user = (r->r_cs & 3) == 3;
	bool in_copy = !from_user && uaccess_fixup_for(r->r_eip) != 0;
	if (!from_user && (!in_copy || addr >= USER_TOP)) {
		return false;
	}
	int err = -EFAULT;
	if (addr < USER_TOP) {
		intr_enable(); /* resolving a fault may sleep (reading the page from disk) */
		err = vm_pagefault(addr, (r->r_err & (PF_PRESENT | PF_WRITE)) | PF_USER);
		/* No frame: the out-of-memory killer may end a bigger process; then again. */
		for (int tries = 0; err == -ENOMEM && uproc_oom_kill_other(tries); tries++) {
			err = vm_pagefault(addr, (r->r_err & (PF_PRESENT | PF_WRITE)) | PF_USER);
		}
		intr_disable();
	}
	if (err == 0) {
		return true;
	}
	if (in_copy) {
		if (err == -ENOMEM && !uthread_killed(curthr)) {
			/*
			 * The pointer was good: the program must not see -EFAULT.  It
			 * ends as a user-mode access would, on its way back to user
			 * mode (it may hold locks here).
			 */
			kprintf("out of memory: pid %d (%s) killed at address 0x%08x in a "
				"system call\n",
				curproc->p_pid, curproc->p_name, addr);
			curthr->kt_retval = (void *)9;
			curthr->kt_cancelled = true;
		}
		r->r_eip = uaccess_fixup_for(r->r_eip);
		return true;
	}
	if (err == -ENOMEM) {
		kprintf("out of memory: pid %d (%s) killed at address 0x%08x eip 0x%08x\n",
			curproc->p_pid, curproc->p_name, addr, r->r_eip);
		intr_depth--;
		uthread_exit(9); /* SIGKILL, as Linux's out-of-memory killer */
	}
	if (signal_fault(SIGSEGV, SEGV_MAPERR, addr)) {
		return true; /* the handler runs on the way back to user mode */
	}
	kprintf("segfault: pid %d (%s) address 0x%08x eip 0x%08x\n", curproc->p_pid,
		curproc->p_name, addr, r->r_eip);
	intr_depth--;
	uthread_exit(11); /* SIGSEGV */
}

void intr_dispatch(regs_t *r)
{
	int vec = r->r_vector;
	bool from_user = (r->r_cs & 3) == 3;
	intr_counts[vec]++;
	if (vec == INTR_SYSCALL && from_user) {
		intr_enable();
		syscall_dispatch(r);
		intr_disable();
		uthread_return_hook(r);
		return;
	}
	intr_depth++;
	if (vec == EXC_PAGE_FAULT && user_page_fault(r)) {
		/* resolved, or the copy returns -EFAULT */
	} else if (vec < 32) {
		if (from_user && vec != EXC_DOUBLE_FAULT) {
			intr_depth--;
			uthread_exception(r); /* returns only to run a handler */
			uthread_return_hook(r);
			return;
		}
		if (handlers[vec] == NULL) {
			exception_fatal(r);
		}
		handlers[vec](r);
	} else if (vec < IRQ_BASE + 16) {
		int irq = vec - IRQ_BASE;
		if (!irq_spurious(irq)) {
			irq_eoi(irq);
			if (handlers[vec] != NULL) {
				handlers[vec](r);
			}
		}
	} else if (handlers[vec] != NULL) {
		handlers[vec](r);
	}
	intr_depth--;
	if (from_user) {
		uthread_return_hook(r);
	}
}

/* The double-fault task. */

#define DF_STACK_SIZE 8192
static uint8_t df_stack[DF_STACK_SIZE] __attribute__((aligned(16)));

static void __noreturn df_task_main(void)
{
	/* The faulting state is in the kernel's TSS, where the task switch saved it. */
	uint32_t esp = kernel_tss.esp, cr2 = read_cr2();
	const char *owner = kstack_guard_owner(cr2);
	if (owner == NULL) {
		owner = kstack_guard_owner(esp);
	}
	if (owner == NULL) {
		owner = kstack_guard_owner(esp - 4);
	}
	char msg[160];
	if (owner != NULL) {
		snprintf(msg, sizeof(msg), "kernel stack overflow in '%s' (esp 0x%08x)", owner,
			 esp);
	} else {
		snprintf(msg, sizeof(msg), "double fault (esp 0x%08x, cr2 0x%08x)", esp, cr2);
	}
	uint32_t off = 0;
	const char *fn = ksym_lookup(kernel_tss.eip, &off);
	kprintf("\nkeel: %s at eip 0x%08x %s+0x%x\n", msg, kernel_tss.eip, fn != NULL ? fn : "?",
		off);
	kprintf("  eax=%08x ebx=%08x ecx=%08x edx=%08x\n", kernel_tss.eax, kernel_tss.ebx,
		kernel_tss.ecx, kernel_tss.edx);
	kprintf("  esi=%08x edi=%08x ebp=%08x esp=%08x\n", kernel_tss.esi, kernel_tss.edi,
		kernel_tss.ebp, esp);
	backtrace_print_from(kernel_tss.eip, kernel_tss.ebp);
	kernel_stop(msg);
}

void intr_init_df_task(void)
{
	memset(&df_tss, 0, sizeof(df_tss));
	df_tss.cr3 = read_cr3();
	df_tss.eip = (uint32_t)df_task_main;
	df_tss.esp = (uint32_t)(df_stack + DF_STACK_SIZE - 16);
	df_tss.eflags = 0x2; /* interrupts off */
	df_tss.cs = GDT_KERNEL_CODE;
	df_tss.ds = df_tss.es = df_tss.fs = df_tss.gs = df_tss.ss = GDT_KERNEL_DATA;
	df_tss.iomap_base = sizeof(tss_t);
	idt_set(EXC_DOUBLE_FAULT, 0, GDT_DF_TSS, GATE_TASK);
}

void intr_init(void)
{
	for (int vec = 0; vec < 48; vec++) {
		idt_set(vec, intr_stubs[vec], GDT_KERNEL_CODE, GATE_INTR);
	}
	idt_set(INTR_SYSCALL, (uint32_t)intr_stub_128, GDT_KERNEL_CODE, GATE_INTR_USER);
	pic_remap();
	struct {
		uint16_t limit;
		uint32_t base;
	} __packed idtr = {sizeof(idt) - 1, (uint32_t)idt};
	__asm__ volatile("lidt %0" : : "m"(idtr));
}
