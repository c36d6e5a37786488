/*
 * The kernel's view of memory.
 *
 *   0x00000000 - 0xBFFFFFFF  user space (the first page is never mapped)
 *   0xC0000000 - 0xDFFFFFFF  the direct map: physical memory 0 .. 512 MiB at
 *                            KERNEL_VMA + physical; the kernel image is in it
 *   0xE0000000 - 0xE3FFFFFF  kernel stacks, each with an unmapped guard page
 *                            below it (mm/kstack.h)
 *
 * Every page directory shares the kernel half: the direct map uses 4 MiB
 * pages (4 KiB pages around the kernel image, whose code and read-only data
 * are mapped read-only) and the page tables of the stack area are made once
 * at boot, so a kernel mapping made in one address space is seen in all of
 * them.
 */
#ifndef KEEL_MM_MM_H
#define KEEL_MM_MM_H

#include "types.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE 4096u
#define PAGE_MASK (PAGE_SIZE - 1)

#define KERNEL_VMA 0xC0000000u
#define DIRECT_MAP_SIZE 0x20000000u /* 512 MiB */
#define USER_TOP KERNEL_VMA
#define KSTACK_AREA_START 0xE0000000u
#define KSTACK_AREA_END 0xE4000000u

#define PAGE_ALIGN_UP(x) ALIGN_UP((uintptr_t)(x), PAGE_SIZE)
#define PAGE_ALIGN_DOWN(x) ALIGN_DOWN((uintptr_t)(x), PAGE_SIZE)

/* Direct-map conversions, for physical addresses below DIRECT_MAP_SIZE. */
static inline void *phys_to_virt(paddr_t pa)
{
	return (void *)(pa + KERNEL_VMA);
}

static inline paddr_t virt_to_phys(const void *va)
{
	return (paddr_t)va - KERNEL_VMA;
}

/*
 * Symbols from the linker script (kernel/kernel.ld).  The image runs from
 * kernel_start to kernel_end; its code is kernel_text_start to
 * kernel_text_end.  Everything below kernel_ro_end (code, read-only data,
 * the test table, the symbol table) is mapped read-only once mm_init() has
 * run, and so are the test harness's state pages, ktest_state_start to
 * ktest_state_end, except while the harness writes to them.
 */
extern char kernel_start[], kernel_end[];
extern char kernel_text_start[], kernel_text_end[], kernel_ro_end[];
extern char ktest_state_start[], ktest_state_end[];

struct multiboot_info;

/* Sets up the page allocator, the kernel page directory and the slab allocator. */
void mm_init(const struct multiboot_info *mbi);

#endif
