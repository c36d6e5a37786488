/*
 * Shadow objects and copy-on-write (vm/shadow.h has the contract).
 *
 * A private mapping's area shows the top object of a chain:
 *
 *     area -> shadow (this process's writes)
 *               -> shadow (writes made before the last fork, shared)
 *                    -> anon or file object (the bottom)
 *
 * Reading a page walks the chain from the top and takes the first resident
 * copy (shadow_lookup()); writing a page asks the top object for it
 * (pframe_get()), and the top's fill copies it from below.  Only the top
 * is ever written, so every object below it is frozen: its pages are what
 * the processes sharing it saw when they forked.
 *
 * Without care a chain grows by one object per fork.  shadow_collapse()
 * merges an object into the one above it once that is its only user (the
 * other process that shared it has exited or unmapped it): its pages move
 * up and it disappears.  do_fork() collapses each private area's object
 * before it puts new shadows over it, so a process that forks and reaps
 * children forever keeps chains of at most three objects.
 */
#include "vm/shadow.h"
#include "errno.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "util/debug.h"
#include "util/string.h"

static slab_allocator_t *shadow_allocator;

void shadow_init(void)
{
	if (shadow_allocator == NULL) {
		shadow_allocator = slab_allocator_create("shadow", sizeof(mobj_t));
		KASSERT(shadow_allocator != NULL);
	}
}

size_t shadow_count(void)
{
	return shadow_allocator == NULL ? 0 : slab_cache_live(shadow_allocator);
}

size_t shadow_depth(mobj_t *o)
{
	size_t n = 1;
	while (o->mo_type == MOBJ_SHADOW) {
		o = o->mo_shadowed;
		n++;
	}
	return n;
}

int shadow_lookup(mobj_t *o, uint32_t pagenum, pframe_t **result)
{
	/* BEGIN SOLUTION(vm, shadow_lookup) -> -ENOSYS */
	mobj_t *cur = o;
	while (cur->mo_type == MOBJ_SHADOW) {
		pframe_t *pf = pframe_find(cur, pagenum);
		if (pf != NULL) {
			*result = pf;
			return 0;
		}
		cur = cur->mo_shadowed;
		KASSERT(cur != NULL);
	}
	return pframe_get(cur, pagenum, result);
	/* END SOLUTION */
}

/* A page of a shadow starts as a copy of the page it hides. */
static int shadow_fill(mobj_t *o, pframe_t *pf)
{
	/* BEGIN SOLUTION(vm, shadow_fill) -> -ENOSYS */
	KASSERT(o->mo_type == MOBJ_SHADOW && o->mo_shadowed != NULL);
	pframe_t *below;
	int err = shadow_lookup(o->mo_shadowed, pf->pf_pagenum, &below);
	if (err < 0) {
		return err;
	}
	memcpy(pf->pf_addr, below->pf_addr, PAGE_SIZE);
	pframe_put(below);
	return 0;
	/* END SOLUTION */
}

/* Nowhere to write it: the page must stay. */
static int shadow_flush(mobj_t *o, pframe_t *pf)
{
	/* BEGIN SOLUTION(vm, shadow_flush) -> -ENOSYS */
	return -EBUSY;
	/* END SOLUTION */
}

/* The last reference is gone: mobj_put() already put mo_shadowed. */
static void shadow_release(mobj_t *o)
{
	/* BEGIN SOLUTION(vm, shadow_release) -> nothing */
	KASSERT(o->mo_type == MOBJ_SHADOW && o->mo_npages == 0 && o->mo_shadowed == NULL);
	slab_obj_free(shadow_allocator, o);
	/* END SOLUTION */
}

static const mobj_ops_t shadow_ops = {
    .fill = shadow_fill,
    .flush = shadow_flush,
    .release = shadow_release,
};

mobj_t *shadow_create(mobj_t *shadowed)
{
	/* BEGIN SOLUTION(vm, shadow_create) -> NULL */
	KASSERT(shadowed != NULL && shadowed->mo_refcount > 0);
	shadow_init();
	mobj_t *o = slab_obj_alloc(shadow_allocator);
	if (o == NULL) {
		return NULL;
	}
	mobj_init(o, MOBJ_SHADOW, &shadow_ops, "shadow");
	mobj_ref(shadowed);
	o->mo_shadowed = shadowed;
	return o;
	/* END SOLUTION */
}

void shadow_collapse(mobj_t *o)
{
	/* BEGIN SOLUTION(vm, shadow_collapse) -> nothing */
	KASSERT(o->mo_type == MOBJ_SHADOW && o->mo_refcount > 0);
	for (;;) {
		mobj_t *mid = o->mo_shadowed;
		if (mid->mo_type != MOBJ_SHADOW || mid->mo_refcount != 1) {
			return;
		}
		/* Only o sees mid: o takes the pages it lacks, the rest go with mid. */
		list_link_t *l = mid->mo_pframes.l_next;
		while (l != &mid->mo_pframes) {
			pframe_t *pf = container_of(l, pframe_t, pf_obj_link);
			l = l->l_next;
			if (pf->pf_busy || pf->pf_pincount > 0) {
				return; /* in use right now: try again at the next fork */
			}
			if (!pframe_resident(o, pf->pf_pagenum)) {
				pframe_move(pf, o, pf->pf_pagenum);
			}
		}
		mobj_t *below = mid->mo_shadowed;
		mobj_ref(below);
		o->mo_shadowed = below;
		mobj_put(mid); /* drops the pages o already had, and mid's hold on below */
	}
	/* END SOLUTION */
}
