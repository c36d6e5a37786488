/*
 * fork (vm/fork.h has the contract).
 *
 * The child's address space starts as a copy of the parent's list of
 * areas (vmmap_clone()), sharing every object.  For a shared area that is
 * all there is to it.  A private area must not let either side see the
 * other's later writes, so each side gets a fresh shadow object over the
 * area's object:
 *
 *     before:  parent area -> O            after:  parent area -> P -> O
 *                                                  child area  -> C -> O
 *
 * O is frozen from now on (only P and C are written).  Every page the
 * parent has mapped may belong to O, and the parent may hold it writable,
 * so the parent's user pages are unmapped: its next access faults and maps
 * the page again through P, read-only until it writes.  The child starts
 * with an empty page table and faults everything in.
 *
 * Before the new shadows go on, shadow_collapse(O) merges into O the
 * object below it if no one else uses that any more (a child that has
 * exited), so chains stay short however many times a process forks.
 */
#include "vm/fork.h"
#include "api/uthread.h"
#include "errno.h"
#include "mm/mm.h"
#include "mm/pagetable.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "util/debug.h"
#include "vfs/vfs_proc.h"
#include "vm/shadow.h"
#include "vm/vm_proc.h"
#include "vm/vmmap.h"

/* The system-call layer (kernel/api) provides it; weak, so a kernel without that layer links. */
#pragma weak uthread_clone

static void *fork_discard_main(long arg1, void *arg2)
{
	return NULL;
}

/*
 * Gets rid of a child process that never ran user code (fork failed after
 * proc_create()): it gets a kernel thread that exits at once, and is
 * reaped.  When not even that thread can be made (fork failed for want of
 * memory, and a thread needs some), the child, which has no thread, no
 * children and has run nothing, is made a zombie here and reaped: a
 * process without a thread would never exit, and its parent's wait() for
 * any child would wait for it forever.
 */
static void fork_discard_child(proc_t *child)
{
	kthread_t *thr = kthread_create(child, fork_discard_main, 0, NULL);
	if (thr != NULL) {
		sched_make_runnable(thr);
	} else {
		KASSERT(list_empty(&child->p_threads) && list_empty(&child->p_children));
		child->p_status = 0;
		child->p_state = PROC_DEAD;
	}
	int status;
	do_waitpid(child->p_pid, &status, 0);
}

/* Whether proc_create() failing now means that every pid is taken. */
static bool fork_out_of_pids(void)
{
	return proc_count() >= proc_pid_max;
}

pid_t do_fork(const regs_t *regs)
{
	/* BEGIN SOLUTION(vm, do_fork) -> -ENOSYS */
	vm_proc_t *pvp = vm_proc_get(curproc);
	if (pvp == NULL) {
		return -EINVAL;
	}
	vmmap_t *map = vmmap_clone(pvp->vmp_map);
	if (map == NULL) {
		return -ENOMEM;
	}
	/* Copy-on-write: both sides get their own shadow over each private object. */
	list_link_t *cl = map->vmm_list.l_next;
	for (list_link_t *pl = pvp->vmp_map->vmm_list.l_next; pl != &pvp->vmp_map->vmm_list;
	     pl = pl->l_next, cl = cl->l_next) {
		vmarea_t *pvma = container_of(pl, vmarea_t, vma_plink);
		vmarea_t *cvma = container_of(cl, vmarea_t, vma_plink);
		if (!(pvma->vma_flags & MAP_PRIVATE)) {
			continue;
		}
		mobj_t *old = pvma->vma_obj;
		if (old->mo_type == MOBJ_SHADOW) {
			shadow_collapse(old);
		}
		mobj_t *ps = shadow_create(old);
		mobj_t *cs = shadow_create(old);
		if (ps == NULL || cs == NULL) {
			if (ps != NULL) {
				mobj_put(ps);
			}
			if (cs != NULL) {
				mobj_put(cs);
			}
			vmmap_destroy(map);
			return -ENOMEM;
		}
		pvma->vma_obj = ps;
		cvma->vma_obj = cs;
		mobj_put(old); /* the parent area's reference */
		mobj_put(old); /* the child area's, from vmmap_clone() */
	}
	proc_t *child = proc_create(curproc->p_name);
	if (child == NULL) {
		vmmap_destroy(map);
		return fork_out_of_pids() ? -EAGAIN : -ENOMEM;
	}
	vm_proc_t *cvp = vm_proc_create(child);
	if (cvp == NULL) {
		vmmap_destroy(map);
		fork_discard_child(child);
		return -ENOMEM;
	}
	vmmap_destroy(cvp->vmp_map);
	cvp->vmp_map = map;
	map->vmm_proc = child;
	cvp->vmp_start_brk = pvp->vmp_start_brk;
	cvp->vmp_brk = pvp->vmp_brk;
	kthread_t *thr = uthread_clone(child, regs);
	if (thr == NULL) {
		vm_proc_release(child);
		fork_discard_child(child);
		return -ENOMEM;
	}
	vfs_proc_fork(curproc, child);
	/* The parent's pages may be O's, some writable: its next access goes through P. */
	vmmap_unmap_pages(pvp->vmp_map, USER_MIN_VFN, USER_MAX_VFN);
	tlb_flush_all();
	sched_make_runnable(thr);
	dbg(DBG_VM, "process %d forked %d\n", curproc->p_pid, child->p_pid);
	return child->p_pid;
	/* END SOLUTION */
}
