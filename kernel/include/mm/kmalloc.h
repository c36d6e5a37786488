/*
 * kmalloc: general-purpose kernel allocation.
 *
 * Requests up to 2048 bytes come from power-of-two slab caches named
 * "kmalloc-16" ... "kmalloc-2048"; larger ones take a run of whole frames.
 * kfree() finds the size from the frame's page_info, so it needs only the
 * pointer.
 */
#ifndef KEEL_MM_KMALLOC_H
#define KEEL_MM_KMALLOC_H

#include "types.h"

/* 'size' bytes aligned to at least 8 (16 for 16 bytes and up), or NULL. */
void *kmalloc(size_t size);
/* Like kmalloc(), zero-filled. */
void *kzalloc(size_t size);
/* Frees memory from kmalloc(); kfree(NULL) does nothing. */
void kfree(void *ptr);

/*
 * Page-aligned, physically contiguous memory for device buffers: 'size'
 * rounded up to whole pages.  Free with page_free_run(p, pages) or kfree().
 */
void *kmalloc_pages(size_t size);

void kmalloc_init(void);

#endif
