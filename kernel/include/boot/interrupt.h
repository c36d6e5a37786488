/*
 * Interrupts and exceptions.
 *
 * The IDT has a gate for each of the 32 CPU exceptions and the 16 lines of
 * the two 8259 PICs (remapped to vectors 32..47), and the system call vector
 * 0x80.  Every gate enters intr_dispatch() with a regs_t describing the
 * interrupted state.  Vector 8 (double fault) is a task gate: it runs on its
 * own stack, so a kernel stack overflow is reported instead of resetting the
 * machine.
 *
 * Keel's kernel is not preemptible: a thread runs until it blocks or yields.
 * Interrupt handlers run on the interrupted thread's stack with interrupts
 * off and must not sleep.  Code that shares data with a handler masks
 * interrupts around the access:
 *
 *     uint32_t flags = intr_save();
 *     ... touch the shared queue ...
 *     intr_restore(flags);
 */
#ifndef KEEL_BOOT_INTERRUPT_H
#define KEEL_BOOT_INTERRUPT_H

#include "types.h"

#define IRQ_BASE 32
#define IRQ_TIMER 0
#define IRQ_KEYBOARD 1
#define IRQ_COM1 4
#define IRQ_ATA_PRIMARY 14
#define IRQ_ATA_SECONDARY 15
#define INTR_SYSCALL 0x80

#define EXC_DIVIDE 0
#define EXC_BREAKPOINT 3
#define EXC_INVALID_OPCODE 6
#define EXC_DOUBLE_FAULT 8
#define EXC_GPF 13
#define EXC_PAGE_FAULT 14

/* The state an interrupt saved, lowest address first (see intr.S). */
typedef struct regs {
	uint32_t r_gs, r_fs, r_es, r_ds;
	uint32_t r_edi, r_esi, r_ebp, r_esp_dummy, r_ebx, r_edx, r_ecx, r_eax;
	uint32_t r_vector, r_err;
	/* Pushed by the CPU. */
	uint32_t r_eip, r_cs, r_eflags;
	/* Pushed by the CPU only on a change of privilege level. */
	uint32_t r_useresp, r_ss;
} regs_t;

typedef void (*intr_handler_t)(regs_t *regs);

/* Installs the IDT, remaps the PICs and masks every IRQ line. */
void intr_init(void);

/*
 * Points the double-fault gate at its own task; called once the kernel page
 * directory is active (the task switch loads CR3 from its TSS).
 */
void intr_init_df_task(void);

/*
 * Sets the handler for vector 'vec' (an exception, IRQ_BASE + irq, or
 * INTR_SYSCALL).  An IRQ handler is called with the line's EOI already sent.
 */
void intr_register(int vec, intr_handler_t handler);

/* Unmasks or masks one IRQ line at the PIC. */
void irq_enable(int irq);
void irq_disable(int irq);

/* The name of an exception vector ("page fault"). */
const char *exception_name(int vec);

/* Interrupt masking. */
#define EFLAGS_IF 0x200

static inline uint32_t intr_save(void)
{
	uint32_t flags;
	__asm__ volatile("pushfl; popl %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void intr_restore(uint32_t flags)
{
	if (flags & EFLAGS_IF) {
		__asm__ volatile("sti" : : : "memory");
	}
}

static inline void intr_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

static inline void intr_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

static inline bool intr_enabled(void)
{
	uint32_t flags;
	__asm__ volatile("pushfl; popl %0" : "=r"(flags));
	return (flags & EFLAGS_IF) != 0;
}

/* Enables interrupts and halts until the next one, atomically. */
static inline void intr_wait(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

/* The number of interrupts taken on each vector since boot. */
extern uint32_t intr_counts[256];

/* Set while an interrupt handler runs (nesting depth). */
extern int intr_depth;

/* Prints the registers of 'regs' on the console. */
void regs_print(const regs_t *regs);

#endif
