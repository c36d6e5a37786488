/*
 * Checking user ranges (vm/uaccess.h has the contract).
 *
 * The system calls' copies to and from user memory (api/uaccess.h) ask
 * here first, so that a bad pointer is an -EFAULT and never a fault the
 * kernel cannot explain.  The check is by area, not by page table: a page
 * that is not mapped yet is fine as long as an area allows the access (the
 * copy's fault maps it).
 */
#include "vm/uaccess.h"
#include "errno.h"
#include "mm/mm.h"
#include "proc/proc.h"
#include "vm/vm_proc.h"
#include "vm/vmmap.h"

int vm_user_range_ok(const void *addr, size_t len, int access)
{
	/* BEGIN SOLUTION(vm, vm_user_range_ok) -> -ENOSYS */
	if (len == 0) {
		return 0;
	}
	uintptr_t start = (uintptr_t)addr;
	uintptr_t last = start + (len - 1);
	if (last < start || last >= USER_TOP) {
		return -EFAULT;
	}
	vm_proc_t *vp = vm_proc_get(curproc);
	if (vp == NULL) {
		return -EFAULT;
	}
	size_t vfn = start >> PAGE_SHIFT;
	size_t last_vfn = last >> PAGE_SHIFT;
	while (vfn <= last_vfn) {
		vmarea_t *vma = vmmap_lookup(vp->vmp_map, vfn);
		if (vma == NULL) {
			return -EFAULT;
		}
		bool ok = access == PROT_WRITE
			      ? (vma->vma_prot & PROT_WRITE) != 0
			      : (vma->vma_prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) != 0;
		if (!ok) {
			return -EFAULT;
		}
		vfn = vma->vma_end;
	}
	return 0;
	/* END SOLUTION */
}
