/*
 * vmmap_is_range_empty() at the edges: a range ending where an area
 * starts or starting where one ends is empty; one page of overlap at
 * either end is not; a range inside an area or around it is not; zero
 * pages are always empty.
 */
#include "vmtest.h"

KTEST(vm_vmmap_range_empty, "vm.vmmap.range_empty")
{
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	KT_CHECK(vmmap_is_range_empty(map, USER_MIN_VFN, USER_MAX_VFN - USER_MIN_VFN));
	vmt_area(map, 100, 10); /* [100, 110) */
	KT_CHECK(vmmap_is_range_empty(map, 90, 10));
	KT_CHECK(vmmap_is_range_empty(map, 110, 10));
	KT_CHECK(!vmmap_is_range_empty(map, 90, 11));
	KT_CHECK(!vmmap_is_range_empty(map, 109, 10));
	KT_CHECK(!vmmap_is_range_empty(map, 102, 3));
	KT_CHECK(!vmmap_is_range_empty(map, 50, 100));
	KT_CHECK(vmmap_is_range_empty(map, 105, 0));
	vmmap_destroy(map);
}
