/*
 * vmmap_map() at a given lopage replaces what was mapped there, as
 * MAP_FIXED does: the old area is cut around the new one, and the new
 * pages read as zeros whatever the old ones held.
 */
#include "vmtest.h"

KTEST(vm_vmmap_map_fixed, "vm.vmmap.map_fixed")
{
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	vmt_area(map, 100, 10);
	char buf[16];
	memset(buf, 'a', sizeof(buf));
	KT_CHECK_EQ(vmmap_write(map, (void *)(104 * PAGE_SIZE), buf, sizeof(buf)), 0);
	vmarea_t *n = vmt_area(map, 103, 3); /* [103, 106) */
	KT_CHECK_EQ(vmmap_count(map), 3);
	vmt_check_area(map, 0, 100, 103, 0);
	vmt_check_area(map, 1, 103, 106, 0);
	vmt_check_area(map, 2, 106, 110, 6);
	KT_CHECK(vmmap_lookup(map, 104) == n);
	memset(buf, 1, sizeof(buf));
	KT_CHECK_EQ(vmmap_read(map, (void *)(104 * PAGE_SIZE), buf, sizeof(buf)), 0);
	KT_CHECK_EQ(buf[0], 0);
	KT_CHECK_EQ(buf[15], 0);
	vmmap_destroy(map);
}
