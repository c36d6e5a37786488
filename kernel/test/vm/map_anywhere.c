/*
 * vmmap_map() with lopage 0 places the area by vmmap_find_range() in the
 * direction asked; a private area's object is a shadow over a new
 * anonymous object, a shared area's the anonymous object itself.
 */
#include "vmtest.h"

KTEST(vm_vmmap_map_anywhere, "vm.vmmap.map_anywhere")
{
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	vmarea_t *lo = NULL, *hi = NULL;
	KT_CHECK_EQ(vmmap_map(map, NULL, 0, 3, PROT_READ, MAP_PRIVATE, 0, VMMAP_DIR_LOHI, &lo), 0);
	KT_CHECK_EQ(
	    vmmap_map(map, NULL, 0, 4, PROT_READ | PROT_WRITE, MAP_SHARED, 0, VMMAP_DIR_HILO, &hi),
	    0);
	if (KT_CHECK(lo != NULL && hi != NULL)) {
		KT_CHECK_EQ(lo->vma_start, USER_MIN_VFN);
		KT_CHECK_EQ(lo->vma_end, USER_MIN_VFN + 3);
		KT_CHECK_EQ(hi->vma_start, USER_MAX_VFN - 4);
		KT_CHECK_EQ(hi->vma_end, USER_MAX_VFN);
		KT_CHECK_EQ(lo->vma_obj->mo_type, MOBJ_SHADOW);
		KT_CHECK(lo->vma_obj->mo_shadowed != NULL &&
			 lo->vma_obj->mo_shadowed->mo_type == MOBJ_ANON);
		KT_CHECK_EQ(hi->vma_obj->mo_type, MOBJ_ANON);
		KT_CHECK(lo->vma_vnode == NULL && hi->vma_vnode == NULL);
	}
	vmmap_destroy(map);
}
