/*
 * A long chain (1000 shadows) is walked and freed without recursion: a lookup at the
 * top finds the bottom's page, and a copy into the top is filled from it.
 */
#include "vmtest.h"

#define DEPTH 1000

KTEST(vm_shadow_deep, "vm.shadow.deep")
{
	mobj_t *o = anon_create();
	if (!KT_CHECK(o != NULL)) {
		return;
	}
	pframe_t *pf;
	if (KT_CHECK_EQ(pframe_get(o, 4, &pf), 0)) {
		strlcpy(pf->pf_addr, "deep", PAGE_SIZE);
		pframe_dirty(pf);
		pframe_put(pf);
	}
	for (int i = 0; i < DEPTH; i++) {
		mobj_t *s = shadow_create(o);
		mobj_put(o);
		if (!KT_CHECK(s != NULL)) {
			return;
		}
		o = s;
	}
	KT_CHECK_EQ(shadow_depth(o), DEPTH + 1);
	if (KT_CHECK_EQ(shadow_lookup(o, 4, &pf), 0)) {
		KT_CHECK_STR((char *)pf->pf_addr, "deep");
		pframe_put(pf);
	}
	if (KT_CHECK_EQ(pframe_get(o, 4, &pf), 0)) {
		KT_CHECK(pf->pf_obj == o);
		KT_CHECK_STR((char *)pf->pf_addr, "deep");
		pframe_put(pf);
	}
	mobj_put(o);
}
