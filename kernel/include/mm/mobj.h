/*
 * Memory objects: anything whose contents can be cached a page at a time.
 *
 * A memory object (mobj_t) is a source of pages: the pages of a block
 * device (its blocks), of one file (the S5FS vnode's data), and, in the VM
 * stage, of an anonymous region (zero-filled, no backing store) or of a
 * shadow object (copy-on-write: a page not yet copied comes from the object
 * it shadows).  The page-frame cache (mm/pframe.h) keeps the resident pages
 * of every object in one table, keyed by (object, page number); the object
 * itself only says how to fill a page, how to write one back, and what to do
 * when its last reference goes.
 *
 * An object is usually embedded in the structure it stands for (the block
 * device's S5FS state, an S5FS inode's in-memory node), and that structure
 * owns the memory; mo_ops->release is how the object tells its owner that
 * no one uses it any more.
 */
#ifndef KEEL_MM_MOBJ_H
#define KEEL_MM_MOBJ_H

#include "types.h"
#include "util/list.h"

struct mobj;
struct pframe;

/* What kind of object it is (for listings and for the VM stage's checks). */
typedef enum mobj_type {
	MOBJ_BLOCKDEV = 1, /* the blocks of a block device (S5FS metadata) */
	MOBJ_VNODE,        /* the data of one file */
	MOBJ_ANON,         /* anonymous memory: zero-filled pages (VM stage) */
	MOBJ_SHADOW,       /* a copy-on-write layer over mo_shadowed (VM stage) */
} mobj_type_t;

typedef struct mobj_ops {
	/*
	 * Fills the page pf (pf->pf_pagenum of this object) at pf->pf_addr
	 * from backing store: from the disk, with zeros for a hole or an
	 * anonymous page, or by copying from the shadowed object.  May sleep.
	 * The frame is pinned and marked busy while it runs.  0 or -errno
	 * (-EIO: the disk failed or the object's metadata is corrupt); on an
	 * error the page is dropped and pframe_get() returns the error.
	 */
	int (*fill)(struct mobj *o, struct pframe *pf);
	/*
	 * Writes a dirty page back to backing store.  May sleep.  0 or
	 * -errno; on an error the page stays dirty.  An object without
	 * backing store (anonymous memory) cannot lose its pages: it returns
	 * -EBUSY and the cache never evicts its dirty pages.
	 */
	int (*flush)(struct mobj *o, struct pframe *pf);
	/*
	 * The last reference was dropped (mobj_put()) and the object's pages
	 * have left the cache: the owner may free the object now.
	 */
	void (*release)(struct mobj *o);
} mobj_ops_t;

typedef struct mobj {
	const mobj_ops_t *mo_ops;
	mobj_type_t mo_type;
	int mo_refcount;          /* mobj_ref()/mobj_put() */
	struct mobj *mo_shadowed; /* MOBJ_SHADOW: the object below (a reference); else NULL */
	list_t mo_pframes;        /* its resident pages (pf_obj_link); owned by pframe.c */
	size_t mo_npages;         /* how many; owned by pframe.c */
	const char *mo_name;      /* for listings: "hda", "s5fs ino 12" */
} mobj_t;

/* Initializes an object with one reference, held by the caller. */
void mobj_init(mobj_t *o, mobj_type_t type, const mobj_ops_t *ops, const char *name);

/* Takes another reference to an object the caller holds one of. */
void mobj_ref(mobj_t *o);

/*
 * Gives a reference back.  The last one writes back the object's dirty
 * pages (pframe_free_obj()), drops them from the cache, calls
 * mo_ops->release (mo_shadowed already NULL) and then puts the object that
 * was mo_shadowed, in a loop down a chain (never a recursion).  KASSERTs
 * that none of its pages is pinned.
 */
void mobj_put(mobj_t *o);

#endif
