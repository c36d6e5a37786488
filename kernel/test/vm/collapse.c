/*
 * shadow_collapse(top) merges a middle shadow that only top refers to:
 * the middle's pages that top lacks move up (the same frames, not
 * copies), top keeps its own where both have one, top then shadows the
 * bottom directly, and every page reads as before.
 */
#include "vmtest.h"

KTEST(vm_shadow_collapse, "vm.shadow.collapse")
{
	size_t before = shadow_count();
	mobj_t *bottom = anon_create();
	if (!KT_CHECK(bottom != NULL)) {
		return;
	}
	vmt_put_text(bottom, 0, "b0");
	mobj_t *mid = shadow_create(bottom);
	mobj_put(bottom);
	if (!KT_CHECK(mid != NULL)) {
		return;
	}
	vmt_put_text(mid, 1, "m1");
	vmt_put_text(mid, 2, "m2");
	mobj_t *top = shadow_create(mid);
	mobj_put(mid);
	if (!KT_CHECK(top != NULL)) {
		return;
	}
	vmt_put_text(top, 2, "t2");
	pframe_t *pf = pframe_find(mid, 1);
	void *frame = pf != NULL ? pf->pf_addr : NULL;
	if (pf != NULL) {
		pframe_put(pf);
	}
	KT_CHECK_EQ(shadow_count(), before + 2);
	shadow_collapse(top);
	KT_CHECK_EQ(shadow_count(), before + 1);
	KT_CHECK_EQ(shadow_depth(top), 2);
	KT_CHECK(top->mo_shadowed == bottom);
	KT_CHECK_EQ(bottom->mo_refcount, 1);
	KT_CHECK_EQ(top->mo_npages, 2);
	pf = pframe_find(top, 1);
	if (KT_CHECK(pf != NULL)) {
		KT_CHECK(pf->pf_addr == frame); /* moved, not copied */
		pframe_put(pf);
	}
	vmt_check_lookup(top, 0, "b0");
	vmt_check_lookup(top, 1, "m1");
	vmt_check_lookup(top, 2, "t2");
	mobj_put(top);
	KT_CHECK_EQ(shadow_count(), before);
}
