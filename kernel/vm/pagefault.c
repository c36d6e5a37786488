/*
 * The page fault handler of user memory (vm/pagefault.h has the contract).
 *
 * Nothing is mapped in a user process until it touches it: the ELF loader,
 * mmap and brk only make areas.  The first access to a page faults, and
 * vm_pagefault() finds which object's page the address shows and maps it.
 * Copy-on-write works the same way: a private page is first mapped
 * read-only (shared with whoever else sees it), and a write to it faults
 * again (FAULT_PRESENT | FAULT_WRITE) and maps the area's own copy.
 */
#include "vm/pagefault.h"
#include "errno.h"
#include "mm/mm.h"
#include "mm/pagetable.h"
#include "mm/pframe.h"
#include "proc/proc.h"
#include "util/debug.h"
#include "vm/shadow.h"
#include "vm/vm_proc.h"
#include "vm/vmmap.h"

int vm_pagefault(uintptr_t vaddr, uint32_t cause)
{
	/* BEGIN SOLUTION(vm, vm_pagefault) -> -ENOSYS */
	vm_proc_t *vp = vm_proc_get(curproc);
	if (vp == NULL || vaddr >= USER_TOP) {
		return -EFAULT;
	}
	size_t vfn = vaddr >> PAGE_SHIFT;
	vmarea_t *vma = vmmap_lookup(vp->vmp_map, vfn);
	if (vma == NULL) {
		dbg(DBG_VM, "fault at %#lx: no area\n", (unsigned long)vaddr);
		return -EFAULT;
	}
	bool write = (cause & FAULT_WRITE) != 0;
	if (write ? !(vma->vma_prot & PROT_WRITE)
		  : !(vma->vma_prot & (PROT_READ | PROT_WRITE | PROT_EXEC))) {
		dbg(DBG_VM, "fault at %#lx: %s not allowed\n", (unsigned long)vaddr,
		    write ? "write" : "read");
		return -EFAULT;
	}
	uint32_t pagenum = vma->vma_off + (vfn - vma->vma_start);
	pframe_t *pf;
	int err;
	bool writable;
	if (vma->vma_flags & MAP_PRIVATE) {
		if (write) {
			err = pframe_get(vma->vma_obj, pagenum, &pf); /* the area's own copy */
		} else {
			err = shadow_lookup(vma->vma_obj, pagenum, &pf);
		}
		writable = write;
	} else {
		err = pframe_get(vma->vma_obj, pagenum, &pf);
		writable = (vma->vma_prot & PROT_WRITE) != 0;
	}
	if (err < 0) {
		dbg(DBG_VM, "fault at %#lx: no page (%d)\n", (unsigned long)vaddr, err);
		return err == -ENOMEM ? -ENOMEM : -EFAULT;
	}
	uintptr_t va = vfn << PAGE_SHIFT;
	uint32_t flags = PTE_U | (writable ? PTE_W : 0);
	err = pt_map(curproc->p_pagedir, va, virt_to_phys(pf->pf_addr), flags);
	if (err < 0) {
		pframe_put(pf);
		return -ENOMEM; /* no frame for a page table */
	}
	if (write) {
		pframe_dirty(pf);
	}
	pframe_set_mapped(pf);
	pframe_put(pf);
	tlb_flush(va);
	return 0;
	/* END SOLUTION */
}
