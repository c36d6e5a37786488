/*
 * Removing the first pages of an area cuts its start: vma_start moves up
 * and vma_off moves with it, so the pages left still show the same
 * object pages.
 */
#include "vmtest.h"

KTEST(vm_vmmap_remove_start, "vm.vmmap.remove_start")
{
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	vmarea_t *a = vmt_area(map, 100, 10);
	if (a == NULL) {
		vmmap_destroy(map);
		return;
	}
	a->vma_off = 7;
	KT_CHECK_EQ(vmmap_remove(map, 95, 8), 0); /* [95, 103) */
	KT_CHECK_EQ(vmmap_count(map), 1);
	vmt_check_area(map, 0, 103, 110, 10);
	KT_CHECK(vmmap_lookup(map, 102) == NULL);
	vmmap_destroy(map);
}
