/*
 * Anonymous memory objects (vm/anon.h has the contract).
 *
 * The simplest memory object: a page that is not resident is all zeros,
 * and a page that was written can never be thrown away, because nothing
 * else holds its contents.  The page-frame cache learns the second part
 * from flush: it returns -EBUSY, and the cache keeps dirty pages of such
 * an object until the object dies.
 */
#include "vm/anon.h"
#include "errno.h"
#include "mm/mm.h"
#include "mm/pframe.h"
#include "mm/slab.h"
#include "util/debug.h"
#include "util/string.h"

static slab_allocator_t *anon_allocator;

void anon_init(void)
{
	if (anon_allocator == NULL) {
		anon_allocator = slab_allocator_create("anon", sizeof(mobj_t));
		KASSERT(anon_allocator != NULL);
	}
}

size_t anon_count(void)
{
	return anon_allocator == NULL ? 0 : slab_cache_live(anon_allocator);
}

/* A page of anonymous memory starts as zeros. */
static int anon_fill(mobj_t *o, pframe_t *pf)
{
	/* BEGIN SOLUTION(vm, anon_fill) -> -ENOSYS */
	KASSERT(o->mo_type == MOBJ_ANON);
	memset(pf->pf_addr, 0, PAGE_SIZE);
	return 0;
	/* END SOLUTION */
}

/* Nowhere to write it: the page must stay. */
static int anon_flush(mobj_t *o, pframe_t *pf)
{
	/* BEGIN SOLUTION(vm, anon_flush) -> -ENOSYS */
	return -EBUSY;
	/* END SOLUTION */
}

/* The last reference is gone (its pages already left the cache). */
static void anon_release(mobj_t *o)
{
	/* BEGIN SOLUTION(vm, anon_release) -> nothing */
	KASSERT(o->mo_type == MOBJ_ANON && o->mo_npages == 0);
	slab_obj_free(anon_allocator, o);
	/* END SOLUTION */
}

static const mobj_ops_t anon_ops = {
    .fill = anon_fill,
    .flush = anon_flush,
    .release = anon_release,
};

mobj_t *anon_create(void)
{
	/* BEGIN SOLUTION(vm, anon_create) -> NULL */
	anon_init();
	mobj_t *o = slab_obj_alloc(anon_allocator);
	if (o == NULL) {
		return NULL;
	}
	mobj_init(o, MOBJ_ANON, &anon_ops, "anon");
	return o;
	/* END SOLUTION */
}
