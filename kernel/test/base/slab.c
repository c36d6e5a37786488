/*
 * The slab allocator.  base.slab.reuse: a freed object is the next one
 * handed out, and live counts follow every call.  base.slab.grow: a cache
 * grows over several slabs without handing out an object twice, and gives
 * every frame back when the objects are freed.  base.slab.many_caches:
 * about forty caches of different sizes live side by side, keep their
 * (copied, truncated) names and sizes, and disappear from the cache list
 * when destroyed.  base.slab.alignment: objects are aligned as slab.h
 * promises.  base.slab.poison: with SLAB_POISON a write into a freed object
 * panics with "use after free" when the object is handed out again.
 */
#include "mm/slab.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "test/ktest.h"
#include "util/kprintf.h"
#include "util/string.h"

KTEST(slab_reuse, "base.slab.reuse")
{
	slab_allocator_t *c = slab_allocator_create("base.slab.reuse", 40);
	if (!KT_CHECK(c != NULL)) {
		return;
	}
	KT_CHECK_STR(slab_cache_name(c), "base.slab.reuse");
	KT_CHECK_EQ(slab_cache_objsize(c), 40);
	KT_CHECK_EQ(slab_cache_live(c), 0);
	KT_CHECK_EQ(slab_cache_pages(c), 0);

	/* 'keep' holds the slab, so freed objects stay in it. */
	void *keep = slab_obj_alloc(c);
	void *a = slab_obj_alloc(c);
	void *b = slab_obj_alloc(c);
	KT_CHECK(keep != NULL && a != NULL && b != NULL);
	KT_CHECK(a != b && a != keep && b != keep);
	KT_CHECK_EQ(slab_cache_live(c), 3);
	KT_CHECK(slab_cache_pages(c) > 0);

	slab_obj_free(c, a);
	KT_CHECK_EQ(slab_cache_live(c), 2);
	void *a2 = slab_obj_alloc(c);
	KT_CHECK(a2 == a);

	/* Last freed, first reused. */
	slab_obj_free(c, a2);
	slab_obj_free(c, b);
	void *x = slab_obj_alloc(c);
	void *y = slab_obj_alloc(c);
	KT_CHECK(x == b);
	KT_CHECK(y == a);
	KT_CHECK_EQ(slab_cache_live(c), 3);

	slab_obj_free(c, x);
	slab_obj_free(c, y);
	slab_obj_free(c, keep);
	KT_CHECK_EQ(slab_cache_live(c), 0);
	KT_CHECK_EQ(slab_cache_pages(c), 0);
	slab_allocator_destroy(c);
}

#define GROW_OBJS 600

KTEST(slab_grow, "base.slab.grow")
{
	static uint32_t *objs[GROW_OBJS];
	size_t frames = page_free_count();
	slab_allocator_t *c = slab_allocator_create("base.slab.grow", 100);
	if (!KT_CHECK(c != NULL)) {
		return;
	}
	for (size_t i = 0; i < GROW_OBJS; i++) {
		objs[i] = slab_obj_alloc(c);
		if (!KT_CHECK(objs[i] != NULL)) {
			return;
		}
		/* Fill the whole object: an overlap with another one would show. */
		for (size_t w = 0; w < 100 / 4; w++) {
			objs[i][w] = i;
		}
	}
	KT_CHECK_EQ(slab_cache_live(c), GROW_OBJS);
	/* 600 objects of 100 bytes cannot fit in fewer than 15 frames. */
	KT_CHECK(slab_cache_pages(c) >= GROW_OBJS * 100 / PAGE_SIZE + 1);
	KT_CHECK_EQ(page_free_count(), frames - slab_cache_pages(c));
	for (size_t i = 0; i < GROW_OBJS; i++) {
		bool intact = true;
		for (size_t w = 0; w < 100 / 4; w++) {
			intact = intact && objs[i][w] == i;
		}
		if (!intact) {
			ktest_fail("object %zu was overwritten", i);
		}
	}
	/* Free every other object first: partly empty slabs must be kept. */
	for (size_t i = 0; i < GROW_OBJS; i += 2) {
		slab_obj_free(c, objs[i]);
	}
	KT_CHECK_EQ(slab_cache_live(c), GROW_OBJS / 2);
	KT_CHECK(slab_cache_pages(c) > 0);
	for (size_t i = 1; i < GROW_OBJS; i += 2) {
		KT_CHECK_EQ(objs[i][0], i);
		slab_obj_free(c, objs[i]);
	}
	KT_CHECK_EQ(slab_cache_live(c), 0);
	KT_CHECK_EQ(slab_cache_pages(c), 0);
	KT_CHECK_EQ(page_free_count(), frames);
	slab_allocator_destroy(c);
}

#define MANY 40
#define MANY_OBJS 3

static bool cache_listed(const slab_allocator_t *c)
{
	for (slab_allocator_t *l = slab_cache_next(NULL); l != NULL; l = slab_cache_next(l)) {
		if (l == c) {
			return true;
		}
	}
	return false;
}

KTEST(slab_many_caches, "base.slab.many_caches")
{
	static slab_allocator_t *caches[MANY];
	static uint8_t *objs[MANY][MANY_OBJS];
	size_t ncaches = slab_cache_count();
	char name[40];

	for (int i = 0; i < MANY; i++) {
		/* The name is built in a buffer the cache must not keep. */
		snprintf(name, sizeof(name), "many-%02d", i);
		caches[i] = slab_allocator_create(name, 1 + i * 197);
		if (!KT_CHECK(caches[i] != NULL)) {
			return;
		}
	}
	memset(name, 'x', sizeof(name) - 1);
	KT_CHECK_EQ(slab_cache_count(), ncaches + MANY);

	for (int i = 0; i < MANY; i++) {
		size_t size = 1 + i * 197;
		for (int j = 0; j < MANY_OBJS; j++) {
			objs[i][j] = slab_obj_alloc(caches[i]);
			if (KT_CHECK(objs[i][j] != NULL)) {
				memset(objs[i][j], i * MANY_OBJS + j, size);
			}
		}
	}
	for (int i = 0; i < MANY; i++) {
		size_t size = 1 + i * 197;
		char want[16];
		snprintf(want, sizeof(want), "many-%02d", i);
		KT_CHECK_STR(slab_cache_name(caches[i]), want);
		KT_CHECK_EQ(slab_cache_objsize(caches[i]), size);
		KT_CHECK_EQ(slab_cache_live(caches[i]), MANY_OBJS);
		KT_CHECK(cache_listed(caches[i]));
		for (int j = 0; j < MANY_OBJS; j++) {
			uint8_t *o = objs[i][j];
			if (o != NULL && (o[0] != (uint8_t)(i * MANY_OBJS + j) ||
					  o[size - 1] != (uint8_t)(i * MANY_OBJS + j))) {
				ktest_fail("object %d of cache %d was overwritten", j, i);
			}
			if (o != NULL && page_info(o)->pi_cache != caches[i]) {
				ktest_fail("object %d of cache %d is not in its cache's frame", j,
					   i);
			}
		}
	}

	for (int i = 0; i < MANY; i++) {
		for (int j = 0; j < MANY_OBJS; j++) {
			if (objs[i][j] != NULL) {
				slab_obj_free(caches[i], objs[i][j]);
			}
		}
		KT_CHECK_EQ(slab_cache_live(caches[i]), 0);
		slab_allocator_destroy(caches[i]);
		KT_CHECK(!cache_listed(caches[i]));
	}
	KT_CHECK_EQ(slab_cache_count(), ncaches);

	/* A name too long for the descriptor is cut, not overflowed. */
	slab_allocator_t *c = slab_allocator_create("a-cache-name-longer-than-the-limit", 8);
	if (KT_CHECK(c != NULL)) {
		KT_CHECK_EQ(strlen(slab_cache_name(c)), SLAB_NAME_MAX - 1);
		KT_CHECK_EQ(strncmp(slab_cache_name(c), "a-cache-name-longer-than-the-limit",
				    SLAB_NAME_MAX - 1),
			    0);
		slab_allocator_destroy(c);
	}
}

/* The alignment slab.h promises: 8, or the size's power-of-two factor up to 64. */
static size_t promised_align(size_t size)
{
	size_t align = 8;
	while (align < 64 && size % (align * 2) == 0) {
		align *= 2;
	}
	return align;
}

KTEST(slab_alignment, "base.slab.alignment")
{
	static const size_t sizes[] = {1,  4,  8,   12,  16,  24,   32,  48,
				       64, 96, 128, 200, 256, 1000, 4096};
	KT_CHECK_EQ(promised_align(24), 8);
	KT_CHECK_EQ(promised_align(96), 32);
	KT_CHECK_EQ(promised_align(256), 64);
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		slab_allocator_t *c = slab_allocator_create("base.slab.alignment", sizes[i]);
		if (!KT_CHECK(c != NULL)) {
			continue;
		}
		void *o[5];
		for (int j = 0; j < 5; j++) {
			o[j] = slab_obj_alloc(c);
			if (KT_CHECK(o[j] != NULL) &&
			    (uintptr_t)o[j] % promised_align(sizes[i]) != 0) {
				ktest_fail("%zu-byte object at %p is not %zu-aligned", sizes[i],
					   o[j], promised_align(sizes[i]));
			}
		}
		for (int j = 0; j < 5; j++) {
			if (o[j] != NULL) {
				slab_obj_free(c, o[j]);
			}
		}
		slab_allocator_destroy(c);
	}
}

KTEST_PANIC(slab_poison, "base.slab.poison", "use after free")
{
	slab_allocator_t *c = slab_allocator_create_flags("base.slab.poison", 64, SLAB_POISON);
	if (!KT_CHECK(c != NULL)) {
		return;
	}
	/* 'keep' holds the slab, so the freed object is the next one handed out. */
	void *keep = slab_obj_alloc(c);
	uint8_t *obj = slab_obj_alloc(c);
	KT_CHECK(keep != NULL && obj != NULL);
	slab_obj_free(c, obj);
	/* A freed object is filled with the poison byte (past the free-list link). */
	KT_CHECK_EQ(obj[8], SLAB_POISON_BYTE);
	KT_CHECK_EQ(obj[63], SLAB_POISON_BYTE);
	obj[40] = 0;
	void *again = slab_obj_alloc(c);
	ktest_fail("allocating a written-to free object did not panic (got %p, freed %p)", again,
		   obj);
	slab_obj_free(c, again);
	slab_obj_free(c, keep);
	slab_allocator_destroy(c);
}
