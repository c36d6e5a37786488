/*
 * Address spaces (vm/vmmap.h has every contract).
 *
 * A vmmap is a sorted list of non-overlapping areas.  Everything here is
 * list surgery plus reference counting:
 *
 *   - an area holds one reference to its object and, for a file, one to
 *     the vnode; an area made by splitting another takes its own;
 *   - pages leave the process's page table (vmm_proc's directory) before
 *     the references that keep their frames alive are given back, so the
 *     processor never reaches a frame that was freed;
 *   - searches (lookup, find_range, is_range_empty) walk the list once,
 *     relying on its order.
 *
 * vmmap_read() and vmmap_write() reach user memory through the objects,
 * not through a page table, so the kernel can fill a process's memory
 * before the process ever runs (the ELF loader's stack) or inspect it
 * without faulting (tests).
 */
#include "vm/vmmap.h"
#include "errno.h"
#include "mm/mm.h"
#include "mm/pagetable.h"
#include "mm/pframe.h"
#include "mm/slab.h"
#include "proc/proc.h"
#include "util/debug.h"
#include "util/string.h"
#include "vfs/vnode.h"
#include "vm/anon.h"
#include "vm/shadow.h"
#include "vm/vm.h"

/* vm_proc.c makes them (vm_init()). */
extern slab_allocator_t *vmmap_allocator;
extern slab_allocator_t *vmarea_allocator;

vmarea_t *vmarea_alloc(void)
{
	vm_init();
	vmarea_t *vma = slab_obj_alloc(vmarea_allocator);
	if (vma == NULL) {
		return NULL;
	}
	memset(vma, 0, sizeof(*vma));
	list_link_init(&vma->vma_plink);
	return vma;
}

void vmarea_free(vmarea_t *vma)
{
	KASSERT(!list_link_is_linked(&vma->vma_plink));
	if (vma->vma_obj != NULL) {
		mobj_put(vma->vma_obj);
	}
	if (vma->vma_vnode != NULL) {
		vput(vma->vma_vnode);
	}
	slab_obj_free(vmarea_allocator, vma);
}

size_t vmmap_count(vmmap_t *map)
{
	size_t n = 0;
	for (list_link_t *l = map->vmm_list.l_next; l != &map->vmm_list; l = l->l_next) {
		n++;
	}
	return n;
}

static vmarea_t *vma_of(list_link_t *l)
{
	return container_of(l, vmarea_t, vma_plink);
}

/* Support (vm/vmmap.h has the contract). */
void vmmap_unmap_pages(vmmap_t *map, size_t lo, size_t hi)
{
	if (map->vmm_proc == NULL || lo >= hi) {
		return;
	}
	pagedir_t *pd = map->vmm_proc->p_pagedir;
	for (list_link_t *l = map->vmm_list.l_next; l != &map->vmm_list; l = l->l_next) {
		vmarea_t *vma = vma_of(l);
		if (!(vma->vma_flags & MAP_SHARED) || vma->vma_end <= lo || vma->vma_start >= hi) {
			continue;
		}
		size_t from = MAX(lo, vma->vma_start);
		size_t to = MIN(hi, vma->vma_end);
		for (size_t vfn = from; vfn < to; vfn++) {
			paddr_t pa;
			uint32_t flags;
			if (pt_lookup(pd, vfn << PAGE_SHIFT, &pa, &flags) < 0 || !(flags & PTE_D)) {
				continue;
			}
			pframe_t *pf =
			    pframe_find(vma->vma_obj, vma->vma_off + (vfn - vma->vma_start));
			if (pf != NULL) {
				/* Not a page detached by a truncation (mm/pframe.h): its
				 * frame is no longer the file's page. */
				if (virt_to_phys(pf->pf_addr) == pa) {
					pframe_dirty(pf);
				}
				pframe_put(pf);
			}
		}
	}
	pt_unmap_range(pd, lo << PAGE_SHIFT, hi << PAGE_SHIFT);
}

vmmap_t *vmmap_create(void)
{
	/* BEGIN SOLUTION(vm, vmmap_create) -> NULL */
	vm_init();
	vmmap_t *map = slab_obj_alloc(vmmap_allocator);
	if (map == NULL) {
		return NULL;
	}
	list_init(&map->vmm_list);
	map->vmm_proc = NULL;
	return map;
	/* END SOLUTION */
}

void vmmap_destroy(vmmap_t *map)
{
	/* BEGIN SOLUTION(vm, vmmap_destroy) -> nothing */
	KASSERT(map != NULL);
	vmmap_unmap_pages(map, USER_MIN_VFN, USER_MAX_VFN);
	while (!list_empty(&map->vmm_list)) {
		vmarea_t *vma = vma_of(list_head(&map->vmm_list));
		list_remove(&vma->vma_plink);
		vmarea_free(vma);
	}
	slab_obj_free(vmmap_allocator, map);
	/* END SOLUTION */
}

void vmmap_insert(vmmap_t *map, vmarea_t *vma)
{
	/* BEGIN SOLUTION(vm, vmmap_insert) -> nothing */
	KASSERT(vma->vma_start < vma->vma_end);
	KASSERT(vma->vma_start >= USER_MIN_VFN && vma->vma_end <= USER_MAX_VFN);
	KASSERT(!list_link_is_linked(&vma->vma_plink));
	list_link_t *l = map->vmm_list.l_next;
	for (; l != &map->vmm_list; l = l->l_next) {
		vmarea_t *cur = vma_of(l);
		if (cur->vma_start >= vma->vma_end) {
			break;
		}
		KASSERT(cur->vma_end <= vma->vma_start && "vmmap_insert() of an overlapping area");
	}
	list_insert_before(l, &vma->vma_plink);
	vma->vma_vmmap = map;
	/* END SOLUTION */
}

ssize_t vmmap_find_range(vmmap_t *map, size_t npages, int dir)
{
	/* BEGIN SOLUTION(vm, vmmap_find_range) -> -ENOSYS */
	KASSERT(npages > 0);
	KASSERT(dir == VMMAP_DIR_LOHI || dir == VMMAP_DIR_HILO);
	if (npages > USER_MAX_VFN - USER_MIN_VFN) {
		return -1;
	}
	if (dir == VMMAP_DIR_LOHI) {
		size_t free_from = USER_MIN_VFN;
		for (list_link_t *l = map->vmm_list.l_next; l != &map->vmm_list; l = l->l_next) {
			vmarea_t *vma = vma_of(l);
			if (vma->vma_start >= free_from && vma->vma_start - free_from >= npages) {
				return (ssize_t)free_from;
			}
			free_from = MAX(free_from, vma->vma_end);
		}
		return USER_MAX_VFN - free_from >= npages ? (ssize_t)free_from : -1;
	}
	size_t free_to = USER_MAX_VFN;
	for (list_link_t *l = map->vmm_list.l_prev; l != &map->vmm_list; l = l->l_prev) {
		vmarea_t *vma = vma_of(l);
		if (free_to >= vma->vma_end && free_to - vma->vma_end >= npages) {
			return (ssize_t)(free_to - npages);
		}
		free_to = MIN(free_to, vma->vma_start);
	}
	return free_to - USER_MIN_VFN >= npages ? (ssize_t)(free_to - npages) : -1;
	/* END SOLUTION */
}

vmarea_t *vmmap_lookup(vmmap_t *map, size_t vfn)
{
	/* BEGIN SOLUTION(vm, vmmap_lookup) -> NULL */
	for (list_link_t *l = map->vmm_list.l_next; l != &map->vmm_list; l = l->l_next) {
		vmarea_t *vma = vma_of(l);
		if (vfn < vma->vma_start) {
			return NULL; /* sorted: no later area can hold it */
		}
		if (vfn < vma->vma_end) {
			return vma;
		}
	}
	return NULL;
	/* END SOLUTION */
}

vmmap_t *vmmap_clone(vmmap_t *map)
{
	/* BEGIN SOLUTION(vm, vmmap_clone) -> NULL */
	vmmap_t *copy = vmmap_create();
	if (copy == NULL) {
		return NULL;
	}
	for (list_link_t *l = map->vmm_list.l_next; l != &map->vmm_list; l = l->l_next) {
		vmarea_t *vma = vma_of(l);
		vmarea_t *nv = vmarea_alloc();
		if (nv == NULL) {
			vmmap_destroy(copy);
			return NULL;
		}
		nv->vma_start = vma->vma_start;
		nv->vma_end = vma->vma_end;
		nv->vma_off = vma->vma_off;
		nv->vma_prot = vma->vma_prot;
		nv->vma_flags = vma->vma_flags;
		nv->vma_obj = vma->vma_obj;
		mobj_ref(nv->vma_obj);
		nv->vma_vnode = vma->vma_vnode;
		if (nv->vma_vnode != NULL) {
			vref(nv->vma_vnode);
		}
		/* In order already: append. */
		list_insert_tail(&copy->vmm_list, &nv->vma_plink);
		nv->vma_vmmap = copy;
	}
	return copy;
	/* END SOLUTION */
}

int vmmap_map(vmmap_t *map, vnode_t *file, size_t lopage, size_t npages, int prot, int flags,
	      off_t off, int dir, vmarea_t **new_vma)
{
	/* BEGIN SOLUTION(vm, vmmap_map) -> -ENOSYS */
	KASSERT(npages > 0);
	KASSERT(!(flags & MAP_SHARED) != !(flags & MAP_PRIVATE));
	KASSERT(off >= 0 && IS_ALIGNED((uintptr_t)off, PAGE_SIZE));
	KASSERT(lopage == 0 || (lopage >= USER_MIN_VFN && lopage <= USER_MAX_VFN - npages &&
				npages <= USER_MAX_VFN));
	size_t start = lopage;
	if (start == 0) {
		ssize_t found = vmmap_find_range(map, npages, dir);
		if (found < 0) {
			return -ENOMEM;
		}
		start = (size_t)found;
	}
	/* The object first, so that a failure leaves the map as it was. */
	mobj_t *obj;
	if (file == NULL) {
		obj = anon_create();
		if (obj == NULL) {
			return -ENOMEM;
		}
	} else {
		int err = vop_mmap(file, &obj);
		if (err < 0) {
			return err;
		}
	}
	if (flags & MAP_PRIVATE) {
		mobj_t *top = shadow_create(obj);
		mobj_put(obj);
		if (top == NULL) {
			return -ENOMEM;
		}
		obj = top;
	}
	vmarea_t *vma = vmarea_alloc();
	if (vma == NULL) {
		mobj_put(obj);
		return -ENOMEM;
	}
	vma->vma_start = start;
	vma->vma_end = start + npages;
	vma->vma_off = (size_t)off / PAGE_SIZE;
	vma->vma_prot = prot;
	vma->vma_flags = flags & (MAP_SHARED | MAP_PRIVATE);
	vma->vma_obj = obj;
	if (file != NULL) {
		vref(file);
		vma->vma_vnode = file;
	}
	if (lopage != 0) {
		int err = vmmap_remove(map, start, npages);
		if (err < 0) {
			vmarea_free(vma);
			return err;
		}
	}
	vmmap_insert(map, vma);
	if (new_vma != NULL) {
		*new_vma = vma;
	}
	return 0;
	/* END SOLUTION */
}

int vmmap_remove(vmmap_t *map, size_t lopage, size_t npages)
{
	/* BEGIN SOLUTION(vm, vmmap_remove) -> -ENOSYS */
	size_t lo = lopage;
	size_t hi = lopage + npages;
	if (npages == 0) {
		return 0;
	}
	/* A hole in the middle of one area needs a new area: get it before changing anything. */
	vmarea_t *split = NULL;
	for (list_link_t *l = map->vmm_list.l_next; l != &map->vmm_list; l = l->l_next) {
		vmarea_t *vma = vma_of(l);
		if (vma->vma_start < lo && vma->vma_end > hi) {
			split = vmarea_alloc();
			if (split == NULL) {
				return -ENOMEM;
			}
			break;
		}
	}
	/* The pages leave the page table while the objects still hold their frames. */
	vmmap_unmap_pages(map, lo, hi);
	list_link_t *l = map->vmm_list.l_next;
	while (l != &map->vmm_list) {
		vmarea_t *vma = vma_of(l);
		l = l->l_next;
		if (vma->vma_end <= lo || vma->vma_start >= hi) {
			continue;
		}
		if (vma->vma_start < lo && vma->vma_end > hi) {
			/* A hole: [start, lo) stays, [hi, end) is the new area. */
			split->vma_start = hi;
			split->vma_end = vma->vma_end;
			split->vma_off = vma->vma_off + (hi - vma->vma_start);
			split->vma_prot = vma->vma_prot;
			split->vma_flags = vma->vma_flags;
			split->vma_obj = vma->vma_obj;
			mobj_ref(split->vma_obj);
			split->vma_vnode = vma->vma_vnode;
			if (split->vma_vnode != NULL) {
				vref(split->vma_vnode);
			}
			vma->vma_end = lo;
			list_insert_before(l, &split->vma_plink);
			split->vma_vmmap = map;
			split = NULL;
		} else if (vma->vma_start < lo) {
			vma->vma_end = lo; /* its end is cut */
		} else if (vma->vma_end > hi) {
			vma->vma_off += hi - vma->vma_start; /* its start is cut */
			vma->vma_start = hi;
		} else {
			list_remove(&vma->vma_plink);
			vmarea_free(vma);
		}
	}
	KASSERT(split == NULL);
	return 0;
	/* END SOLUTION */
}

bool vmmap_is_range_empty(vmmap_t *map, size_t startvfn, size_t npages)
{
	/* BEGIN SOLUTION(vm, vmmap_is_range_empty) -> false */
	size_t end = startvfn + npages;
	for (list_link_t *l = map->vmm_list.l_next; l != &map->vmm_list; l = l->l_next) {
		vmarea_t *vma = vma_of(l);
		if (vma->vma_start >= end) {
			break;
		}
		if (npages > 0 && vma->vma_end > startvfn) {
			return false;
		}
	}
	return true;
	/* END SOLUTION */
}

int vmmap_read(vmmap_t *map, const void *vaddr, void *buf, size_t count)
{
	/* BEGIN SOLUTION(vm, vmmap_read) -> -ENOSYS */
	uintptr_t addr = (uintptr_t)vaddr;
	char *out = buf;
	while (count > 0) {
		size_t vfn = addr >> PAGE_SHIFT;
		size_t in_page = addr & PAGE_MASK;
		size_t n = MIN(count, PAGE_SIZE - in_page);
		vmarea_t *vma = vmmap_lookup(map, vfn);
		if (vma == NULL) {
			return -EFAULT;
		}
		pframe_t *pf;
		int err = shadow_lookup(vma->vma_obj, vma->vma_off + (vfn - vma->vma_start), &pf);
		if (err < 0) {
			return err;
		}
		memcpy(out, (char *)pf->pf_addr + in_page, n);
		pframe_put(pf);
		out += n;
		addr += n;
		count -= n;
	}
	return 0;
	/* END SOLUTION */
}

int vmmap_write(vmmap_t *map, void *vaddr, const void *buf, size_t count)
{
	/* BEGIN SOLUTION(vm, vmmap_write) -> -ENOSYS */
	uintptr_t addr = (uintptr_t)vaddr;
	const char *in = buf;
	while (count > 0) {
		size_t vfn = addr >> PAGE_SHIFT;
		size_t in_page = addr & PAGE_MASK;
		size_t n = MIN(count, PAGE_SIZE - in_page);
		vmarea_t *vma = vmmap_lookup(map, vfn);
		if (vma == NULL) {
			return -EFAULT;
		}
		pframe_t *pf;
		int err = pframe_get(vma->vma_obj, vma->vma_off + (vfn - vma->vma_start), &pf);
		if (err < 0) {
			return err;
		}
		memcpy((char *)pf->pf_addr + in_page, in, n);
		pframe_dirty(pf);
		pframe_put(pf);
		if ((vma->vma_flags & MAP_PRIVATE) && map->vmm_proc != NULL) {
			/* It may map the page below read-only: the next access must find this copy.
			 */
			pt_unmap(map->vmm_proc->p_pagedir, vfn << PAGE_SHIFT);
		}
		in += n;
		addr += n;
		count -= n;
	}
	return 0;
	/* END SOLUTION */
}
