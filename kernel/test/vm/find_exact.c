/*
 * A hole exactly as long as the request fits, in both directions, and a
 * hole one page too short does not.
 */
#include "vmtest.h"

KTEST(vm_vmmap_find_exact, "vm.vmmap.find_exact")
{
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	/* Everything mapped but [1000, 1007) and [2000, 2006). */
	vmt_area(map, USER_MIN_VFN, 1000 - USER_MIN_VFN);
	vmt_area(map, 1007, 2000 - 1007);
	vmt_area(map, 2006, USER_MAX_VFN - 2006);
	KT_CHECK_EQ(vmmap_find_range(map, 7, VMMAP_DIR_LOHI), 1000);
	KT_CHECK_EQ(vmmap_find_range(map, 7, VMMAP_DIR_HILO), 1000);
	KT_CHECK_EQ(vmmap_find_range(map, 6, VMMAP_DIR_LOHI), 1000);
	KT_CHECK_EQ(vmmap_find_range(map, 6, VMMAP_DIR_HILO), 2000);
	KT_CHECK_EQ(vmmap_find_range(map, 8, VMMAP_DIR_LOHI), -1);
	KT_CHECK_EQ(vmmap_find_range(map, 8, VMMAP_DIR_HILO), -1);
	vmmap_destroy(map);
}
