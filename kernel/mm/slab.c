/*
 * The slab allocator.
 *
 * A cache hands out objects of one size.  It gets memory a slab at a time: a
 * run of 1..8 contiguous frames whose first bytes are a slab_t header and
 * the rest an array of objects.  Free objects in a slab are chained through
 * their first word.  A cache keeps its slabs on two lists:
 *
 *     sc_partial  slabs with at least one free object (allocation looks here)
 *     sc_full     slabs with none
 *
 * A slab whose last object is freed goes straight back to the page
 * allocator, so a cache holds no memory that no live object needs.  That
 * makes the test harness's leak check exact: after a test frees everything,
 * both the live counts and the free-frame count are back where they were.
 *
 * The cache descriptors themselves come from a bootstrap cache, "slab_cache",
 * whose own descriptor is static.  Each frame of a slab records its cache
 * and slab in page_info, which is how kfree() finds where a pointer belongs.
 */
#include "mm/slab.h"
#include "boot/interrupt.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "util/debug.h"
#include "util/kprintf.h"
#include "util/string.h"

struct slab_cache {
	char sc_name[SLAB_NAME_MAX];
	size_t sc_size;          /* object size as asked for */
	size_t sc_stride;        /* distance between objects */
	uint32_t sc_flags;
	size_t sc_slab_pages;    /* frames per slab */
	size_t sc_per_slab;      /* objects per slab */
	size_t sc_offset;        /* offset of the first object in a slab */
	list_t sc_partial;
	list_t sc_full;
	size_t sc_live;          /* objects handed out and not freed */
	size_t sc_nslabs;
	list_link_t sc_link;     /* on all_caches */
};

typedef struct slab {
	list_link_t s_link; /* on sc_partial or sc_full */
	slab_allocator_t *s_cache;
	void *s_free;       /* first free object */
	size_t s_inuse;
} slab_t;

#define SLAB_MAX_PAGES 8
#define SLAB_MIN_OBJS 8

static list_t all_caches = LIST_INITIALIZER(all_caches);
static size_t ncaches;
static slab_allocator_t cache_cache;
bool slab_poison_all;

static size_t object_align(size_t size)
{
	size_t align = 8;
	while (align < 64 && size % (align * 2) == 0) {
		align *= 2;
	}
	return align;
}

static void cache_setup(slab_allocator_t *c, const char *name, size_t size, uint32_t flags)
{
	memset(c, 0, sizeof(*c));
	strlcpy(c->sc_name, name, sizeof(c->sc_name));
	c->sc_size = size;
	c->sc_stride = ALIGN_UP(MAX(size, sizeof(void *)), object_align(size));
	c->sc_flags = flags | (slab_poison_all ? SLAB_POISON : 0);
	c->sc_offset = ALIGN_UP(sizeof(slab_t), object_align(size));
	size_t pages = 1;
	while (pages < SLAB_MAX_PAGES &&
	       (pages * PAGE_SIZE - c->sc_offset) / c->sc_stride < SLAB_MIN_OBJS) {
		pages++;
	}
	c->sc_slab_pages = pages;
	c->sc_per_slab = (pages * PAGE_SIZE - c->sc_offset) / c->sc_stride;
	KASSERT(c->sc_per_slab > 0 && "object too large for a slab; use kmalloc_pages");
	list_init(&c->sc_partial);
	list_init(&c->sc_full);
	list_link_init(&c->sc_link);
	list_insert_tail(&all_caches, &c->sc_link);
	ncaches++;
}

slab_allocator_t *slab_allocator_create_flags(const char *name, size_t size, uint32_t flags)
{
	slab_allocator_t *c = slab_obj_alloc(&cache_cache);
	if (c == NULL) {
		return NULL;
	}
	uint32_t iflags = intr_save();
	cache_setup(c, name, size, flags);
	intr_restore(iflags);
	dbg(DBG_MM, "cache '%s': %zu-byte objects, %zu per %zu-page slab\n", name, size,
	    c->sc_per_slab, c->sc_slab_pages);
	return c;
}

slab_allocator_t *slab_allocator_create(const char *name, size_t size)
{
	return slab_allocator_create_flags(name, size, 0);
}

void slab_allocator_destroy(slab_allocator_t *c)
{
	KASSERT(c != &cache_cache);
	if (c->sc_live != 0) {
		panic("slab: destroying cache '%s' with %zu live objects", c->sc_name, c->sc_live);
	}
	uint32_t flags = intr_save();
	list_remove(&c->sc_link);
	ncaches--;
	intr_restore(flags);
	slab_obj_free(&cache_cache, c);
}

static void poison_check(slab_allocator_t *c, const uint8_t *obj)
{
	for (size_t i = sizeof(void *); i < c->sc_size; i++) {
		if (obj[i] != SLAB_POISON_BYTE) {
			panic("slab: use after free: object %p of cache '%s' was written at offset %zu "
			      "after it was freed",
			      obj, c->sc_name, i);
		}
	}
}

/* A new slab with every object free, or NULL. */
static slab_t *slab_grow(slab_allocator_t *c)
{
	char *mem = page_alloc_run(c->sc_slab_pages, PAGE_SIZE);
	if (mem == NULL) {
		return NULL;
	}
	slab_t *s = (slab_t *)mem;
	list_link_init(&s->s_link);
	s->s_cache = c;
	s->s_inuse = 0;
	s->s_free = NULL;
	for (size_t i = c->sc_per_slab; i-- > 0;) {
		void **obj = (void **)(mem + c->sc_offset + i * c->sc_stride);
		if (c->sc_flags & SLAB_POISON) {
			memset(obj, SLAB_POISON_BYTE, c->sc_size);
		}
		*obj = s->s_free;
		s->s_free = obj;
	}
	for (size_t i = 0; i < c->sc_slab_pages; i++) {
		page_info_t *pi = page_info(mem + i * PAGE_SIZE);
		pi->pi_cache = c;
		pi->pi_slab = s;
	}
	c->sc_nslabs++;
	return s;
}

void *slab_obj_alloc(slab_allocator_t *c)
{
	uint32_t flags = intr_save();
	slab_t *s;
	if (!list_empty(&c->sc_partial)) {
		s = container_of(list_head(&c->sc_partial), slab_t, s_link);
	} else {
		s = slab_grow(c);
		if (s == NULL) {
			intr_restore(flags);
			return NULL;
		}
		list_insert_head(&c->sc_partial, &s->s_link);
	}
	void **obj = s->s_free;
	s->s_free = *obj;
	s->s_inuse++;
	c->sc_live++;
	if (s->s_inuse == c->sc_per_slab) {
		list_remove(&s->s_link);
		list_insert_head(&c->sc_full, &s->s_link);
	}
	if (c->sc_flags & SLAB_POISON) {
		poison_check(c, (uint8_t *)obj);
	}
	intr_restore(flags);
	return obj;
}

void slab_obj_free(slab_allocator_t *c, void *obj)
{
	page_info_t *pi = page_info(obj);
	slab_t *s = pi->pi_slab;
	if (pi->pi_cache != c || s == NULL) {
		panic("slab: freeing %p to cache '%s', but it belongs to '%s'", obj, c->sc_name,
		      pi->pi_cache != NULL ? pi->pi_cache->sc_name : "no cache");
	}
	KASSERT(((uintptr_t)obj - (uintptr_t)s - c->sc_offset) % c->sc_stride == 0);

	uint32_t flags = intr_save();
	if (c->sc_flags & SLAB_POISON) {
		memset(obj, SLAB_POISON_BYTE, c->sc_size);
	}
	*(void **)obj = s->s_free;
	s->s_free = obj;
	if (s->s_inuse-- == c->sc_per_slab) {
		list_remove(&s->s_link);
		list_insert_head(&c->sc_partial, &s->s_link);
	}
	c->sc_live--;
	if (s->s_inuse == 0) {
		list_remove(&s->s_link);
		c->sc_nslabs--;
		page_free_run(s, c->sc_slab_pages);
	}
	intr_restore(flags);
}

size_t slab_cache_count(void)
{
	return ncaches;
}

slab_allocator_t *slab_cache_next(const slab_allocator_t *prev)
{
	const list_link_t *l = prev == NULL ? all_caches.l_next : prev->sc_link.l_next;
	return l == &all_caches ? NULL : container_of(l, slab_allocator_t, sc_link);
}

const char *slab_cache_name(const slab_allocator_t *c)
{
	return c->sc_name;
}

size_t slab_cache_live(const slab_allocator_t *c)
{
	return c->sc_live;
}

size_t slab_cache_objsize(const slab_allocator_t *c)
{
	return c->sc_size;
}

size_t slab_cache_pages(const slab_allocator_t *c)
{
	return c->sc_nslabs * c->sc_slab_pages;
}

void slab_print_stats(const printer_t *pr)
{
	pr_printf(pr, "%-24s %8s %8s %6s\n", "CACHE", "OBJSIZE", "LIVE", "PAGES");
	for (list_link_t *l = all_caches.l_next; l != &all_caches; l = l->l_next) {
		slab_allocator_t *c = container_of(l, slab_allocator_t, sc_link);
		pr_printf(pr, "%-24s %8zu %8zu %6zu\n", c->sc_name, c->sc_size, c->sc_live,
			  slab_cache_pages(c));
	}
}

void slab_init(void)
{
	cache_setup(&cache_cache, "slab_cache", sizeof(slab_allocator_t), 0);
}
