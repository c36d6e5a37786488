/*
 * No room: a full address space has no free page in either direction, a
 * request larger than user space never fits, and vmmap_map() with
 * lopage 0 then fails with -ENOMEM leaving the map as it was.
 */
#include "vmtest.h"

KTEST(vm_vmmap_find_full, "vm.vmmap.find_full")
{
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	KT_CHECK_EQ(vmmap_find_range(map, USER_MAX_VFN, VMMAP_DIR_LOHI), -1);
	KT_CHECK_EQ(vmmap_find_range(map, USER_MAX_VFN - USER_MIN_VFN, VMMAP_DIR_HILO),
		    USER_MIN_VFN);
	vmt_area(map, USER_MIN_VFN, USER_MAX_VFN - USER_MIN_VFN);
	KT_CHECK_EQ(vmmap_find_range(map, 1, VMMAP_DIR_LOHI), -1);
	KT_CHECK_EQ(vmmap_find_range(map, 1, VMMAP_DIR_HILO), -1);
	KT_CHECK_EQ(vmmap_map(map, NULL, 0, 1, PROT_READ, MAP_PRIVATE, 0, VMMAP_DIR_HILO, NULL),
		    -ENOMEM);
	KT_CHECK_EQ(vmmap_count(map), 1);
	vmmap_destroy(map);
}
