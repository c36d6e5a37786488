/*
 * vmmap_find_range(VMMAP_DIR_HILO) returns the highest free run, ending
 * as high as it can: just below USER_MAX_VFN in an empty map, else the
 * highest gap that is long enough.
 */
#include "vmtest.h"

KTEST(vm_vmmap_find_hilo, "vm.vmmap.find_hilo")
{
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	KT_CHECK_EQ(vmmap_find_range(map, 1, VMMAP_DIR_HILO), USER_MAX_VFN - 1);
	KT_CHECK_EQ(vmmap_find_range(map, 16, VMMAP_DIR_HILO), USER_MAX_VFN - 16);
	size_t top = USER_MAX_VFN;
	vmt_area(map, top - 10, 10); /* the top 10 pages */
	vmt_area(map, top - 20, 8);  /* a gap of 2 below the top area */
	vmt_area(map, top - 40, 15); /* a gap of 5 below that */
	KT_CHECK_EQ(vmmap_find_range(map, 2, VMMAP_DIR_HILO), top - 12);
	KT_CHECK_EQ(vmmap_find_range(map, 3, VMMAP_DIR_HILO), top - 23);
	KT_CHECK_EQ(vmmap_find_range(map, 5, VMMAP_DIR_HILO), top - 25);
	KT_CHECK_EQ(vmmap_find_range(map, 6, VMMAP_DIR_HILO), top - 46);
	vmmap_destroy(map);
}
