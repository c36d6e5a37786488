/*
 * vmmap_insert() keeps the list sorted by vma_start whatever order areas
 * arrive in, and sets each area's vma_vmmap.
 */
#include "vmtest.h"

static vmarea_t *make(size_t start, size_t end)
{
	vmarea_t *vma = vmarea_alloc();
	KASSERT(vma != NULL);
	vma->vma_start = start;
	vma->vma_end = end;
	vma->vma_prot = PROT_READ;
	vma->vma_flags = MAP_PRIVATE;
	vma->vma_obj = anon_create();
	KASSERT(vma->vma_obj != NULL);
	return vma;
}

KTEST(vm_vmmap_insert_order, "vm.vmmap.insert_order")
{
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	vmarea_t *c = make(50, 60);
	vmmap_insert(map, c);
	vmmap_insert(map, make(10, 20));
	vmmap_insert(map, make(60, 61)); /* touches c's end */
	vmmap_insert(map, make(20, 30)); /* touches the first's end */
	KT_CHECK_EQ(vmmap_count(map), 4);
	vmt_check_area(map, 0, 10, 20, 0);
	vmt_check_area(map, 1, 20, 30, 0);
	vmt_check_area(map, 2, 50, 60, 0);
	vmt_check_area(map, 3, 60, 61, 0);
	KT_CHECK(c->vma_vmmap == map);
	vmmap_destroy(map);
}
