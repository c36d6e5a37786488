/*
 * mmap and munmap (vm/mmap.h has the contract).
 *
 * These check the arguments the way Linux does, turn bytes into pages and
 * descriptors into vnodes, and leave the work to vmmap_map() and
 * vmmap_remove().
 */
#include "vm/mmap.h"
#include "errno.h"
#include "mm/mm.h"
#include "proc/proc.h"
#include "util/debug.h"
#include "vfs/file.h"
#include "vm/vm_proc.h"
#include "vm/vmmap.h"

int do_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off, void **ret)
{
	/* BEGIN SOLUTION(vm, do_mmap) -> -ENOSYS */
	uintptr_t a = (uintptr_t)addr;
	int type = flags & (MAP_SHARED | MAP_PRIVATE);
	if (len == 0 || off < 0 || !IS_ALIGNED((uintptr_t)off, PAGE_SIZE) ||
	    (type != MAP_SHARED && type != MAP_PRIVATE)) {
		return -EINVAL;
	}
	if (len > (USER_MAX_VFN - USER_MIN_VFN) * PAGE_SIZE) {
		return (flags & MAP_FIXED) ? -EINVAL : -ENOMEM;
	}
	size_t npages = PAGE_ALIGN_UP(len) >> PAGE_SHIFT;
	size_t lopage = 0;
	vm_proc_t *vp = vm_proc_get(curproc);
	if (flags & MAP_FIXED) {
		if (!IS_ALIGNED(a, PAGE_SIZE) || a < USER_MIN_VFN * PAGE_SIZE ||
		    (a >> PAGE_SHIFT) > USER_MAX_VFN - npages) {
			return -EINVAL;
		}
		lopage = a >> PAGE_SHIFT;
	}
	if (vp == NULL) {
		return -ENOMEM;
	}
	if (!(flags & MAP_FIXED) && a != 0) {
		size_t hint = a >> PAGE_SHIFT;
		if (hint >= USER_MIN_VFN && hint <= USER_MAX_VFN - npages &&
		    vmmap_is_range_empty(vp->vmp_map, hint, npages)) {
			lopage = hint;
		}
	}
	vnode_t *vn = NULL;
	file_t *f = NULL;
	if (!(flags & MAP_ANONYMOUS)) {
		f = fget(fd);
		if (f == NULL) {
			return -EBADF;
		}
		if (!(f->f_mode & FMODE_READ) ||
		    (type == MAP_SHARED && (prot & PROT_WRITE) && !(f->f_mode & FMODE_WRITE))) {
			fput(f);
			return -EACCES;
		}
		vn = f->f_vnode;
	} else {
		off = 0;
	}
	vmarea_t *vma;
	int err = vmmap_map(vp->vmp_map, vn, lopage, npages, prot, type, off, VMMAP_DIR_HILO, &vma);
	if (f != NULL) {
		fput(f);
	}
	if (err < 0) {
		return err;
	}
	*ret = (void *)(vma->vma_start << PAGE_SHIFT);
	return 0;
	/* END SOLUTION */
}

int do_munmap(void *addr, size_t len)
{
	/* BEGIN SOLUTION(vm, do_munmap) -> -ENOSYS */
	uintptr_t a = (uintptr_t)addr;
	if (len == 0 || !IS_ALIGNED(a, PAGE_SIZE) || len > USER_TOP || a > USER_TOP - len) {
		return -EINVAL;
	}
	vm_proc_t *vp = vm_proc_get(curproc);
	if (vp == NULL) {
		return -ENOMEM;
	}
	size_t lo = a >> PAGE_SHIFT;
	size_t hi = PAGE_ALIGN_UP(a + len) >> PAGE_SHIFT;
	return vmmap_remove(vp->vmp_map, lo, hi - lo);
	/* END SOLUTION */
}
