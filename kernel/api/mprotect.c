/*
 * mprotect (api/linux2.h), on the vmmap interface (vm/vmmap.h): an area
 * partly inside the range is split in two at the range's end (a new area
 * with fresh references to the same object and vnode, as vmmap_remove()
 * does for a hole), the areas inside get the new protection, and the
 * range's pages leave the page directory so the fault handler maps them
 * again with it.
 */
#include "api/linux2.h"
#include "api/vmglue.h"
#include "errno.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/pagetable.h"
#include "mm/pframe.h"
#include "proc/proc.h"
#include "vfs/vnode.h"

#define vma_of(l) container_of((l), vmarea_t, vma_plink)

/* The area of 'map' that contains page vfn, or NULL. */
static vmarea_t *area_at(vmmap_t *map, size_t vfn)
{
	return vmmap_lookup(map, vfn);
}

/*
 * Splits the area containing page 'at' (if one does, and 'at' is not its
 * first page) into [start, at) and [at, end).  0 or -ENOMEM.
 */
static int split_at(vmmap_t *map, size_t at)
{
	vmarea_t *a = area_at(map, at);
	if (a == NULL || a->vma_start == at) {
		return 0;
	}
	vmarea_t *b = vmarea_alloc();
	if (b == NULL) {
		return -ENOMEM;
	}
	b->vma_start = at;
	b->vma_end = a->vma_end;
	b->vma_off = a->vma_off + (at - a->vma_start);
	b->vma_prot = a->vma_prot;
	b->vma_flags = a->vma_flags;
	b->vma_obj = a->vma_obj;
	mobj_ref(b->vma_obj);
	b->vma_vnode = a->vma_vnode;
	if (b->vma_vnode != NULL) {
		vref(b->vma_vnode);
	}
	a->vma_end = at;
	vmmap_insert(map, b);
	return 0;
}

/*
 * Unmaps [lo, hi) (page numbers) from the owner's page directory; a page
 * a shared area's process wrote (PTE dirty) is marked dirty in its object
 * first, so the write reaches the file.
 */
static void unmap_range(vmmap_t *map, size_t lo, size_t hi)
{
	if (map->vmm_proc == NULL) {
		return;
	}
	pagedir_t *pd = map->vmm_proc->p_pagedir;
	for (list_link_t *l = map->vmm_list.l_next; l != &map->vmm_list; l = l->l_next) {
		vmarea_t *vma = vma_of(l);
		if (!(vma->vma_flags & MAP_SHARED) || vma->vma_end <= lo || vma->vma_start >= hi) {
			continue;
		}
		for (size_t vfn = MAX(lo, vma->vma_start); vfn < MIN(hi, vma->vma_end); vfn++) {
			paddr_t pa;
			uint32_t flags;
			if (pt_lookup(pd, vfn << PAGE_SHIFT, &pa, &flags) < 0 || !(flags & PTE_D)) {
				continue;
			}
			pframe_t *pf =
			    pframe_find(vma->vma_obj, vma->vma_off + (vfn - vma->vma_start));
			if (pf != NULL) {
				pframe_dirty(pf);
				pframe_put(pf);
			}
		}
	}
	pt_unmap_range(pd, lo << PAGE_SHIFT, hi << PAGE_SHIFT);
}

long sys_mprotect(SYSCALL_ARGS)
{
	uintptr_t addr = a1;
	size_t len = a2;
	int prot = (int)a3;
	if ((addr & (PAGE_SIZE - 1)) != 0 || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) != 0) {
		return -EINVAL;
	}
	if (len == 0) {
		return 0;
	}
	size_t lo = addr >> PAGE_SHIFT;
	size_t npages = (len + PAGE_SIZE - 1) >> PAGE_SHIFT;
	if (len > 0xffffffffu - (PAGE_SIZE - 1) || lo < USER_MIN_VFN ||
	    npages > USER_MAX_VFN - lo) {
		return -EINVAL;
	}
	size_t hi = lo + npages;
	vm_proc_t *vp = vm_proc_get(curproc);
	if (vp == NULL) {
		return -ENOMEM;
	}
	vmmap_t *map = vp->vmp_map;
	/* As Linux: the pages up to the first unmapped one change, then -ENOMEM. */
	int err = split_at(map, lo);
	size_t vfn = lo;
	while (err == 0 && vfn < hi) {
		vmarea_t *a = area_at(map, vfn);
		if (a == NULL) {
			err = -ENOMEM;
			break;
		}
		if (a->vma_end > hi) {
			err = split_at(map, hi);
			if (err < 0) {
				break;
			}
		}
		a->vma_prot = prot;
		vfn = a->vma_end;
	}
	unmap_range(map, lo, vfn);
	return err;
}
