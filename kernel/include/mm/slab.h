/*
 * The slab allocator: named caches of same-size objects.
 *
 *     slab_allocator_t *proc_cache = slab_allocator_create("proc", sizeof(proc_t));
 *     proc_t *p = slab_obj_alloc(proc_cache);
 *     ...
 *     slab_obj_free(proc_cache, p);
 *
 * A cache carves objects out of slabs (runs of frames from the page
 * allocator) and gives a slab back as soon as its last object is freed, so
 * the free-frame count returns to where it was when every object is freed.
 * Each cache counts its live objects; the test harness compares the counts
 * before and after each test to find leaks.
 *
 * Poisoning: a cache created with SLAB_POISON (every cache in a DEBUG=1
 * build, or with slab_poison=1 on the command line) fills freed objects with
 * SLAB_POISON_BYTE and checks the pattern when it hands the object out again,
 * so a write after free panics naming the cache.
 *
 * Objects are aligned to 8 bytes or to their size's largest power-of-two
 * factor up to 64.  The allocator masks interrupts internally.
 */
#ifndef KEEL_MM_SLAB_H
#define KEEL_MM_SLAB_H

#include "types.h"
#include "util/list.h"

#define SLAB_POISON 0x1
#define SLAB_POISON_BYTE 0x6b

#define SLAB_NAME_MAX 24

typedef struct slab_cache slab_allocator_t;

/*
 * Creates a cache for objects of 'size' bytes, or returns NULL when out of
 * memory.  'name' is copied.
 */
slab_allocator_t *slab_allocator_create(const char *name, size_t size);
slab_allocator_t *slab_allocator_create_flags(const char *name, size_t size, uint32_t flags);

/* Destroys an empty cache (KASSERTs that no object is live). */
void slab_allocator_destroy(slab_allocator_t *cache);

/* An object, or NULL when out of memory.  Contents are undefined. */
void *slab_obj_alloc(slab_allocator_t *cache);
void slab_obj_free(slab_allocator_t *cache, void *obj);

/*
 * Iteration over all caches, for the leak check and `mem`: the cache after
 * 'prev' in creation order (the first when prev is NULL), or NULL.
 */
size_t slab_cache_count(void);
slab_allocator_t *slab_cache_next(const slab_allocator_t *prev);
const char *slab_cache_name(const slab_allocator_t *cache);
size_t slab_cache_live(const slab_allocator_t *cache);
size_t slab_cache_objsize(const slab_allocator_t *cache);
size_t slab_cache_pages(const slab_allocator_t *cache);

/* Prints every cache with its object size, live count and pages. */
struct printer;
void slab_print_stats(const struct printer *pr);

/* Called from mm_init(). */
void slab_init(void);

/* Nonzero when every new cache poisons (DEBUG build or slab_poison=1). */
extern bool slab_poison_all;

#endif
