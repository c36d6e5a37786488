/*
 * Removing pages in the middle of an area splits it in two: the first
 * keeps its start, the second starts after the hole with the matching
 * offset, and both share the object (one more reference) and its pages.
 */
#include "vmtest.h"

KTEST(vm_vmmap_remove_hole, "vm.vmmap.remove_hole")
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
	a->vma_off = 5;
	mobj_t *obj = a->vma_obj;
	KT_CHECK_EQ(obj->mo_refcount, 1);
	char c = 'x';
	KT_CHECK_EQ(vmmap_write(map, (void *)(108 * PAGE_SIZE), &c, 1), 0);
	KT_CHECK_EQ(vmmap_remove(map, 103, 4), 0); /* [103, 107) */
	KT_CHECK_EQ(vmmap_count(map), 2);
	vmt_check_area(map, 0, 100, 103, 5);
	vmt_check_area(map, 1, 107, 110, 12);
	vmarea_t *b = vmt_nth(map, 1);
	if (KT_CHECK(b != NULL)) {
		KT_CHECK(b->vma_obj == obj);
		KT_CHECK(b->vma_vmmap == map);
		KT_CHECK_EQ(b->vma_prot, PROT_READ | PROT_WRITE);
		KT_CHECK_EQ(b->vma_flags, MAP_PRIVATE);
	}
	KT_CHECK_EQ(obj->mo_refcount, 2);
	char got = 0;
	KT_CHECK_EQ(vmmap_read(map, (void *)(108 * PAGE_SIZE), &got, 1), 0);
	KT_CHECK_EQ(got, 'x');
	KT_CHECK(vmmap_lookup(map, 103) == NULL && vmmap_lookup(map, 106) == NULL);
	vmmap_destroy(map);
}
