/*
 * kmalloc on power-of-two slab caches; big requests take whole frames.
 * The frame's page_info says which: a slab cache, or the length of a run.
 */
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/slab.h"
#include "util/debug.h"
#include "util/string.h"

#define KMALLOC_MIN_SHIFT 4  /* 16 bytes */
#define KMALLOC_MAX_SHIFT 11 /* 2048 bytes */
#define KMALLOC_NCLASSES (KMALLOC_MAX_SHIFT - KMALLOC_MIN_SHIFT + 1)

static slab_allocator_t *size_class[KMALLOC_NCLASSES];

static const char *const class_names[KMALLOC_NCLASSES] = {
	"kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-128",
	"kmalloc-256", "kmalloc-512", "kmalloc-1024", "kmalloc-2048",
};

void *kmalloc_pages(size_t size)
{
	size_t npages = PAGE_ALIGN_UP(MAX(size, 1u)) / PAGE_SIZE;
	void *p = page_alloc_run(npages, PAGE_SIZE);
	if (p != NULL) {
		page_info(p)->pi_npages = npages;
	}
	return p;
}

void *kmalloc(size_t size)
{
	if (size > (1u << KMALLOC_MAX_SHIFT)) {
		return kmalloc_pages(size);
	}
	int cls = 0;
	while ((1u << (cls + KMALLOC_MIN_SHIFT)) < size) {
		cls++;
	}
	return slab_obj_alloc(size_class[cls]);
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);
	if (p != NULL) {
		memset(p, 0, size);
	}
	return p;
}

void kfree(void *ptr)
{
	if (ptr == NULL) {
		return;
	}
	page_info_t *pi = page_info(ptr);
	if (pi->pi_cache != NULL) {
		slab_obj_free(pi->pi_cache, ptr);
		return;
	}
	if (pi->pi_npages == 0 || !IS_ALIGNED((uintptr_t)ptr, PAGE_SIZE)) {
		panic("kfree: %p was not allocated by kmalloc", ptr);
	}
	size_t npages = pi->pi_npages;
	page_free_run(ptr, npages);
}

void kmalloc_init(void)
{
	for (int i = 0; i < KMALLOC_NCLASSES; i++) {
		size_class[i] = slab_allocator_create(class_names[i], 1u << (i + KMALLOC_MIN_SHIFT));
		KASSERT(size_class[i] != NULL);
	}
}
