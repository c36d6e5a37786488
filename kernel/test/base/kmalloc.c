/*
 * kmalloc picks the right size class.  base.kmalloc.size_classes asks for
 * every size from 1 to 4200 bytes and checks where each block comes from:
 * sizes up to 2048 from the smallest "kmalloc-N" cache that holds them
 * (found through page_info() and slab_cache_name()), aligned as kmalloc.h
 * promises; larger ones are page-aligned runs of whole frames that record
 * their length.  base.kmalloc.pages checks kmalloc_pages() and that kfree()
 * gives a run back.  base.kmalloc.kzalloc checks zero-filling and kfree(NULL).
 */
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/slab.h"
#include "test/ktest.h"
#include "util/kprintf.h"
#include "util/string.h"

/* The kmalloc class for 'size': the smallest power of two >= size, at least 16. */
static size_t class_of(size_t size)
{
	size_t cls = 16;
	while (cls < size) {
		cls *= 2;
	}
	return cls;
}

/* Checks one block of 'size' bytes; returns false after the first problem. */
static bool check_block(size_t size)
{
	size_t frames = page_free_count();
	uint8_t *p = kmalloc(size);
	if (p == NULL) {
		ktest_fail("kmalloc(%zu) returned NULL", size);
		return false;
	}
	bool ok = true;
	page_info_t *pi = page_info(p);
	if (size <= 2048) {
		char want[16];
		snprintf(want, sizeof(want), "kmalloc-%zu", class_of(size));
		if (pi->pi_cache == NULL || strcmp(slab_cache_name(pi->pi_cache), want) != 0) {
			ktest_fail("kmalloc(%zu) came from '%s', expected '%s'", size,
				   pi->pi_cache != NULL ? slab_cache_name(pi->pi_cache)
							: "no cache",
				   want);
			ok = false;
		}
		size_t align = size >= 16 ? 16 : 8;
		if ((uintptr_t)p % align != 0) {
			ktest_fail("kmalloc(%zu) = %p is not %zu-aligned", size, p, align);
			ok = false;
		}
	} else {
		size_t npages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
		if (pi->pi_cache != NULL || pi->pi_npages != npages ||
		    !IS_ALIGNED((uintptr_t)p, PAGE_SIZE) || page_free_count() != frames - npages) {
			ktest_fail("kmalloc(%zu) = %p: expected a run of %zu frames", size, p,
				   npages);
			ok = false;
		}
	}
	/* Every byte asked for is usable. */
	memset(p, 0xa5, size);
	kfree(p);
	return ok;
}

KTEST(kmalloc_size_classes, "base.kmalloc.size_classes")
{
	for (size_t size = 1; size <= 4200; size++) {
		if (!check_block(size)) {
			break;
		}
	}
	static const size_t big[] = {8192, 8193, 12288, 65536, 100000};
	for (size_t i = 0; i < ARRAY_SIZE(big); i++) {
		check_block(big[i]);
	}
	/* kmalloc(0) is a valid (smallest) block. */
	void *p = kmalloc(0);
	KT_CHECK(p != NULL && page_info(p)->pi_cache != NULL);
	kfree(p);
}

KTEST(kmalloc_pages, "base.kmalloc.pages")
{
	size_t frames = page_free_count();
	char *p = kmalloc_pages(3 * PAGE_SIZE + 1);
	if (!KT_CHECK(p != NULL)) {
		return;
	}
	KT_CHECK(IS_ALIGNED((uintptr_t)p, PAGE_SIZE));
	KT_CHECK_EQ(page_free_count(), frames - 4);
	KT_CHECK_EQ(page_info(p)->pi_npages, 4);
	memset(p, 1, 4 * PAGE_SIZE);
	kfree(p);
	KT_CHECK_EQ(page_free_count(), frames);

	/* page_free_run() is the other way to give it back. */
	p = kmalloc_pages(1);
	KT_CHECK_EQ(page_free_count(), frames - 1);
	if (p != NULL) {
		page_free_run(p, 1);
	}
	KT_CHECK_EQ(page_free_count(), frames);
}

KTEST(kmalloc_kzalloc, "base.kmalloc.kzalloc")
{
	static const size_t sizes[] = {1, 24, 64, 500, 2048, 5000};
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		/* Dirty a block of the same class first, so zeroes are not luck. */
		uint8_t *dirty = kmalloc(sizes[i]);
		if (dirty != NULL) {
			memset(dirty, 0xff, sizes[i]);
			kfree(dirty);
		}
		uint8_t *p = kzalloc(sizes[i]);
		if (!KT_CHECK(p != NULL)) {
			continue;
		}
		size_t nonzero = 0;
		for (size_t j = 0; j < sizes[i]; j++) {
			nonzero += p[j] != 0;
		}
		KT_CHECK_EQ(nonzero, 0);
		kfree(p);
	}
	kfree(NULL);
}
