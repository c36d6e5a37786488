/*
 * An anonymous object's pages start as zeros, a written (dirty) page is
 * never written back (flush says -EBUSY, so a sync leaves it dirty and
 * reports no error), and the last put frees the object and its pages.
 */
#include "vmtest.h"

KTEST(vm_anon_zero, "vm.anon.zero")
{
	size_t before = anon_count();
	mobj_t *o = anon_create();
	if (!KT_CHECK(o != NULL)) {
		return;
	}
	KT_CHECK_EQ(o->mo_type, MOBJ_ANON);
	KT_CHECK_EQ(o->mo_refcount, 1);
	KT_CHECK_EQ(anon_count(), before + 1);
	pframe_t *pf;
	if (KT_CHECK_EQ(pframe_get(o, 17, &pf), 0)) {
		const unsigned char *p = pf->pf_addr;
		bool zero = true;
		for (size_t i = 0; i < PAGE_SIZE; i++) {
			zero = zero && p[i] == 0;
		}
		KT_CHECK(zero);
		memset(pf->pf_addr, 0x5a, PAGE_SIZE);
		pframe_dirty(pf);
		pframe_put(pf);
	}
	KT_CHECK_EQ(pframe_sync_obj(o), 0);
	KT_CHECK(pframe_resident(o, 17));
	pframe_shrink_all();
	KT_CHECK(pframe_resident(o, 17)); /* dirty with nowhere to go: it stays */
	if (KT_CHECK_EQ(pframe_get(o, 17, &pf), 0)) {
		KT_CHECK(pf->pf_dirty);
		KT_CHECK_EQ(((unsigned char *)pf->pf_addr)[100], 0x5a);
		pframe_put(pf);
	}
	mobj_put(o);
	KT_CHECK_EQ(anon_count(), before);
}
