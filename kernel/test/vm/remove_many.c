/*
 * One range over several areas: the first is cut at its end, those inside
 * are removed, the last is cut at its start, and gaps in between are fine.
 */
#include "vmtest.h"

KTEST(vm_vmmap_remove_many, "vm.vmmap.remove_many")
{
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	vmt_area(map, 10, 10);                     /* [10, 20) */
	vmt_area(map, 20, 5);                      /* [20, 25) */
	vmt_area(map, 30, 5);                      /* [30, 35) */
	vmt_area(map, 40, 10);                     /* [40, 50) */
	vmt_area(map, 60, 1);                      /* [60, 61): untouched */
	KT_CHECK_EQ(vmmap_remove(map, 15, 30), 0); /* [15, 45) */
	KT_CHECK_EQ(vmmap_count(map), 3);
	vmt_check_area(map, 0, 10, 15, 0);
	vmt_check_area(map, 1, 45, 50, 5);
	vmt_check_area(map, 2, 60, 61, 0);
	vmmap_destroy(map);
}
