/*
 * A shadow's page starts as a copy of the page below it; writing the copy
 * does not change the page below, and a page never written through the
 * shadow is found below (shadow_lookup()) without making a copy.  A
 * shadow's written page is never written back (flush says -EBUSY, so a
 * sync leaves it dirty and reports no error).
 */
#include "vmtest.h"

KTEST(vm_shadow_fill, "vm.shadow.fill")
{
	size_t before = shadow_count();
	mobj_t *bottom = anon_create();
	if (!KT_CHECK(bottom != NULL)) {
		return;
	}
	pframe_t *pf;
	if (KT_CHECK_EQ(pframe_get(bottom, 2, &pf), 0)) {
		strlcpy(pf->pf_addr, "below", PAGE_SIZE);
		pframe_dirty(pf);
		pframe_put(pf);
	}
	mobj_t *top = shadow_create(bottom);
	if (!KT_CHECK(top != NULL)) {
		mobj_put(bottom);
		return;
	}
	KT_CHECK_EQ(bottom->mo_refcount, 2);
	KT_CHECK(top->mo_shadowed == bottom);
	KT_CHECK_EQ(top->mo_type, MOBJ_SHADOW);
	KT_CHECK_EQ(shadow_count(), before + 1);
	/* A lookup makes no copy. */
	if (KT_CHECK_EQ(shadow_lookup(top, 2, &pf), 0)) {
		KT_CHECK(pf->pf_obj == bottom);
		pframe_put(pf);
	}
	KT_CHECK(!pframe_resident(top, 2));
	/* pframe_get() on the shadow copies. */
	if (KT_CHECK_EQ(pframe_get(top, 2, &pf), 0)) {
		KT_CHECK_STR((char *)pf->pf_addr, "below");
		strlcpy(pf->pf_addr, "above", PAGE_SIZE);
		pframe_dirty(pf);
		pframe_put(pf);
	}
	KT_CHECK_EQ(pframe_sync_obj(top), 0);
	if (KT_CHECK_EQ(pframe_get(top, 2, &pf), 0)) {
		KT_CHECK(pf->pf_dirty); /* nowhere to go: still dirty */
		pframe_put(pf);
	}
	if (KT_CHECK_EQ(pframe_get(bottom, 2, &pf), 0)) {
		KT_CHECK_STR((char *)pf->pf_addr, "below");
		pframe_put(pf);
	}
	if (KT_CHECK_EQ(shadow_lookup(top, 2, &pf), 0)) {
		KT_CHECK(pf->pf_obj == top);
		KT_CHECK_STR((char *)pf->pf_addr, "above");
		pframe_put(pf);
	}
	mobj_put(bottom);
	mobj_put(top); /* puts bottom's last reference too */
	KT_CHECK_EQ(shadow_count(), before);
}
