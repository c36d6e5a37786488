/*
 * Kernel stacks in their own area (mm/mm.h), each below its guard page:
 *
 *     slot i:  | guard (unmapped) | KSTACK_PAGES mapped pages |
 *              ^ KSTACK_AREA_START + i * SLOT_SIZE
 *
 * The frames behind a stack need not be contiguous.  A bitmap records which
 * slots are in use, and each slot remembers its owner's name so that the
 * double-fault handler can say whose stack overflowed.
 */
#include "mm/kstack.h"
#include "boot/interrupt.h"
#include "errno.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/pagetable.h"
#include "util/bitmap.h"
#include "util/debug.h"
#include "util/string.h"

#define SLOT_SIZE ((KSTACK_PAGES + 1) * PAGE_SIZE)
#define NSLOTS ((KSTACK_AREA_END - KSTACK_AREA_START) / SLOT_SIZE)

static uint32_t slot_map[BITMAP_WORDS(NSLOTS)];
static char slot_owner[NSLOTS][KSTACK_OWNER_MAX];
static size_t nstacks;

static uintptr_t slot_base(size_t slot)
{
	return KSTACK_AREA_START + slot * SLOT_SIZE;
}

static size_t slot_of_stack(const void *stack)
{
	uintptr_t va = (uintptr_t)stack - PAGE_SIZE;
	KASSERT(va >= KSTACK_AREA_START && va < KSTACK_AREA_END && (va - KSTACK_AREA_START) % SLOT_SIZE == 0);
	return (va - KSTACK_AREA_START) / SLOT_SIZE;
}

static void unmap_stack_pages(uintptr_t stack, size_t npages)
{
	for (size_t i = 0; i < npages; i++) {
		paddr_t pa;
		uintptr_t va = stack + i * PAGE_SIZE;
		KASSERT(pt_lookup(kernel_pagedir, va, &pa, NULL) == 0);
		pt_unmap(kernel_pagedir, va);
		page_free(phys_to_virt(pa));
	}
}

/* Backs the stack at 'stack' with fresh frames; on failure undoes it all. */
static int map_stack_pages(uintptr_t stack)
{
	for (size_t i = 0; i < KSTACK_PAGES; i++) {
		uintptr_t va = stack + i * PAGE_SIZE;
		void *frame = page_alloc();
		if (frame == NULL || pt_map(kernel_pagedir, va, virt_to_phys(frame), PTE_W | PTE_G) < 0) {
			if (frame != NULL) {
				page_free(frame);
			}
			unmap_stack_pages(stack, i);
			return -ENOMEM;
		}
	}
	return 0;
}

static void release_slot(size_t slot)
{
	uint32_t flags = intr_save();
	bitmap_clear(slot_map, slot);
	nstacks--;
	intr_restore(flags);
}

void *kstack_alloc(const char *owner)
{
	uint32_t flags = intr_save();
	size_t slot = bitmap_find_clear(slot_map, NSLOTS, 0);
	if (slot < NSLOTS) {
		bitmap_set(slot_map, slot);
		nstacks++;
	}
	intr_restore(flags);
	if (slot == NSLOTS) {
		return NULL;
	}
	uintptr_t stack = slot_base(slot) + PAGE_SIZE;
	if (map_stack_pages(stack) < 0) {
		release_slot(slot);
		return NULL;
	}
	strlcpy(slot_owner[slot], owner, KSTACK_OWNER_MAX);
	return (void *)stack;
}

void kstack_free(void *stack)
{
	size_t slot = slot_of_stack(stack);
	KASSERT(bitmap_test(slot_map, slot));
	unmap_stack_pages((uintptr_t)stack, KSTACK_PAGES);
	release_slot(slot);
}

void kstack_set_owner(void *stack, const char *owner)
{
	strlcpy(slot_owner[slot_of_stack(stack)], owner, KSTACK_OWNER_MAX);
}

const char *kstack_guard_owner(uintptr_t addr)
{
	if (addr < KSTACK_AREA_START || addr >= KSTACK_AREA_END) {
		return NULL;
	}
	size_t slot = (addr - KSTACK_AREA_START) / SLOT_SIZE;
	uintptr_t guard = slot_base(slot);
	if (addr >= guard + PAGE_SIZE || !bitmap_test(slot_map, slot)) {
		return NULL;
	}
	return slot_owner[slot];
}

size_t kstack_count(void)
{
	return nstacks;
}

void kstack_init(void)
{
	memset(slot_map, 0, sizeof(slot_map));
	nstacks = 0;
}
