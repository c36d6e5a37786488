/*
 * vmmap_lookup() finds the area holding a page: the first and last page of
 * an area are in it, the page at vma_end is not, and gaps give NULL.
 */
#include "vmtest.h"

KTEST(vm_vmmap_lookup, "vm.vmmap.lookup")
{
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	vmarea_t *a = vmt_area(map, 100, 10);
	vmarea_t *b = vmt_area(map, 110, 5);
	vmarea_t *c = vmt_area(map, 200, 1);
	KT_CHECK(vmmap_lookup(map, 99) == NULL);
	KT_CHECK(vmmap_lookup(map, 100) == a);
	KT_CHECK(vmmap_lookup(map, 109) == a);
	KT_CHECK(vmmap_lookup(map, 110) == b);
	KT_CHECK(vmmap_lookup(map, 114) == b);
	KT_CHECK(vmmap_lookup(map, 115) == NULL);
	KT_CHECK(vmmap_lookup(map, 199) == NULL);
	KT_CHECK(vmmap_lookup(map, 200) == c);
	KT_CHECK(vmmap_lookup(map, 201) == NULL);
	KT_CHECK(vmmap_lookup(map, 0) == NULL);
	KT_CHECK(vmmap_lookup(map, USER_MAX_VFN - 1) == NULL);
	vmmap_destroy(map);
}
