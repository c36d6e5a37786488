/*
 * A page the fault handler mapped stays in the page-frame cache with its
 * frame while it is mapped: pframe_shrink_all() does not drop it even
 * when it is clean, and it leaves only with its object, when the area
 * goes.
 */
#include "vm/pagefault.h"
#include "vmtest.h"

static void body(void)
{
	vmmap_t *map = vmt_map();
	pagedir_t *pd = curproc->p_pagedir;
	vmarea_t *vma = NULL;
	KT_CHECK_EQ(
	    vmmap_map(map, NULL, 0x70000, 1, PROT_READ, MAP_SHARED, 0, VMMAP_DIR_LOHI, &vma), 0);
	if (vma == NULL) {
		return;
	}
	pframe_stats_t st;
	pframe_stats(&st);
	size_t mapped0 = st.ps_mapped;
	KT_CHECK_EQ(vm_pagefault(0x70000000, FAULT_USER), 0); /* a clean zero page */
	paddr_t pa;
	KT_CHECK_EQ(pt_lookup(pd, 0x70000000, &pa, NULL), 0);
	pframe_stats(&st);
	KT_CHECK_EQ(st.ps_mapped, mapped0 + 1);
	pframe_shrink_all();
	KT_CHECK(pframe_resident(vma->vma_obj, 0));
	pframe_t *pf = pframe_find(vma->vma_obj, 0);
	if (KT_CHECK(pf != NULL)) {
		KT_CHECK(pf->pf_mapped);
		KT_CHECK_EQ(virt_to_phys(pf->pf_addr), pa);
		pframe_put(pf);
	}
	KT_CHECK_EQ(vmmap_remove(map, 0x70000, 1), 0);
	pframe_stats(&st);
	KT_CHECK_EQ(st.ps_mapped, mapped0);
}

KTEST(vm_mapped_stays, "vm.pframe.mapped_stays")
{
	vmt_in_proc(body);
}
