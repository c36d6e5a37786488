/*
 * The GDT: flat kernel and user code and data segments, the kernel's TSS and
 * the double-fault TSS.  Selectors are fixed.
 */
#ifndef KEEL_BOOT_GDT_H
#define KEEL_BOOT_GDT_H

#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_USER_CODE (0x18 | 3)
#define GDT_USER_DATA (0x20 | 3)
#define GDT_TSS 0x28
#define GDT_DF_TSS 0x30

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

/* The kernel's TSS: where the double-fault task finds the faulting state. */
extern tss_t kernel_tss;

/* The double-fault task's TSS; intr.c fills in its entry point. */
extern tss_t df_tss;

#endif /* __ASSEMBLER__ */
#endif
