/*
 * vm_pagefault() refuses with -EFAULT a fault on a page with no area, a
 * write to an area without PROT_WRITE, any access to a PROT_NONE area and
 * a kernel address, and maps nothing then; a read of a readable area maps
 * the page for user mode, read-only.
 */
#include "vm/pagefault.h"
#include "vmtest.h"

static void body(void)
{
	vmmap_t *map = vmt_map();
	pagedir_t *pd = curproc->p_pagedir;
	KT_CHECK_EQ(
	    vmmap_map(map, NULL, 0x30000, 1, PROT_READ, MAP_PRIVATE, 0, VMMAP_DIR_LOHI, NULL), 0);
	KT_CHECK_EQ(
	    vmmap_map(map, NULL, 0x30001, 1, PROT_NONE, MAP_PRIVATE, 0, VMMAP_DIR_LOHI, NULL), 0);
	paddr_t pa;
	uint32_t flags;
	KT_CHECK_EQ(vm_pagefault(0x2FFFF000, FAULT_USER), -EFAULT);
	KT_CHECK_EQ(vm_pagefault(0x30000010, FAULT_USER | FAULT_WRITE), -EFAULT);
	KT_CHECK_EQ(vm_pagefault(0x30001000, FAULT_USER), -EFAULT);
	KT_CHECK_EQ(vm_pagefault(0x30001000, FAULT_USER | FAULT_WRITE), -EFAULT);
	KT_CHECK_EQ(vm_pagefault(0xC0100000u, FAULT_USER), -EFAULT);
	KT_CHECK_EQ(pt_lookup(pd, 0x30000000, &pa, &flags), -EFAULT);
	KT_CHECK_EQ(vm_pagefault(0x30000010, FAULT_USER), 0);
	if (KT_CHECK_EQ(pt_lookup(pd, 0x30000000, &pa, &flags), 0)) {
		KT_CHECK(flags & PTE_U);
		KT_CHECK(!(flags & PTE_W));
		KT_CHECK_EQ(*(volatile int *)0x30000010, 0);
	}
	KT_CHECK_EQ(pt_lookup(pd, 0x30001000, &pa, &flags), -EFAULT);
}

KTEST(vm_fault_perm, "vm.fault.perm")
{
	vmt_in_proc(body);
}
