/*
 * The physical page allocator.
 *
 * It owns every physical frame that the Multiboot memory map calls available
 * and that the kernel image, the first MiB and the allocator's own bitmap do
 * not use, up to the end of the direct map.  Frames are handed out by kernel
 * virtual address (in the direct map); virt_to_phys() gives the physical
 * address a device needs.
 *
 * Contents of a new frame are undefined.  All functions mask interrupts
 * internally, so they may be called from any context but an NMI.
 */
#ifndef KEEL_MM_PAGE_H
#define KEEL_MM_PAGE_H

#include "types.h"

/* One frame, or NULL when memory is exhausted. */
void *page_alloc(void);
void page_free(void *page);

/*
 * 'npages' physically contiguous frames whose physical address is a multiple
 * of 'align' bytes (a power of two, at least PAGE_SIZE), or NULL.  For DMA
 * buffers and multi-page objects.
 */
void *page_alloc_run(size_t npages, size_t align);
/* Frees a run from page_alloc_run(); npages must match. */
void page_free_run(void *start, size_t npages);

/* Frames free now, and frames the allocator manages in all. */
size_t page_free_count(void);
size_t page_total_count(void);

/*
 * Whether the frame holding kernel address 'page' is in use: false only
 * while the allocator holds it free (tests: a frame that a user page table
 * maps must never be free).  A frame the allocator does not manage counts
 * as in use.
 */
bool page_allocated(const void *page);

/* Called from mm_init(). */
struct multiboot_info;
void page_init(const struct multiboot_info *mbi);

/* Per-frame bookkeeping for the slab allocator and kmalloc. */
struct slab_cache;
typedef struct page_info {
	struct slab_cache *pi_cache; /* the slab cache using this frame, or NULL */
	void *pi_slab;               /* the slab this frame belongs to */
	uint32_t pi_npages;          /* for the first frame of a kmalloc run */
} page_info_t;

/* The page_info of the frame holding kernel virtual address 'addr'. */
page_info_t *page_info(const void *addr);

#endif
