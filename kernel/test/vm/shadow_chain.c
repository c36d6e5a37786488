/*
 * In a chain top -> mid -> bottom a page comes from the first object that
 * has it: top's own copy, else mid's, else the bottom's; filling top's
 * copy takes it from the nearest object below that has it.
 */
#include "vmtest.h"

KTEST(vm_shadow_chain, "vm.shadow.chain")
{
	mobj_t *bottom = anon_create();
	if (!KT_CHECK(bottom != NULL)) {
		return;
	}
	vmt_put_text(bottom, 0, "b0");
	vmt_put_text(bottom, 1, "b1");
	vmt_put_text(bottom, 2, "b2");
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
	KT_CHECK_EQ(shadow_depth(top), 3);
	vmt_check_lookup(top, 0, "b0");
	vmt_check_lookup(top, 1, "m1");
	vmt_check_lookup(top, 2, "t2");
	vmt_check_lookup(mid, 2, "m2");
	vmt_check_lookup(top, 3, ""); /* nowhere yet: the bottom's zeros */
	/* top's own copy of page 1 comes from mid, the nearest that has it. */
	pframe_t *pf;
	if (KT_CHECK_EQ(pframe_get(top, 1, &pf), 0)) {
		KT_CHECK_STR((char *)pf->pf_addr, "m1");
		pframe_put(pf);
	}
	mobj_put(top);
}
