/*
 * The VM's process table: a process has no VM state until
 * vm_proc_create(), which gives it an empty map tied to it; a second
 * create replaces the first; vm_proc_release() frees it (and its areas)
 * and a second release is harmless.
 */
#include "vmtest.h"

static void *idle_main(long arg1, void *arg2)
{
	return NULL;
}

KTEST(vm_proc_table, "vm.proc.table")
{
	size_t anon0 = anon_count();
	int used0 = vm_proc_count();
	proc_t *p = spawn("vmproc", idle_main, 0, NULL);
	if (p == NULL) {
		return;
	}
	KT_CHECK(vm_proc_get(p) == NULL);
	KT_CHECK(vm_proc_get(curproc) == NULL);
	vm_proc_t *vp = vm_proc_create(p);
	if (KT_CHECK(vp != NULL)) {
		KT_CHECK(vm_proc_get(p) == vp);
		KT_CHECK(vp->vmp_map != NULL && vp->vmp_map->vmm_proc == p);
		KT_CHECK_EQ(vmmap_count(vp->vmp_map), 0);
		KT_CHECK_EQ(vp->vmp_pid, p->p_pid);
		vmt_area(vp->vmp_map, 10, 1);
		KT_CHECK_EQ(vm_proc_count(), used0 + 1);
		vm_proc_t *again = vm_proc_create(p);
		if (KT_CHECK(again != NULL)) {
			KT_CHECK_EQ(vmmap_count(again->vmp_map), 0);
		}
		KT_CHECK_EQ(anon_count(), anon0);
		vm_proc_release(p);
		vm_proc_release(p);
		KT_CHECK(vm_proc_get(p) == NULL);
	}
	KT_CHECK_EQ(vm_proc_count(), used0);
	reap(p->p_pid);
}
