/*
 * vmmap_clone() copies every area (range, offset, protection, flags) and
 * shares each object with a new reference; destroying the clone gives the
 * references back.
 */
#include "vmtest.h"

KTEST(vm_vmmap_clone, "vm.vmmap.clone")
{
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	vmarea_t *a = vmt_area(map, 10, 4);
	vmarea_t *b = NULL;
	KT_CHECK_EQ(vmmap_map(map, NULL, 20, 2, PROT_READ, MAP_SHARED, 0, VMMAP_DIR_LOHI, &b), 0);
	if (a == NULL || b == NULL) {
		vmmap_destroy(map);
		return;
	}
	a->vma_off = 9;
	vmmap_t *copy = vmmap_clone(map);
	if (KT_CHECK(copy != NULL)) {
		KT_CHECK(copy->vmm_proc == NULL);
		KT_CHECK_EQ(vmmap_count(copy), 2);
		vmt_check_area(copy, 0, 10, 14, 9);
		vmt_check_area(copy, 1, 20, 22, 0);
		vmarea_t *ca = vmt_nth(copy, 0), *cb = vmt_nth(copy, 1);
		if (KT_CHECK(ca != NULL && cb != NULL)) {
			KT_CHECK(ca != a && ca->vma_vmmap == copy);
			KT_CHECK(ca->vma_obj == a->vma_obj && cb->vma_obj == b->vma_obj);
			KT_CHECK_EQ(ca->vma_prot, PROT_READ | PROT_WRITE);
			KT_CHECK_EQ(ca->vma_flags, MAP_PRIVATE);
			KT_CHECK_EQ(cb->vma_prot, PROT_READ);
			KT_CHECK_EQ(cb->vma_flags, MAP_SHARED);
		}
		KT_CHECK_EQ(a->vma_obj->mo_refcount, 2);
		KT_CHECK_EQ(b->vma_obj->mo_refcount, 2);
		vmmap_destroy(copy);
	}
	KT_CHECK_EQ(a->vma_obj->mo_refcount, 1);
	KT_CHECK_EQ(b->vma_obj->mo_refcount, 1);
	vmmap_destroy(map);
}
