/*
 * Page directories and page tables (two-level, 4 KiB pages, no PAE).
 *
 * The kernel half of every directory (entries 768..1023) is copied from
 * kernel_pagedir when the directory is made and never changes afterwards:
 * the direct map is made of 4 MiB global pages, and the kernel-stack area's
 * page tables are allocated once in pt_init(), so mapping a kernel stack
 * writes into a page table that every directory already points to.
 *
 * The kernel image is the exception to the 4 MiB pages.  Each 4 MiB of the
 * direct map that holds part of the image gets a page table of its own, so
 * that the image's code and read-only data (kernel_start to kernel_ro_end,
 * see kernel.ld) are mapped without PTE_W; everything else in those 4 MiB
 * (low memory, .data, .bss, free frames) stays writable.  CR0.WP makes the
 * processor honour the missing PTE_W in ring 0 too, so a write into code or
 * a string literal faults at once instead of corrupting the kernel.  The
 * test harness's state pages start read-only as well and are opened for
 * writing only by the harness (pt_kernel_set_writable()).
 *
 * User page tables are allocated on the first mapping in their 4 MiB and
 * freed by pt_destroy().
 */
#include "mm/pagetable.h"
#include "errno.h"
#include "io.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "util/debug.h"
#include "util/string.h"

#define PDE_INDEX(va) ((va) >> 22)
#define PTE_INDEX(va) (((va) >> 12) & 0x3ff)
#define PDE_KERNEL_FIRST PDE_INDEX(KERNEL_VMA)
#define CR4_PGE 0x80
#define CR0_WP 0x10000
#define PT_SPAN 0x400000u /* what one page table maps */

static inline void write_cr0(uint32_t v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static pagedir_t kernel_pd __attribute__((aligned(4096)));
pagedir_t *kernel_pagedir;
static pagedir_t *current_pd;

static uint32_t *pt_of(uint32_t pde)
{
	return phys_to_virt(pde & ~PTE_FLAGS);
}

static bool in_user_or_kstack(uintptr_t va)
{
	return va < USER_TOP || (va >= KSTACK_AREA_START && va < KSTACK_AREA_END);
}

pagedir_t *pt_create(void)
{
	pagedir_t *pd = page_alloc();
	if (pd == NULL) {
		return NULL;
	}
	memset(pd, 0, PDE_KERNEL_FIRST * sizeof(uint32_t));
	memcpy(&pd->pd_entries[PDE_KERNEL_FIRST], &kernel_pd.pd_entries[PDE_KERNEL_FIRST],
	       (1024 - PDE_KERNEL_FIRST) * sizeof(uint32_t));
	return pd;
}

void pt_destroy(pagedir_t *pd)
{
	KASSERT(pd != kernel_pagedir && pd != current_pd);
	for (int i = 0; i < (int)PDE_KERNEL_FIRST; i++) {
		if (pd->pd_entries[i] & PTE_P) {
			page_free(pt_of(pd->pd_entries[i]));
		}
	}
	page_free(pd);
}

int pt_map(pagedir_t *pd, uintptr_t va, paddr_t pa, uint32_t flags)
{
	KASSERT(IS_ALIGNED(va, PAGE_SIZE) && IS_ALIGNED(pa, PAGE_SIZE));
	KASSERT(in_user_or_kstack(va));
	uint32_t *pde = &pd->pd_entries[PDE_INDEX(va)];
	if (!(*pde & PTE_P)) {
		KASSERT(va < USER_TOP); /* kernel page tables exist from boot */
		uint32_t *pt = page_alloc();
		if (pt == NULL) {
			return -ENOMEM;
		}
		memset(pt, 0, PAGE_SIZE);
		/* The directory entry allows all; each page table entry restricts. */
		*pde = virt_to_phys(pt) | PTE_P | PTE_W | PTE_U;
	}
	uint32_t *pte = &pt_of(*pde)[PTE_INDEX(va)];
	bool was_present = (*pte & PTE_P) != 0;
	*pte = pa | (flags & PTE_FLAGS) | PTE_P;
	if (was_present && (pd == current_pd || va >= KERNEL_VMA)) {
		tlb_flush(va);
	}
	return 0;
}

void pt_unmap(pagedir_t *pd, uintptr_t va)
{
	KASSERT(in_user_or_kstack(va));
	uint32_t pde = pd->pd_entries[PDE_INDEX(va)];
	if (!(pde & PTE_P)) {
		return;
	}
	uint32_t *pte = &pt_of(pde)[PTE_INDEX(va)];
	if (*pte & PTE_P) {
		*pte = 0;
		if (pd == current_pd || va >= KERNEL_VMA) {
			tlb_flush(va);
		}
	}
}

void pt_unmap_range(pagedir_t *pd, uintptr_t lo, uintptr_t hi)
{
	KASSERT(lo <= hi && hi <= USER_TOP);
	for (uintptr_t va = PAGE_ALIGN_DOWN(lo); va < hi; va += PAGE_SIZE) {
		if (!(pd->pd_entries[PDE_INDEX(va)] & PTE_P)) {
			/* Skip the rest of this empty 4 MiB. */
			va = ALIGN_DOWN(va, 0x400000u) + 0x400000u - PAGE_SIZE;
			if (va + PAGE_SIZE == 0) {
				break;
			}
			continue;
		}
		pt_unmap(pd, va);
	}
}

int pt_lookup(const pagedir_t *pd, uintptr_t va, paddr_t *pa, uint32_t *flags)
{
	uint32_t pde = pd->pd_entries[PDE_INDEX(va)];
	if (!(pde & PTE_P)) {
		return -EFAULT;
	}
	if (pde & PTE_PS) {
		*pa = (pde & 0xffc00000u) | (va & 0x3fffffu);
		if (flags != NULL) {
			*flags = pde & PTE_FLAGS;
		}
		return 0;
	}
	uint32_t pte = pt_of(pde)[PTE_INDEX(va)];
	if (!(pte & PTE_P)) {
		return -EFAULT;
	}
	*pa = (pte & ~PTE_FLAGS) | (va & PAGE_MASK);
	if (flags != NULL) {
		*flags = pte & PTE_FLAGS;
	}
	return 0;
}

void pt_activate(pagedir_t *pd)
{
	if (pd != current_pd) {
		current_pd = pd;
		write_cr3(virt_to_phys(pd));
	}
}

pagedir_t *pt_current(void)
{
	return current_pd;
}

void tlb_flush_all(void)
{
	write_cr3(read_cr3());
}

bool pt_kernel_readonly(uintptr_t va)
{
	return va >= (uintptr_t)kernel_start && va < (uintptr_t)kernel_ro_end;
}

/* The page-table entry of a kernel-image address, mapped with 4 KiB pages by pt_init(). */
static uint32_t *kernel_image_pte(uintptr_t va)
{
	KASSERT(va >= (uintptr_t)kernel_start && va < (uintptr_t)kernel_end);
	uint32_t pde = kernel_pd.pd_entries[PDE_INDEX(va)];
	KASSERT((pde & PTE_P) && !(pde & PTE_PS));
	return &pt_of(pde)[PTE_INDEX(va)];
}

void pt_kernel_set_writable(const void *start, const void *end, bool writable)
{
	uintptr_t lo = (uintptr_t)start, hi = (uintptr_t)end;
	KASSERT(IS_ALIGNED(lo, PAGE_SIZE) && IS_ALIGNED(hi, PAGE_SIZE) && lo <= hi);
	KASSERT(lo >= (uintptr_t)kernel_ro_end && hi <= (uintptr_t)kernel_end);
	if (kernel_pagedir == NULL) {
		return; /* still on the boot directory, where all is writable */
	}
	for (uintptr_t va = lo; va < hi; va += PAGE_SIZE) {
		uint32_t *pte = kernel_image_pte(va);
		*pte = writable ? (*pte | PTE_W) : (*pte & ~PTE_W);
		tlb_flush(va); /* invlpg drops global entries too */
	}
}

bool pt_kernel_writable(const void *va)
{
	if (kernel_pagedir == NULL) {
		return true;
	}
	return (*kernel_image_pte(PAGE_ALIGN_DOWN(va)) & PTE_W) != 0;
}

/*
 * Maps the 4 MiB regions that hold the kernel image with 4 KiB global
 * pages: read-only from kernel_start to kernel_ro_end, writable elsewhere.
 */
static void map_kernel_image(void)
{
	uintptr_t first = ALIGN_DOWN((uintptr_t)kernel_start, PT_SPAN);
	uintptr_t last = ALIGN_UP((uintptr_t)kernel_end, PT_SPAN);
	for (uintptr_t base = first; base < last; base += PT_SPAN) {
		uint32_t *pt = page_alloc();
		KASSERT(pt != NULL);
		for (uint32_t i = 0; i < 1024; i++) {
			uintptr_t va = base + i * PAGE_SIZE;
			uint32_t flags = PTE_P | PTE_G | (pt_kernel_readonly(va) ? 0 : PTE_W);
			pt[i] = virt_to_phys((void *)va) | flags;
		}
		kernel_pd.pd_entries[PDE_INDEX(base)] = virt_to_phys(pt) | PTE_P | PTE_W;
	}
}

void pt_init(void)
{
	/* The direct map: 4 MiB global pages over the first 512 MiB ... */
	for (uint32_t i = 0; i < DIRECT_MAP_SIZE / PT_SPAN; i++) {
		kernel_pd.pd_entries[PDE_KERNEL_FIRST + i] =
		    (i * PT_SPAN) | PTE_P | PTE_W | PTE_PS | PTE_G;
	}
	/* ... but 4 KiB pages where the kernel image is, its code read-only. */
	map_kernel_image();
	/* Page tables for the kernel-stack area, shared by every directory. */
	for (uintptr_t va = KSTACK_AREA_START; va < KSTACK_AREA_END; va += 0x400000u) {
		uint32_t *pt = page_alloc();
		KASSERT(pt != NULL);
		memset(pt, 0, PAGE_SIZE);
		kernel_pd.pd_entries[PDE_INDEX(va)] = virt_to_phys(pt) | PTE_P | PTE_W;
	}
	/* The harness's state is opened for writing by the harness alone. */
	for (uintptr_t va = (uintptr_t)ktest_state_start; va < (uintptr_t)ktest_state_end;
	     va += PAGE_SIZE) {
		*kernel_image_pte(va) &= ~PTE_W;
	}
	kernel_pagedir = &kernel_pd;
	write_cr4(read_cr4() | CR4_PGE);
	write_cr0(read_cr0() | CR0_WP); /* boot.S sets it too: ring 0 obeys PTE_W */
	current_pd = NULL;
	pt_activate(kernel_pagedir); /* drops the boot directory's identity map */
}
