/*
 * Page directories and page tables (two-level, 4 KiB pages, no PAE).
 *
 * The kernel half of every directory (entries 768..1023) is copied from
 * kernel_pagedir when the directory is made and never changes afterwards:
 * the direct map is made of 4 MiB global pages, and the kernel-stack area's
 * page tables are allocated once in pt_init(), so mapping a kernel stack
 * writes into a page table that every directory already points to.
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

void pt_init(void)
{
	/* The direct map: 4 MiB global pages over the first 512 MiB. */
	for (uint32_t i = 0; i < DIRECT_MAP_SIZE / 0x400000u; i++) {
		kernel_pd.pd_entries[PDE_KERNEL_FIRST + i] =
			(i * 0x400000u) | PTE_P | PTE_W | PTE_PS | PTE_G;
	}
	/* Page tables for the kernel-stack area, shared by every directory. */
	for (uintptr_t va = KSTACK_AREA_START; va < KSTACK_AREA_END; va += 0x400000u) {
		uint32_t *pt = page_alloc();
		KASSERT(pt != NULL);
		memset(pt, 0, PAGE_SIZE);
		kernel_pd.pd_entries[PDE_INDEX(va)] = virt_to_phys(pt) | PTE_P | PTE_W;
	}
	kernel_pagedir = &kernel_pd;
	write_cr4(read_cr4() | CR4_PGE);
	current_pd = NULL;
	pt_activate(kernel_pagedir); /* drops the boot directory's identity map */
}
