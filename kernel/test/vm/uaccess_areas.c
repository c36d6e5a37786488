/*
 * vm_user_range_ok() accepts a range across two adjacent areas, refuses
 * one that crosses a gap between areas, and checks each area's
 * protection: writing needs PROT_WRITE in every area the range touches;
 * reading is refused only by PROT_NONE.
 */
#include "vm/uaccess.h"
#include "vmtest.h"

static void body(void)
{
	vmmap_t *map = vmt_map();
	vmt_area(map, 10, 2); /* [10, 12) read-write */
	KT_CHECK_EQ(vmmap_map(map, NULL, 12, 2, PROT_READ, MAP_PRIVATE, 0, VMMAP_DIR_LOHI, NULL),
		    0);
	KT_CHECK_EQ(vmmap_map(map, NULL, 15, 1, PROT_NONE, MAP_PRIVATE, 0, VMMAP_DIR_LOHI, NULL),
		    0);
	void *a = (void *)(11 * PAGE_SIZE + 100);
	KT_CHECK_EQ(vm_user_range_ok(a, 2 * PAGE_SIZE, PROT_READ), 0);
	KT_CHECK_EQ(vm_user_range_ok(a, 2 * PAGE_SIZE, PROT_WRITE), -EFAULT);
	KT_CHECK_EQ(vm_user_range_ok(a, PAGE_SIZE - 100, PROT_WRITE), 0);
	KT_CHECK_EQ(vm_user_range_ok(a, PAGE_SIZE - 99, PROT_WRITE), -EFAULT);
	/* [13, 14) ends the read-only area; page 14 is a gap. */
	KT_CHECK_EQ(vm_user_range_ok((void *)(14 * PAGE_SIZE - 1), 1, PROT_READ), 0);
	KT_CHECK_EQ(vm_user_range_ok((void *)(14 * PAGE_SIZE - 1), 2, PROT_READ), -EFAULT);
	KT_CHECK_EQ(vm_user_range_ok((void *)(15 * PAGE_SIZE), 1, PROT_READ), -EFAULT);
}

KTEST(vm_uaccess_areas, "vm.uaccess.areas")
{
	vmt_in_proc(body);
}
