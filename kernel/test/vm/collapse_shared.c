/*
 * shadow_collapse() leaves a middle shadow alone while another object
 * still refers to it (two shadows over one, as after fork), and never
 * merges the bottom object, which is not a shadow.
 */
#include "vmtest.h"

KTEST(vm_shadow_collapse_shared, "vm.shadow.collapse_shared")
{
	mobj_t *bottom = anon_create();
	if (!KT_CHECK(bottom != NULL)) {
		return;
	}
	mobj_t *mid = shadow_create(bottom);
	mobj_put(bottom);
	if (!KT_CHECK(mid != NULL)) {
		return;
	}
	mobj_t *a = shadow_create(mid);
	mobj_t *b = shadow_create(mid);
	mobj_put(mid);
	if (!KT_CHECK(a != NULL && b != NULL)) {
		return;
	}
	shadow_collapse(a);
	KT_CHECK(a->mo_shadowed == mid);
	KT_CHECK_EQ(shadow_depth(a), 3);
	mobj_put(b); /* now only a refers to mid */
	shadow_collapse(a);
	KT_CHECK(a->mo_shadowed == bottom);
	KT_CHECK_EQ(shadow_depth(a), 2);
	shadow_collapse(a); /* the bottom stays */
	KT_CHECK(a->mo_shadowed == bottom);
	mobj_put(a);
}
