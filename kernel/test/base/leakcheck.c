/*
 * The leak check that guards every test actually fires.  Each test here
 * takes its own ktest_snapshot(), leaks on purpose (a slab object, a frame,
 * a kernel stack), checks that ktest_leaks() counts the leak and names it
 * ("cache 'base.leakcheck'", "free frames", "kernel stacks"), then gives the
 * memory back and checks that ktest_leaks() reports nothing.
 */
#include "mm/kstack.h"
#include "mm/page.h"
#include "mm/slab.h"
#include "test/ktest.h"
#include "util/string.h"

KTEST(leakcheck_slab, "base.leakcheck.slab")
{
	char why[200];
	slab_allocator_t *c = slab_allocator_create("base.leakcheck", 48);
	if (!KT_CHECK(c != NULL)) {
		return;
	}
	ktest_snapshot_t snap;
	ktest_snapshot(&snap);
	KT_CHECK_EQ(ktest_leaks(&snap, why, sizeof(why)), 0);
	KT_CHECK_STR(why, "");

	void *obj = slab_obj_alloc(c);
	KT_CHECK(obj != NULL);
	KT_CHECK(ktest_leaks(&snap, why, sizeof(why)) > 0);
	if (!KT_CHECK(strstr(why, "cache 'base.leakcheck': 1 live objects, was 0") != NULL)) {
		ktest_note("leak report: %s", why);
	}

	slab_obj_free(c, obj);
	KT_CHECK_EQ(ktest_leaks(&snap, why, sizeof(why)), 0);
	slab_allocator_destroy(c);
}

KTEST(leakcheck_new_cache, "base.leakcheck.new_cache")
{
	/* A cache created after the snapshot and not destroyed is a leak too. */
	char why[200];
	ktest_snapshot_t snap;
	ktest_snapshot(&snap);
	slab_allocator_t *c = slab_allocator_create("base.leakcheck.new", 48);
	if (!KT_CHECK(c != NULL)) {
		return;
	}
	KT_CHECK(ktest_leaks(&snap, why, sizeof(why)) > 0);
	KT_CHECK(strstr(why, "'base.leakcheck.new'") != NULL);
	slab_allocator_destroy(c);
	KT_CHECK_EQ(ktest_leaks(&snap, why, sizeof(why)), 0);
}

KTEST(leakcheck_frames, "base.leakcheck.frames")
{
	char why[200];
	ktest_snapshot_t snap;
	ktest_snapshot(&snap);
	void *p = page_alloc();
	KT_CHECK(p != NULL);
	KT_CHECK_EQ(ktest_leaks(&snap, why, sizeof(why)), 1);
	if (!KT_CHECK(strstr(why, "free frames") != NULL)) {
		ktest_note("leak report: %s", why);
	}
	page_free(p);
	KT_CHECK_EQ(ktest_leaks(&snap, why, sizeof(why)), 0);
	KT_CHECK_STR(why, "");
}

KTEST(leakcheck_kstack, "base.leakcheck.kstack")
{
	char why[200];
	ktest_snapshot_t snap;
	ktest_snapshot(&snap);
	void *stack = kstack_alloc("base.leakcheck");
	if (!KT_CHECK(stack != NULL)) {
		return;
	}
	/* A stack takes frames as well: two differences. */
	KT_CHECK_EQ(ktest_leaks(&snap, why, sizeof(why)), 2);
	KT_CHECK(strstr(why, "kernel stacks") != NULL);
	KT_CHECK(strstr(why, "free frames") != NULL);
	kstack_free(stack);
	KT_CHECK_EQ(ktest_leaks(&snap, why, sizeof(why)), 0);
}
