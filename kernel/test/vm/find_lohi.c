/*
 * vmmap_find_range(VMMAP_DIR_LOHI) returns the lowest free run: page
 * USER_MIN_VFN in an empty map (never page 0), else the first gap that is
 * long enough, else the space after the last area.
 */
#include "vmtest.h"

KTEST(vm_vmmap_find_lohi, "vm.vmmap.find_lohi")
{
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	KT_CHECK_EQ(vmmap_find_range(map, 1, VMMAP_DIR_LOHI), USER_MIN_VFN);
	vmt_area(map, USER_MIN_VFN, 9); /* [1, 10) */
	vmt_area(map, 12, 8);           /* [12, 20): a gap of 2 at 10 */
	vmt_area(map, 25, 5);           /* [25, 30): a gap of 5 at 20 */
	KT_CHECK_EQ(vmmap_find_range(map, 1, VMMAP_DIR_LOHI), 10);
	KT_CHECK_EQ(vmmap_find_range(map, 2, VMMAP_DIR_LOHI), 10);
	KT_CHECK_EQ(vmmap_find_range(map, 3, VMMAP_DIR_LOHI), 20);
	KT_CHECK_EQ(vmmap_find_range(map, 5, VMMAP_DIR_LOHI), 20);
	KT_CHECK_EQ(vmmap_find_range(map, 6, VMMAP_DIR_LOHI), 30);
	vmmap_destroy(map);
}
