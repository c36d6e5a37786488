/*
 * vmmap_remove() over exactly one area, and over more than it, removes it
 * and gives back its object (the anonymous and shadow objects are freed).
 */
#include "vmtest.h"

KTEST(vm_vmmap_remove_whole, "vm.vmmap.remove_whole")
{
	size_t anon0 = anon_count(), shadow0 = shadow_count();
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	vmt_area(map, 10, 5);
	vmt_area(map, 20, 5);
	vmt_area(map, 30, 5);
	KT_CHECK_EQ(anon_count(), anon0 + 3);
	KT_CHECK_EQ(vmmap_remove(map, 20, 5), 0); /* exactly */
	KT_CHECK_EQ(vmmap_count(map), 2);
	KT_CHECK(vmmap_lookup(map, 20) == NULL);
	KT_CHECK_EQ(vmmap_remove(map, 28, 10), 0); /* more than it */
	KT_CHECK_EQ(vmmap_count(map), 1);
	vmt_check_area(map, 0, 10, 15, 0);
	KT_CHECK_EQ(anon_count(), anon0 + 1);
	KT_CHECK_EQ(shadow_count(), shadow0 + 1);
	vmmap_destroy(map);
	KT_CHECK_EQ(anon_count(), anon0);
	KT_CHECK_EQ(shadow_count(), shadow0);
}
