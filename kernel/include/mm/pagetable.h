/*
 * Page tables.
 *
 * A page directory (pagedir_t) is one frame of 1024 entries.  Entries 768 and
 * up (the kernel half) are the same in every directory.  The functions here
 * map, unmap and translate single 4 KiB pages; they allocate page tables for
 * the user half as needed and free them with the directory.
 *
 * The caller flushes the TLB: pt_map() and pt_unmap() invalidate the entry
 * on the current CPU when 'pd' is the active directory.
 */
#ifndef KEEL_MM_PAGETABLE_H
#define KEEL_MM_PAGETABLE_H

#include "types.h"

#define PTE_P 0x001    /* present */
#define PTE_W 0x002    /* writable */
#define PTE_U 0x004    /* user accessible */
#define PTE_PWT 0x008
#define PTE_PCD 0x010  /* cache disabled */
#define PTE_A 0x020
#define PTE_D 0x040
#define PTE_PS 0x080   /* 4 MiB page, in a directory entry */
#define PTE_G 0x100
#define PTE_FLAGS 0xfff

typedef struct pagedir {
	uint32_t pd_entries[1024];
} pagedir_t;

/* The kernel's own directory, which every new directory copies. */
extern pagedir_t *kernel_pagedir;

/*
 * A new directory that shares the kernel half, with an empty user half.
 * NULL when out of memory.
 */
pagedir_t *pt_create(void);
/* Frees a directory from pt_create() and the user page tables it holds (not the pages they map). */
void pt_destroy(pagedir_t *pd);

/*
 * Maps the page at virtual address 'va' to physical frame 'pa' with 'flags'
 * (PTE_W, PTE_U, PTE_PCD...).  Replaces an existing mapping.  Returns 0 or
 * -ENOMEM when a page table could not be allocated.  Both addresses must be
 * page aligned; 'va' must be in the user half or the kernel-stack area.
 */
int pt_map(pagedir_t *pd, uintptr_t va, paddr_t pa, uint32_t flags);
/* Removes the mapping of 'va' if there is one. */
void pt_unmap(pagedir_t *pd, uintptr_t va);
/* Removes the user mappings in [lo, hi). */
void pt_unmap_range(pagedir_t *pd, uintptr_t lo, uintptr_t hi);

/*
 * Translates 'va' through 'pd' (both 4 KiB and 4 MiB pages).  Returns 0 and
 * sets *pa (the physical address of va itself, not its page) and, if flags is
 * not NULL, *flags; -EFAULT when 'va' is not mapped.
 */
int pt_lookup(const pagedir_t *pd, uintptr_t va, paddr_t *pa, uint32_t *flags);

/* Makes 'pd' the active directory. */
void pt_activate(pagedir_t *pd);
pagedir_t *pt_current(void);

/* Invalidates the TLB entry for 'va', or the whole TLB (but global pages). */
static inline void tlb_flush(uintptr_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

void tlb_flush_all(void);

/*
 * Kernel-image protection.  pt_init() maps the kernel image with 4 KiB pages:
 * kernel_start to kernel_ro_end (code, read-only data, the test table, the
 * symbol table) read-only, the rest writable, with CR0.WP on so that ring 0
 * obeys it.  A write to a read-only page of the image is a fatal page fault
 * reported as "page fault at <addr>: write to read-only kernel memory
 * (code of <function>+<offset>)", "(read-only data)" or "(write-protected
 * data)" (boot/intr.c).
 *
 * pt_kernel_readonly() says whether 'va' lies in the part that is always
 * read-only.  pt_kernel_set_writable() grants or removes write permission on
 * the pages [start, end), which must be page aligned and lie in the
 * image's writable part (kernel_ro_end to kernel_end); the change is seen
 * in every directory at once.  Only the test harness uses it, for its
 * state pages.  pt_kernel_writable() says whether the page holding 'va' (in
 * the image) is writable now.  Before pt_init() everything is writable.
 */
bool pt_kernel_readonly(uintptr_t va);
void pt_kernel_set_writable(const void *start, const void *end, bool writable);
bool pt_kernel_writable(const void *va);

/* Builds the kernel directory and switches to it; called by mm_init(). */
void pt_init(void);

#endif
