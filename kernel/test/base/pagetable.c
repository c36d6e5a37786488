/*
 * Page tables translate as they say.  base.pagetable.map makes a directory,
 * maps a fresh frame at a user address, checks pt_lookup() (offset and
 * flags), switches to the directory and writes and reads through the
 * mapping while watching the same bytes through the direct map, remaps the
 * page to another frame while it is active (the stale TLB entry must go),
 * unmaps it and checks that lookup fails with -EFAULT.
 * base.pagetable.unmapped_faults checks that an access after pt_unmap()
 * faults (the TLB entry was flushed).  base.pagetable.kernel_shared checks
 * that kernel addresses translate the same in every directory (the kernel
 * image through 4 KiB pages, the rest of the direct map through 4 MiB
 * pages), including a kernel stack mapped after the directory was made.
 * base.pagetable.unmap_range removes exactly the pages in a range that
 * crosses a page-table boundary.
 */
#include "mm/pagetable.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "mm/kstack.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "test/ktest.h"
#include "util/string.h"

#define USER_VA 0x40000000u

KTEST(pagetable_map, "base.pagetable.map")
{
	pagedir_t *pd = pt_create();
	uint8_t *frame = page_alloc();
	uint8_t *frame2 = page_alloc();
	if (!KT_CHECK(pd != NULL && frame != NULL && frame2 != NULL)) {
		goto out_free;
	}
	memset(frame, 0, PAGE_SIZE);
	memset(frame2, 0, PAGE_SIZE);

	/* A new directory has an empty user half. */
	paddr_t pa = 0;
	uint32_t flags = 0;
	KT_CHECK_EQ(pt_lookup(pd, USER_VA, &pa, NULL), -EFAULT);
	KT_CHECK_EQ(pt_lookup(pd, PAGE_SIZE, &pa, NULL), -EFAULT);

	if (!KT_CHECK_EQ(pt_map(pd, USER_VA, virt_to_phys(frame), PTE_W | PTE_U), 0)) {
		goto out_free;
	}
	KT_CHECK_EQ(pt_lookup(pd, USER_VA + 0x123, &pa, &flags), 0);
	KT_CHECK_EQ(pa, virt_to_phys(frame) + 0x123);
	KT_CHECK_EQ(flags & (PTE_P | PTE_W | PTE_U), PTE_P | PTE_W | PTE_U);
	KT_CHECK_EQ(pt_lookup(pd, USER_VA + PAGE_SIZE - 1, &pa, NULL), 0);
	KT_CHECK_EQ(pa, virt_to_phys(frame) + PAGE_SIZE - 1);
	/* Only that page: not its neighbours, not the kernel's directory. */
	KT_CHECK_EQ(pt_lookup(pd, USER_VA + PAGE_SIZE, &pa, NULL), -EFAULT);
	KT_CHECK_EQ(pt_lookup(pd, USER_VA - PAGE_SIZE, &pa, NULL), -EFAULT);
	KT_CHECK_EQ(pt_lookup(pd, USER_VA + 0x400000u, &pa, NULL), -EFAULT);
	KT_CHECK_EQ(pt_lookup(kernel_pagedir, USER_VA, &pa, NULL), -EFAULT);

	pagedir_t *old = pt_current();
	KT_CHECK(old == kernel_pagedir);
	pt_activate(pd);
	KT_CHECK(pt_current() == pd);

	volatile uint32_t *user = (volatile uint32_t *)USER_VA;
	uint32_t *direct = (uint32_t *)frame;
	user[0] = 0xdeadbeef;
	user[1023] = 0x12345678;
	KT_CHECK_EQ(direct[0], 0xdeadbeef);
	KT_CHECK_EQ(direct[1023], 0x12345678);
	direct[5] = 42;
	KT_CHECK_EQ(user[5], 42);

	/* Remapping the active page must drop the old translation. */
	KT_CHECK_EQ(pt_map(pd, USER_VA, virt_to_phys(frame2), PTE_U), 0);
	KT_CHECK_EQ(pt_lookup(pd, USER_VA, &pa, &flags), 0);
	KT_CHECK_EQ(pa, virt_to_phys(frame2));
	KT_CHECK_EQ(flags & (PTE_P | PTE_W | PTE_U), PTE_P | PTE_U);
	((uint32_t *)frame2)[0] = 0xfeedface;
	KT_CHECK_EQ(user[0], 0xfeedface);

	pt_unmap(pd, USER_VA);
	KT_CHECK_EQ(pt_lookup(pd, USER_VA, &pa, NULL), -EFAULT);
	pt_unmap(pd, USER_VA); /* unmapping nothing is harmless */

	pt_activate(old);
	KT_CHECK(pt_current() == kernel_pagedir);
	/* The frame still holds what was written through the mapping. */
	KT_CHECK_EQ(direct[0], 0xdeadbeef);
out_free:
	if (pd != NULL) {
		pt_destroy(pd);
	}
	if (frame != NULL) {
		page_free(frame);
	}
	if (frame2 != NULL) {
		page_free(frame2);
	}
}

KTEST_PANIC(pagetable_unmapped_faults, "base.pagetable.unmapped_faults",
	    "page fault at 0x40000000: no page for read in kernel mode")
{
	pagedir_t *pd = pt_create();
	uint8_t *frame = page_alloc();
	if (!KT_CHECK(pd != NULL && frame != NULL)) {
		return;
	}
	KT_CHECK_EQ(pt_map(pd, USER_VA, virt_to_phys(frame), PTE_W | PTE_U), 0);
	pt_activate(pd);
	volatile uint32_t *user = (volatile uint32_t *)USER_VA;
	user[0] = 1; /* now the translation is in the TLB */
	pt_unmap(pd, USER_VA);
	(void)user[0];
	ktest_fail("read through an unmapped page did not fault");
	pt_activate(kernel_pagedir);
	pt_destroy(pd);
	page_free(frame);
}

/* Checks that 'va' translates the same through 'pd' as through the kernel's directory. */
static void check_same(pagedir_t *pd, uintptr_t va)
{
	paddr_t pa_k = 0, pa_new = 1;
	uint32_t fl_k = 0, fl_new = 1;
	KT_CHECK_EQ(pt_lookup(kernel_pagedir, va, &pa_k, &fl_k), 0);
	KT_CHECK_EQ(pt_lookup(pd, va, &pa_new, &fl_new), 0);
	KT_CHECK_EQ(pa_new, pa_k);
	KT_CHECK_EQ(fl_new & (PTE_P | PTE_W | PTE_U | PTE_PS),
		    fl_k & (PTE_P | PTE_W | PTE_U | PTE_PS));
}

KTEST(pagetable_kernel_shared, "base.pagetable.kernel_shared")
{
	pagedir_t *pd = pt_create();
	if (!KT_CHECK(pd != NULL)) {
		return;
	}
	/*
	 * The direct map: the kernel image with 4 KiB pages (its start is
	 * read-only), the rest with 4 MiB pages; and a kmalloc object.
	 */
	int local = 0;
	void *obj = kmalloc(100);
	paddr_t pa;
	uint32_t flags;
	KT_CHECK_EQ(pt_lookup(pd, (uintptr_t)kernel_start + 0x10, &pa, &flags), 0);
	KT_CHECK_EQ(pa, virt_to_phys(kernel_start) + 0x10);
	KT_CHECK_EQ(flags & (PTE_PS | PTE_W | PTE_U), 0);
	KT_CHECK_EQ(pt_lookup(pd, KERNEL_VMA + DIRECT_MAP_SIZE - 1, &pa, &flags), 0);
	KT_CHECK_EQ(flags & (PTE_PS | PTE_W | PTE_U), PTE_PS | PTE_W);
	check_same(pd, (uintptr_t)kernel_start);
	check_same(pd, (uintptr_t)obj + 3);
	check_same(pd, KERNEL_VMA + DIRECT_MAP_SIZE - 1);
	/* This test's own stack, in the kernel-stack area. */
	check_same(pd, (uintptr_t)&local);

	/* A kernel stack mapped after the directory was made shows up in it. */
	char *stack = kstack_alloc("base.pagetable");
	if (KT_CHECK(stack != NULL)) {
		for (size_t i = 0; i < KSTACK_PAGES; i++) {
			check_same(pd, (uintptr_t)stack + i * PAGE_SIZE + 8);
		}
		KT_CHECK_EQ(pt_lookup(pd, (uintptr_t)stack - PAGE_SIZE, &pa, NULL), -EFAULT);
		/* And is usable while the new directory is active. */
		pt_activate(pd);
		stack[0] = 'k';
		stack[KSTACK_SIZE - 1] = 'l';
		pt_activate(kernel_pagedir);
		KT_CHECK(stack[0] == 'k' && stack[KSTACK_SIZE - 1] == 'l');
		uintptr_t top = (uintptr_t)stack;
		kstack_free(stack);
		/* Freeing it unmaps it everywhere. */
		KT_CHECK_EQ(pt_lookup(pd, top, &pa, NULL), -EFAULT);
		KT_CHECK_EQ(pt_lookup(kernel_pagedir, top, &pa, NULL), -EFAULT);
	}
	kfree(obj);
	pt_destroy(pd);
}

KTEST(pagetable_unmap_range, "base.pagetable.unmap_range")
{
	static const uintptr_t vas[] = {
	    0x007fd000, 0x007fe000, 0x007ff000, 0x00800000, 0x00801000, 0x00802000, 0x10000000,
	};
	pagedir_t *pd = pt_create();
	void *frame = page_alloc();
	if (!KT_CHECK(pd != NULL && frame != NULL)) {
		goto out;
	}
	/* Mappings do not own frames: every page can map the same one. */
	for (size_t i = 0; i < ARRAY_SIZE(vas); i++) {
		KT_CHECK_EQ(pt_map(pd, vas[i], virt_to_phys(frame), PTE_U), 0);
	}
	pt_unmap_range(pd, 0x007fe000, 0x00802000);
	for (size_t i = 0; i < ARRAY_SIZE(vas); i++) {
		paddr_t pa;
		bool inside = vas[i] >= 0x007fe000 && vas[i] < 0x00802000;
		if (pt_lookup(pd, vas[i], &pa, NULL) != (inside ? -EFAULT : 0)) {
			ktest_fail("0x%08x is %s after pt_unmap_range", vas[i],
				   inside ? "still mapped" : "no longer mapped");
		}
	}
	/* The whole user half, including 4 MiB regions with no page table. */
	pt_unmap_range(pd, 0, USER_TOP);
	for (size_t i = 0; i < ARRAY_SIZE(vas); i++) {
		paddr_t pa;
		KT_CHECK_EQ(pt_lookup(pd, vas[i], &pa, NULL), -EFAULT);
	}
out:
	if (pd != NULL) {
		pt_destroy(pd);
	}
	if (frame != NULL) {
		page_free(frame);
	}
}
