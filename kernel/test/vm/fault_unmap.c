/*
 * Removing an area of a process's map unmaps its pages from the page
 * directory (the fault handler had mapped them), and pages outside the
 * removed range stay mapped.
 */
#include "vm/pagefault.h"
#include "vmtest.h"

static void body(void)
{
	vmmap_t *map = vmt_map();
	pagedir_t *pd = curproc->p_pagedir;
	vmt_area(map, 0x60000, 3);
	paddr_t pa;
	for (uintptr_t p = 0; p < 3; p++) {
		KT_CHECK_EQ(vm_pagefault(0x60000000 + p * PAGE_SIZE, FAULT_USER | FAULT_WRITE), 0);
	}
	KT_CHECK_EQ(vmmap_remove(map, 0x60001, 1), 0);
	KT_CHECK_EQ(pt_lookup(pd, 0x60000000, &pa, NULL), 0);
	KT_CHECK_EQ(pt_lookup(pd, 0x60001000, &pa, NULL), -EFAULT);
	KT_CHECK_EQ(pt_lookup(pd, 0x60002000, &pa, NULL), 0);
	KT_CHECK_EQ(vm_pagefault(0x60001000, FAULT_USER), -EFAULT);
}

KTEST(vm_fault_unmap, "vm.fault.unmap")
{
	vmt_in_proc(body);
}
