/*
 * The physical page allocator hands out every free frame exactly once and
 * takes each one back.  base.page.exhaust allocates frames until
 * page_alloc() returns NULL, chaining them through their own first word (an
 * array of 30000 pointers would itself need frames), checks that it got as
 * many as page_free_count() promised, and frees them all.  base.page.run
 * checks page_alloc_run(): runs are physically contiguous, aligned as asked
 * and disjoint, and a request that memory cannot satisfy returns NULL
 * without changing the free count.  base.page.double_free checks that
 * freeing a free frame is caught.
 */
#include "mm/page.h"
#include "mm/mm.h"
#include "mm/pagetable.h"
#include "test/ktest.h"

/* True if 'p' is a page-aligned address of a managed frame in the direct map. */
static bool is_frame(const void *p)
{
	uintptr_t va = (uintptr_t)p;
	return IS_ALIGNED(va, PAGE_SIZE) && va >= KERNEL_VMA && va < KERNEL_VMA + DIRECT_MAP_SIZE &&
	       virt_to_phys(p) >= 0x100000;
}

KTEST(page_exhaust, "base.page.exhaust")
{
	size_t before = page_free_count();
	KT_CHECK(before > 0 && before <= page_total_count());

	void *chain = NULL;
	size_t n = 0;
	bool all_frames = true;
	for (;;) {
		void *p = page_alloc();
		if (p == NULL) {
			break;
		}
		all_frames = all_frames && is_frame(p);
		*(void **)p = chain;
		chain = p;
		n++;
	}

	/* Memory is exhausted: nothing else may succeed until we free. */
	KT_CHECK_EQ(n, before);
	KT_CHECK_EQ(page_free_count(), 0);
	KT_CHECK(all_frames);
	KT_CHECK(page_alloc() == NULL);
	KT_CHECK(page_alloc_run(1, PAGE_SIZE) == NULL);

	/* Walking the chain back proves no frame was handed out twice. */
	size_t freed = 0;
	while (chain != NULL) {
		void *next = *(void **)chain;
		page_free(chain);
		chain = next;
		freed++;
	}
	KT_CHECK_EQ(freed, n);
	KT_CHECK_EQ(page_free_count(), before);

	/* The allocator works again after being drained. */
	void *p = page_alloc();
	KT_CHECK(p != NULL && is_frame(p));
	if (p != NULL) {
		page_free(p);
	}
}

/* Checks one run: aligned, and each page at the next physical frame. */
static void check_run(char *run, size_t npages, size_t align)
{
	if (!KT_CHECK(run != NULL)) {
		return;
	}
	KT_CHECK(is_frame(run));
	KT_CHECK_EQ(virt_to_phys(run) % align, 0);
	for (size_t i = 0; i < npages; i++) {
		paddr_t pa;
		KT_CHECK_EQ(pt_lookup(kernel_pagedir, (uintptr_t)run + i * PAGE_SIZE, &pa, NULL),
			    0);
		KT_CHECK_EQ(pa, virt_to_phys(run) + i * PAGE_SIZE);
		/* Stamp every page with its run and index, for the overlap check. */
		uint32_t *w = (uint32_t *)(run + i * PAGE_SIZE);
		w[0] = (uint32_t)run;
		w[1] = i;
	}
}

static bool runs_overlap(const char *a, size_t na, const char *b, size_t nb)
{
	return a < b + nb * PAGE_SIZE && b < a + na * PAGE_SIZE;
}

KTEST(page_run, "base.page.run")
{
	static const struct {
		size_t npages;
		size_t align;
	} req[] = {
	    {1, PAGE_SIZE}, {3, PAGE_SIZE}, {4, 4 * PAGE_SIZE}, {5, 16 * PAGE_SIZE},
	    {16, 0x10000},  {2, 0x100000},  {1, 0x400000},      {7, 8 * PAGE_SIZE},
	};
	char *run[ARRAY_SIZE(req)];
	size_t before = page_free_count(), used = 0;

	for (size_t i = 0; i < ARRAY_SIZE(req); i++) {
		run[i] = page_alloc_run(req[i].npages, req[i].align);
		check_run(run[i], req[i].npages, req[i].align);
		if (run[i] != NULL) {
			used += req[i].npages;
		}
	}
	KT_CHECK_EQ(page_free_count(), before - used);

	for (size_t i = 0; i < ARRAY_SIZE(req); i++) {
		for (size_t j = i + 1; j < ARRAY_SIZE(req); j++) {
			if (run[i] != NULL && run[j] != NULL &&
			    runs_overlap(run[i], req[i].npages, run[j], req[j].npages)) {
				ktest_fail("runs %zu and %zu overlap", i, j);
			}
		}
	}
	/* No later allocation wrote over an earlier one. */
	for (size_t i = 0; i < ARRAY_SIZE(req); i++) {
		for (size_t k = 0; run[i] != NULL && k < req[i].npages; k++) {
			uint32_t *w = (uint32_t *)(run[i] + k * PAGE_SIZE);
			KT_CHECK(w[0] == (uint32_t)run[i] && w[1] == k);
		}
	}

	/* Requests that cannot be met fail and change nothing. */
	size_t mid = page_free_count();
	KT_CHECK(page_alloc_run(page_total_count() + 1, PAGE_SIZE) == NULL);
	KT_CHECK(page_alloc_run(mid + 1, PAGE_SIZE) == NULL);
	/* 1 GiB alignment: frame 0 is reserved and no other such frame exists. */
	KT_CHECK(page_alloc_run(1, 0x40000000u) == NULL);
	KT_CHECK_EQ(page_free_count(), mid);

	for (size_t i = 0; i < ARRAY_SIZE(req); i++) {
		if (run[i] != NULL) {
			page_free_run(run[i], req[i].npages);
		}
	}
	KT_CHECK_EQ(page_free_count(), before);
}

KTEST_PANIC(page_double_free, "base.page.double_free", "freeing a free frame")
{
	void *p = page_alloc();
	KT_CHECK(p != NULL);
	page_free(p);
	page_free(p);
}
