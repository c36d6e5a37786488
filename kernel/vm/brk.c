/*
 * The heap's end (vm/brk.h has the contract).
 *
 * The heap is anonymous private memory from vmp_start_brk (the page after
 * the program's .bss, set by the ELF loader) up to the page holding the
 * break.  The break itself may be any byte address; only the pages it
 * covers are mapped.  Like Linux, brk never fails outright: asking for a
 * break it cannot set returns the old one, and a C library compares.
 */
#include "vm/brk.h"
#include "errno.h"
#include "mm/mm.h"
#include "proc/proc.h"
#include "util/debug.h"
#include "vm/vm_proc.h"
#include "vm/vmmap.h"

int do_brk(void *addr, void **ret)
{
	/* BEGIN SOLUTION(vm, do_brk) -> -ENOSYS */
	vm_proc_t *vp = vm_proc_get(curproc);
	if (vp == NULL) {
		return -ENOMEM;
	}
	uintptr_t want = (uintptr_t)addr;
	*ret = (void *)vp->vmp_brk;
	if (want == 0 || vp->vmp_start_brk == 0 || want < vp->vmp_start_brk || want > USER_TOP) {
		return 0;
	}
	size_t old_end = PAGE_ALIGN_UP(vp->vmp_brk) >> PAGE_SHIFT;
	size_t new_end = PAGE_ALIGN_UP(want) >> PAGE_SHIFT;
	if (new_end > old_end) {
		size_t n = new_end - old_end;
		if (!vmmap_is_range_empty(vp->vmp_map, old_end, n)) {
			return 0;
		}
		if (vmmap_map(vp->vmp_map, NULL, old_end, n, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0,
			      VMMAP_DIR_LOHI, NULL) < 0) {
			return 0;
		}
	} else if (new_end < old_end) {
		if (vmmap_remove(vp->vmp_map, new_end, old_end - new_end) < 0) {
			return 0;
		}
	}
	vp->vmp_brk = want;
	*ret = addr;
	return 0;
	/* END SOLUTION */
}
