/*
 * Anonymous memory objects: pages that start as zeros and have no backing
 * store (the heap, the stack, .bss, MAP_ANONYMOUS).
 *
 * Filling a page writes zeros; a page is never written back (flush returns
 * -EBUSY, so the page-frame cache never evicts a dirty one); the object is
 * freed when its last reference goes.  Objects come from the slab cache
 * "anon", so a leaked one shows in the leak check.
 */
#ifndef KEEL_VM_ANON_H
#define KEEL_VM_ANON_H

#include "mm/mobj.h"

/*
 * A new anonymous object (MOBJ_ANON, named "anon" in listings: mobj_init())
 * with one reference for the caller, or NULL.  The slab cache exists
 * already (vm_init() made it); do not call anon_init().
 */
mobj_t *anon_create(void);

/* Support: makes the slab cache (vm_init()). */
void anon_init(void);

/* Support: how many anonymous objects exist (tests). */
size_t anon_count(void);

#endif
