/*
 * The VM's per-process table and set-up (support code; vm/vm_proc.h and
 * vm/vm.h have the contracts).
 *
 * One entry per pid, like the VFS's vfs_proc table.  An entry is in use
 * while vmp_proc is set, and it belongs to the process with that pid and
 * that proc_t: a lookup with another proc_t (a later process that reused
 * the pid) finds nothing.
 */
#include "vm/vm_proc.h"
#include "mm/slab.h"
#include "util/debug.h"
#include "util/string.h"
#include "vm/anon.h"
#include "vm/shadow.h"
#include "vm/vm.h"
#include "vm/vmmap.h"

static vm_proc_t vm_procs[PROC_MAX_COUNT];

/* The caches of vmmap.c; made here so that no test is the first to make them. */
slab_allocator_t *vmmap_allocator;
slab_allocator_t *vmarea_allocator;

void vm_init(void)
{
	if (vmmap_allocator != NULL) {
		return;
	}
	vmmap_allocator = slab_allocator_create("vmmap", sizeof(vmmap_t));
	vmarea_allocator = slab_allocator_create("vmarea", sizeof(vmarea_t));
	KASSERT(vmmap_allocator != NULL && vmarea_allocator != NULL);
	anon_init();
	shadow_init();
	dbg(DBG_VM, "vm: caches ready\n");
}

vm_proc_t *vm_proc_get(proc_t *p)
{
	if (p == NULL || p->p_pid < 0 || p->p_pid >= PROC_MAX_COUNT) {
		return NULL;
	}
	vm_proc_t *vp = &vm_procs[p->p_pid];
	return vp->vmp_proc == p ? vp : NULL;
}

/* Destroys the map of an entry in use and frees the entry. */
static void vm_proc_entry_release(vm_proc_t *vp)
{
	KASSERT(vp->vmp_proc != NULL);
	vmmap_t *map = vp->vmp_map;
	dbg(DBG_VM, "releasing the address space of process %d\n", vp->vmp_pid);
	memset(vp, 0, sizeof(*vp));
	if (map != NULL) {
		vmmap_destroy(map);
	}
}

vm_proc_t *vm_proc_create(proc_t *p)
{
	KASSERT(p != NULL && p->p_pid >= 0 && p->p_pid < PROC_MAX_COUNT);
	vm_init();
	vm_proc_t *vp = &vm_procs[p->p_pid];
	if (vp->vmp_proc != NULL) {
		vm_proc_entry_release(vp);
	}
	vmmap_t *map = vmmap_create();
	if (map == NULL) {
		return NULL;
	}
	map->vmm_proc = p;
	vp->vmp_proc = p;
	vp->vmp_pid = p->p_pid;
	vp->vmp_map = map;
	vp->vmp_start_brk = 0;
	vp->vmp_brk = 0;
	return vp;
}

void vm_proc_release(proc_t *p)
{
	vm_proc_t *vp = vm_proc_get(p);
	if (vp != NULL) {
		vm_proc_entry_release(vp);
	}
}

int vm_proc_count(void)
{
	int n = 0;
	for (int i = 0; i < PROC_MAX_COUNT; i++) {
		if (vm_procs[i].vmp_proc != NULL) {
			n++;
		}
	}
	return n;
}
