/*
 * Shadow objects: copy-on-write.
 *
 * A shadow object (MOBJ_SHADOW) lies over another object, mo_shadowed (a
 * reference), which may itself be a shadow: a chain that ends in an object
 * that is not a shadow (anonymous memory or a file's data), its bottom.
 * The shadow holds only the pages written through it; any other page reads
 * as the page of the first object down the chain that has it.
 *
 * fork gives each private area of the parent and of the child a new shadow
 * over the area's old object, so both keep seeing the pages they shared
 * and each one's writes land in its own shadow.  Chains grow with every
 * fork; shadow_collapse() shortens them again when a process in the middle
 * has gone.
 *
 * Every walk down a chain is a loop, never a recursion: a chain may be long
 * and the kernel stack is small.
 */
#ifndef KEEL_VM_SHADOW_H
#define KEEL_VM_SHADOW_H

#include "mm/pframe.h"

/*
 * A new shadow object (MOBJ_SHADOW, named "shadow" in listings) over
 * 'shadowed' (which gets a new reference), with one reference for the
 * caller and no pages, or NULL when out of memory (the slab cache exists
 * already: do not call shadow_init()).
 * Its fill copies the page from below (shadow_lookup() from mo_shadowed);
 * its flush returns -EBUSY (no backing store); its release frees it.
 */
mobj_t *shadow_create(mobj_t *shadowed);

/*
 * Page 'pagenum' as object 'o' shows it, pinned, in *result, without
 * making a copy: the resident page of the first object from 'o' down the
 * chain that has it (pframe_find()), else the bottom object's page
 * (pframe_get()), filled if need be.  For an object that is not a shadow
 * that is just pframe_get(o).  Returns 0, or the error of pframe_get().
 * Iterative.
 */
int shadow_lookup(mobj_t *o, uint32_t pagenum, pframe_t **result);

/*
 * Shortens the chain below 'o' (a shadow; the caller holds a reference):
 * while o's shadowed object is itself a shadow that only o refers to
 * (mo_refcount 1), its pages that o does not have move up into o
 * (pframe_move(): no copy), the rest are dropped, and o shadows what it
 * shadowed.  What o shows does not change.
 *
 * How: take the head of below->mo_pframes (pf_obj_link) again and again
 * until it is empty; a page o lacks goes up with pframe_move(pf, o,
 * pf->pf_pagenum); one o already has is dropped with
 * pframe_discard(below, n).  No page of 'below' is pinned, and none is
 * mapped anywhere: only o refers to below, and the pages o shows from
 * below are mapped read-only from o's side, so the caller (do_fork()) has
 * unmapped them first; a page marked mapped moves with its mark.  Then o
 * takes a reference to below's mo_shadowed and puts below.
 */
void shadow_collapse(mobj_t *o);

/* Support: how many objects the chain from 'o' to its bottom has (1 for a non-shadow). */
size_t shadow_depth(mobj_t *o);

/* Support: makes the slab cache (vm_init()). */
void shadow_init(void);

/* Support: how many shadow objects exist (tests). */
size_t shadow_count(void);

#endif
