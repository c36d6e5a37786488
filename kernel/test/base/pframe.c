/*
 * The page-frame cache (support code under the S5FS and VM stages) with a
 * memory object of the test's own, as the VM stage's anonymous objects
 * will be: a page is filled once and then found; a dirty page is flushed
 * before it is evicted and on sync; a page can be discarded without a
 * flush; the last mobj_put() writes back, drops every page and calls
 * release.
 */
#include "mm/pframe.h"
#include "mm/mm.h"
#include "test/ktest.h"
#include "util/string.h"

static int fills, flushes, releases;

static int t_fill(mobj_t *o, pframe_t *pf)
{
	fills++;
	memset(pf->pf_addr, (int)pf->pf_pagenum, PAGE_SIZE);
	return 0;
}

static int t_flush(mobj_t *o, pframe_t *pf)
{
	flushes++;
	return 0;
}

static void t_release(mobj_t *o)
{
	releases++;
}

static const mobj_ops_t t_ops = {.fill = t_fill, .flush = t_flush, .release = t_release};

KTEST(base_pframe_fill_once, "base.pframe.fill_once")
{
	mobj_t o;
	mobj_init(&o, MOBJ_ANON, &t_ops, "test");
	fills = flushes = releases = 0;
	pframe_t *a, *b;
	KT_CHECK_EQ(pframe_get(&o, 3, &a), 0);
	KT_CHECK_EQ(pframe_get(&o, 3, &b), 0);
	KT_CHECK(a == b);
	KT_CHECK_EQ(fills, 1);
	KT_CHECK_EQ(((char *)a->pf_addr)[100], 3);
	KT_CHECK_EQ(a->pf_pincount, 2);
	pframe_put(a);
	pframe_put(b);
	KT_CHECK_EQ(o.mo_npages, 1);
	mobj_put(&o);
	KT_CHECK_EQ(flushes, 0); /* it was clean */
	KT_CHECK_EQ(releases, 1);
}

KTEST(base_pframe_dirty_flush, "base.pframe.dirty_flush")
{
	mobj_t o;
	mobj_init(&o, MOBJ_ANON, &t_ops, "test");
	fills = flushes = releases = 0;
	pframe_t *pf;
	KT_CHECK_EQ(pframe_get(&o, 0, &pf), 0);
	pframe_dirty(pf);
	pframe_put(pf);
	KT_CHECK_EQ(pframe_sync_obj(&o), 0);
	KT_CHECK_EQ(flushes, 1);
	KT_CHECK_EQ(pframe_sync_obj(&o), 0);
	KT_CHECK_EQ(flushes, 1); /* clean now */
	KT_CHECK_EQ(pframe_get(&o, 1, &pf), 0);
	pframe_dirty(pf);
	pframe_put(pf);
	mobj_put(&o); /* the last put writes back */
	KT_CHECK_EQ(flushes, 2);
	KT_CHECK_EQ(releases, 1);
}

KTEST(base_pframe_evict_lru, "base.pframe.evict_lru")
{
	/* A file's data: anonymous and shadow pages are never evicted. */
	mobj_t o;
	mobj_init(&o, MOBJ_VNODE, &t_ops, "test");
	fills = flushes = releases = 0;
	size_t old = pframe_set_max(4);
	pframe_shrink_all();
	pframe_t *pf;
	for (uint32_t i = 0; i < 4; i++) {
		KT_CHECK_EQ(pframe_get(&o, i, &pf), 0);
		if (i == 0) {
			pframe_dirty(pf);
		}
		pframe_put(pf);
	}
	/* Touch page 1 so that page 0 is the least recently used, then page 2. */
	KT_CHECK_EQ(pframe_get(&o, 1, &pf), 0);
	pframe_put(pf);
	KT_CHECK_EQ(pframe_get(&o, 4, &pf), 0);
	pframe_put(pf);
	KT_CHECK_EQ(flushes, 1); /* page 0 was written back, then evicted */
	pframe_t *gone = pframe_find(&o, 0);
	KT_CHECK(gone == NULL);
	pframe_t *kept = pframe_find(&o, 1);
	KT_CHECK(kept != NULL);
	if (kept != NULL) {
		pframe_put(kept);
	}
	pframe_set_max(old);
	mobj_put(&o);
	KT_CHECK_EQ(releases, 1);
}

KTEST(base_pframe_discard, "base.pframe.discard")
{
	mobj_t o;
	mobj_init(&o, MOBJ_ANON, &t_ops, "test");
	fills = flushes = releases = 0;
	pframe_t *pf;
	KT_CHECK_EQ(pframe_get(&o, 9, &pf), 0);
	pframe_dirty(pf);
	pframe_put(pf);
	pframe_discard(&o, 9);
	KT_CHECK_EQ(o.mo_npages, 0);
	KT_CHECK_EQ(pframe_get(&o, 9, &pf), 0);
	KT_CHECK_EQ(fills, 2);
	pframe_put(pf);
	mobj_put(&o);
	KT_CHECK_EQ(flushes, 0);
}
