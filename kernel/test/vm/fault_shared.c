/*
 * A shared area's fault maps the object's own page, writable at once if
 * the area has PROT_WRITE (even for a read), read-only if not; a write
 * made through the mapping is seen through the object.
 */
#include "vm/pagefault.h"
#include "vmtest.h"

static void body(void)
{
	vmmap_t *map = vmt_map();
	pagedir_t *pd = curproc->p_pagedir;
	vmarea_t *rw = NULL, *ro = NULL;
	KT_CHECK_EQ(vmmap_map(map, NULL, 0x50000, 1, PROT_READ | PROT_WRITE, MAP_SHARED, 0,
			      VMMAP_DIR_LOHI, &rw),
		    0);
	KT_CHECK_EQ(vmmap_map(map, NULL, 0x50001, 1, PROT_READ, MAP_SHARED, 0, VMMAP_DIR_LOHI, &ro),
		    0);
	if (rw == NULL || ro == NULL) {
		return;
	}
	paddr_t pa;
	uint32_t flags;
	KT_CHECK_EQ(vm_pagefault(0x50000000, FAULT_USER), 0);
	if (KT_CHECK_EQ(pt_lookup(pd, 0x50000000, &pa, &flags), 0)) {
		KT_CHECK(flags & PTE_W);
		strlcpy((char *)0x50000000, "shared", PAGE_SIZE);
	}
	pframe_t *pf = pframe_find(rw->vma_obj, 0);
	if (KT_CHECK(pf != NULL)) {
		KT_CHECK_EQ(pa, virt_to_phys(pf->pf_addr));
		KT_CHECK_STR((char *)pf->pf_addr, "shared");
		pframe_put(pf);
	}
	KT_CHECK_EQ(vm_pagefault(0x50001000, FAULT_USER), 0);
	if (KT_CHECK_EQ(pt_lookup(pd, 0x50001000, &pa, &flags), 0)) {
		KT_CHECK(!(flags & PTE_W));
	}
}

KTEST(vm_fault_shared, "vm.fault.shared")
{
	vmt_in_proc(body);
}
