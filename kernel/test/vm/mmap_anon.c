/*
 * do_mmap() of anonymous memory: without MAP_FIXED the address is a hint,
 * used when the range there is free and otherwise replaced by the highest
 * free range; the length is rounded up to whole pages; MAP_FIXED replaces
 * what was mapped.
 */
#include "vm/mmap.h"
#include "vmtest.h"

static void body(void)
{
	vmmap_t *map = vmt_map();
	int anon = MAP_ANONYMOUS | MAP_PRIVATE;
	int rw = PROT_READ | PROT_WRITE;
	void *a = NULL, *b = NULL, *c = NULL, *d = NULL;
	KT_CHECK_EQ(do_mmap((void *)0x10000000, 100, rw, anon, -1, 0, &a), 0);
	KT_CHECK(a == (void *)0x10000000);
	vmarea_t *vma = vmmap_lookup(map, 0x10000);
	if (KT_CHECK(vma != NULL)) {
		KT_CHECK_EQ(vma->vma_end - vma->vma_start, 1);
		KT_CHECK_EQ(vma->vma_prot, rw);
	}
	/* The hint is taken: the new range goes as high as it can. */
	KT_CHECK_EQ(do_mmap((void *)0x10000000, 2 * PAGE_SIZE, rw, anon, -1, 0, &b), 0);
	KT_CHECK(b == (void *)(USER_TOP - 2 * PAGE_SIZE));
	/* No hint. */
	KT_CHECK_EQ(do_mmap(NULL, PAGE_SIZE, PROT_READ, anon, -1, 0, &c), 0);
	KT_CHECK(c == (void *)(USER_TOP - 3 * PAGE_SIZE));
	/* MAP_FIXED over the middle of b..c. */
	KT_CHECK_EQ(do_mmap((void *)(USER_TOP - 2 * PAGE_SIZE), PAGE_SIZE, PROT_READ,
			    anon | MAP_FIXED, -1, 0, &d),
		    0);
	KT_CHECK(d == (void *)(USER_TOP - 2 * PAGE_SIZE));
	KT_CHECK_EQ(vmmap_count(map), 4);
	vmarea_t *top = vmmap_lookup(map, USER_MAX_VFN - 1);
	if (KT_CHECK(top != NULL)) {
		KT_CHECK_EQ(top->vma_start, USER_MAX_VFN - 1);
		KT_CHECK_EQ(top->vma_off, 1);
	}
}

KTEST(vm_mmap_anon, "vm.mmap.anon")
{
	vmt_in_proc(body);
}
