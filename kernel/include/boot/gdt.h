/*
 * The GDT: flat kernel and user code and data segments, the kernel's TSS, the
 * double-fault TSS and one thread-local-storage slot.  Selectors are fixed.
 *
 * The TLS slot (entry GDT_TLS_ENTRY, selector GDT_TLS_USER) holds the
 * running thread's own descriptor: a user program asks for it with
 * set_thread_area() and reaches its thread data through %gs.  Each thread
 * keeps its descriptor in its context (proc/context.h), and every context
 * switch copies it into the slot.
 */
#ifndef KEEL_BOOT_GDT_H
#define KEEL_BOOT_GDT_H

#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_USER_CODE (0x18 | 3)
#define GDT_USER_DATA (0x20 | 3)
#define GDT_TSS 0x28
#define GDT_DF_TSS 0x30
#define GDT_TLS_ENTRY 7
#define GDT_TLS_USER ((GDT_TLS_ENTRY << 3) | 3)

#ifndef __ASSEMBLER__
#include "types.h"

/* The x86 32-bit task-state segment. */
typedef struct tss {
	uint32_t prev_task;
	uint32_t esp0, ss0, esp1, ss1, esp2, ss2;
	uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
} __packed tss_t;

void gdt_init(void);

/* Sets the stack the CPU switches to on an interrupt from user mode. */
void tss_set_kernel_stack(uint32_t esp0);

/*
 * Loads 'desc' (the two words of a segment descriptor, as tls_desc_make()
 * builds them; {0, 0} is an empty, not-present slot) into the TLS slot.
 * Takes effect for %gs at its next load (the return to user mode).
 */
void gdt_set_tls(const uint32_t desc[2]);

/*
 * Builds a user (DPL 3) data segment descriptor in desc[0..1] with base
 * 'base' and limit 'limit' (in pages if 'limit_in_pages'), 32-bit if
 * 'seg_32bit', read-only if 'read_only', expand-down if 'expand_down',
 * not present if 'not_present'.
 */
void tls_desc_make(uint32_t desc[2], uint32_t base, uint32_t limit, bool limit_in_pages,
		   bool seg_32bit, bool read_only, bool expand_down, bool not_present,
		   bool useable);

/* The kernel's TSS: where the double-fault task finds the faulting state. */
extern tss_t kernel_tss;

/* The double-fault task's TSS; intr.c fills in its entry point. */
extern tss_t df_tss;

#endif /* __ASSEMBLER__ */
#endif
