/* Removing the last pages of an area cuts its end; its offset stays. */
#include "vmtest.h"

KTEST(vm_vmmap_remove_end, "vm.vmmap.remove_end")
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
	a->vma_off = 3;
	KT_CHECK_EQ(vmmap_remove(map, 106, 20), 0); /* [106, 126) */
	KT_CHECK_EQ(vmmap_count(map), 1);
	vmt_check_area(map, 0, 100, 106, 3);
	KT_CHECK(vmmap_lookup(map, 106) == NULL);
	vmmap_destroy(map);
}
