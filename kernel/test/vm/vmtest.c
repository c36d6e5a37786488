/* Helpers shared by the vm.* tests (vmtest.h). */
#include "vmtest.h"

vmarea_t *vmt_area(vmmap_t *map, size_t lopage, size_t npages)
{
	vmarea_t *vma = NULL;
	int err = vmmap_map(map, NULL, lopage, npages, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0,
			    VMMAP_DIR_LOHI, &vma);
	if (!KT_CHECK_EQ(err, 0)) {
		return NULL;
	}
	return vma;
}

vmarea_t *vmt_nth(vmmap_t *map, size_t n)
{
	for (list_link_t *l = map->vmm_list.l_next; l != &map->vmm_list; l = l->l_next) {
		if (n-- == 0) {
			return container_of(l, vmarea_t, vma_plink);
		}
	}
	return NULL;
}

bool vmt_check_area(vmmap_t *map, size_t n, size_t start, size_t end, size_t off)
{
	vmarea_t *vma = vmt_nth(map, n);
	if (!KT_CHECK(vma != NULL)) {
		return false;
	}
	bool ok = KT_CHECK_EQ(vma->vma_start, start);
	ok = KT_CHECK_EQ(vma->vma_end, end) && ok;
	ok = KT_CHECK_EQ(vma->vma_off, off) && ok;
	return ok;
}

static void *vmt_proc_main(long arg1, void *arg2)
{
	void (*fn)(void) = (void (*)(void))arg2;
	if (KT_CHECK(vm_proc_create(curproc) != NULL)) {
		fn();
		vm_proc_release(curproc);
	}
	return NULL;
}

void vmt_in_proc(void (*fn)(void))
{
	proc_t *p = spawn("vmtest", vmt_proc_main, 0, (void *)fn);
	if (p != NULL) {
		KT_CHECK_EQ(reap(p->p_pid), 0);
	}
}

vmmap_t *vmt_map(void)
{
	vm_proc_t *vp = vm_proc_get(curproc);
	KASSERT(vp != NULL);
	return vp->vmp_map;
}

void vmt_put_text(mobj_t *o, uint32_t n, const char *s)
{
	pframe_t *pf;
	if (KT_CHECK_EQ(pframe_get(o, n, &pf), 0)) {
		strlcpy(pf->pf_addr, s, PAGE_SIZE);
		pframe_dirty(pf);
		pframe_put(pf);
	}
}

void vmt_check_lookup(mobj_t *o, uint32_t n, const char *s)
{
	pframe_t *pf;
	if (KT_CHECK_EQ(shadow_lookup(o, n, &pf), 0)) {
		KT_CHECK_STR((char *)pf->pf_addr, s);
		pframe_put(pf);
	}
}
