/*
 * Removing a range that no area overlaps (a gap, the pages right after an
 * area, an empty map, zero pages) succeeds and changes nothing.
 */
#include "vmtest.h"

KTEST(vm_vmmap_remove_nothing, "vm.vmmap.remove_nothing")
{
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	KT_CHECK_EQ(vmmap_remove(map, 1, 100), 0);
	vmt_area(map, 10, 10);
	vmt_area(map, 30, 10);
	KT_CHECK_EQ(vmmap_remove(map, 20, 10), 0); /* exactly the gap */
	KT_CHECK_EQ(vmmap_remove(map, 40, 5), 0);  /* right after the last */
	KT_CHECK_EQ(vmmap_remove(map, 1, 9), 0);   /* right before the first */
	KT_CHECK_EQ(vmmap_remove(map, 15, 0), 0);  /* no pages */
	KT_CHECK_EQ(vmmap_count(map), 2);
	vmt_check_area(map, 0, 10, 20, 0);
	vmt_check_area(map, 1, 30, 40, 0);
	vmmap_destroy(map);
}
