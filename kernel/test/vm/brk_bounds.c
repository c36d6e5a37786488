/*
 * do_brk(): NULL asks for the break; an address below the heap's start,
 * in the kernel half, or one whose pages would run into another mapping
 * leaves the break unchanged (and is not an error); growing maps
 * anonymous read-write pages, shrinking unmaps the pages past the new
 * break's page.
 */
#include "vm/brk.h"
#include "vmtest.h"

static void body(void)
{
	vm_proc_t *vp = vm_proc_get(curproc);
	vmmap_t *map = vp->vmp_map;
	uintptr_t start = 0x08100000;
	vp->vmp_start_brk = start;
	vp->vmp_brk = start;
	vmt_area(map, 0x08110, 1); /* another mapping 16 pages above */
	void *r = NULL;
	KT_CHECK_EQ(do_brk(NULL, &r), 0);
	KT_CHECK(r == (void *)start);
	KT_CHECK_EQ(do_brk((void *)(start - 1), &r), 0);
	KT_CHECK(r == (void *)start);
	KT_CHECK_EQ(do_brk((void *)0xC0001000u, &r), 0);
	KT_CHECK(r == (void *)start);
	KT_CHECK_EQ(do_brk((void *)(start + 3 * PAGE_SIZE + 5), &r), 0);
	KT_CHECK(r == (void *)(start + 3 * PAGE_SIZE + 5));
	KT_CHECK(vmmap_lookup(map, 0x08103) != NULL);
	KT_CHECK(vmmap_lookup(map, 0x08104) == NULL);
	vmarea_t *heap = vmmap_lookup(map, 0x08100);
	if (KT_CHECK(heap != NULL)) {
		KT_CHECK_EQ(heap->vma_prot, PROT_READ | PROT_WRITE);
		KT_CHECK_EQ(heap->vma_flags, MAP_PRIVATE);
	}
	/* Into the other mapping: refused, break unchanged. */
	KT_CHECK_EQ(do_brk((void *)(start + 17 * PAGE_SIZE), &r), 0);
	KT_CHECK(r == (void *)(start + 3 * PAGE_SIZE + 5));
	KT_CHECK(vmmap_lookup(map, 0x08104) == NULL);
	/* Up to the other mapping exactly: fine. */
	KT_CHECK_EQ(do_brk((void *)(start + 16 * PAGE_SIZE), &r), 0);
	KT_CHECK(r == (void *)(start + 16 * PAGE_SIZE));
	KT_CHECK(vmmap_lookup(map, 0x0810F) != NULL);
	/* Shrink. */
	KT_CHECK_EQ(do_brk((void *)(start + PAGE_SIZE), &r), 0);
	KT_CHECK(r == (void *)(start + PAGE_SIZE));
	KT_CHECK(vmmap_lookup(map, 0x08100) != NULL);
	KT_CHECK(vmmap_lookup(map, 0x08101) == NULL);
	KT_CHECK_EQ(vp->vmp_brk, start + PAGE_SIZE);
}

KTEST(vm_brk_bounds, "vm.brk.bounds")
{
	vmt_in_proc(body);
}
