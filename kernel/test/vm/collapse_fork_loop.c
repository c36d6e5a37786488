/*
 * The chain of a process that forks and reaps its child again and again
 * stays short.  Each round does to one private area what do_fork() and
 * the child's exit do: collapse the parent's object, put a new shadow
 * over it for each side, and later drop the child's.  After 3000 rounds
 * the depth is at most 3, the parent's writes of every round are still
 * there, and the shadow count is back where it started.
 */
#include "vmtest.h"

#define ROUNDS 3000

KTEST_SLOW(vm_shadow_collapse_fork_loop, "vm.shadow.collapse_fork_loop", 60000)
{
	size_t before = shadow_count();
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	vmarea_t *vma = vmt_area(map, 100, 4);
	if (vma == NULL) {
		vmmap_destroy(map);
		return;
	}
	size_t deepest = 0;
	for (int i = 0; i < ROUNDS; i++) {
		/* The parent writes a page (round i's mark) before it forks. */
		int mark = i;
		if (!KT_CHECK_EQ(
			vmmap_write(map, (void *)(100 * PAGE_SIZE + (size_t)(i % 4) * PAGE_SIZE),
				    &mark, sizeof(mark)),
			0)) {
			break;
		}
		/* fork */
		mobj_t *old = vma->vma_obj;
		shadow_collapse(old);
		mobj_t *ps = shadow_create(old);
		mobj_t *cs = shadow_create(old);
		if (!KT_CHECK(ps != NULL && cs != NULL)) {
			break;
		}
		vma->vma_obj = ps;
		mobj_put(old);
		size_t d = shadow_depth(ps);
		deepest = d > deepest ? d : deepest;
		/* the child exits */
		mobj_put(cs);
	}
	KT_CHECK(deepest <= 3);
	ktest_note("deepest chain: %zu objects", deepest);
	for (int p = 0; p < 4; p++) {
		int got = -1;
		KT_CHECK_EQ(vmmap_read(map, (void *)(100 * PAGE_SIZE + (size_t)p * PAGE_SIZE), &got,
				       sizeof(got)),
			    0);
		KT_CHECK_EQ(got, ROUNDS - 4 + p);
	}
	vmmap_destroy(map);
	KT_CHECK_EQ(shadow_count(), before);
}
