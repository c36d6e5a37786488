/*
 * Copy-on-write through the fault handler: a read of a private page maps
 * the page found down the chain read-only; a write then maps the area's
 * own copy (in the top shadow) writable, with the old contents, and the
 * object below keeps its page unchanged.
 */
#include "vm/pagefault.h"
#include "vmtest.h"

static void body(void)
{
	vmmap_t *map = vmt_map();
	pagedir_t *pd = curproc->p_pagedir;
	vmarea_t *vma = vmt_area(map, 0x40000, 2);
	if (vma == NULL) {
		return;
	}
	mobj_t *below = vma->vma_obj->mo_shadowed;
	pframe_t *pf;
	if (!KT_CHECK_EQ(pframe_get(below, 1, &pf), 0)) {
		return;
	}
	strlcpy(pf->pf_addr, "original", PAGE_SIZE);
	pframe_dirty(pf);
	void *below_frame = pf->pf_addr;
	pframe_put(pf);
	char *va = (char *)0x40001000;
	paddr_t pa;
	uint32_t flags;
	KT_CHECK_EQ(vm_pagefault((uintptr_t)va, FAULT_USER), 0);
	if (KT_CHECK_EQ(pt_lookup(pd, (uintptr_t)va, &pa, &flags), 0)) {
		KT_CHECK(!(flags & PTE_W));
		KT_CHECK_EQ(pa, virt_to_phys(below_frame));
		KT_CHECK_STR(va, "original");
	}
	KT_CHECK(!pframe_resident(vma->vma_obj, 1));
	KT_CHECK_EQ(vm_pagefault((uintptr_t)va, FAULT_USER | FAULT_PRESENT | FAULT_WRITE), 0);
	if (KT_CHECK_EQ(pt_lookup(pd, (uintptr_t)va, &pa, &flags), 0)) {
		KT_CHECK(flags & PTE_W);
		KT_CHECK(pa != virt_to_phys(below_frame));
		KT_CHECK_STR(va, "original");
		strlcpy(va, "changed", PAGE_SIZE);
	}
	KT_CHECK(pframe_resident(vma->vma_obj, 1));
	KT_CHECK_STR((char *)below_frame, "original");
	char buf[16];
	KT_CHECK_EQ(vmmap_read(map, va, buf, sizeof("changed")), 0);
	KT_CHECK_STR(buf, "changed");
}

KTEST(vm_fault_cow, "vm.fault.cow")
{
	vmt_in_proc(body);
}
