/*
 * The page-frame cache: resident pages of memory objects (mm/mobj.h).
 *
 * One cache for the whole kernel holds each page of each memory object at
 * most once, found by (object, page number).  A user asks for a page with
 * pframe_get(), which returns it pinned (filled from backing store the first
 * time), reads or changes its PAGE_SIZE bytes at pf_addr, marks it dirty if
 * it changed it, and gives the pin back with pframe_put().  Between get and
 * put the page stays where it is: the cache never evicts or moves a pinned
 * page.  mm/pframe.c's opening comment explains eviction, write-back and the
 * locking.
 *
 * Eviction.  The cache holds at most pframe_max pages (the command line's
 * pframe_max=N, default half the free frames at boot, at least 8).  Asking for a
 * page that is not resident when the cache is full evicts the least recently
 * used page that is not pinned, writing it back first if it is dirty.  If
 * every page is pinned the cache grows past the limit rather than fail
 * (pinned pages are few and short-lived); it fails with -ENOMEM only when no
 * frame is left at all.  Pages of anonymous and shadow objects (MOBJ_ANON,
 * MOBJ_SHADOW: no backing store) are never evicted and do not count against
 * pframe_max: only free memory bounds them, and pframe_get() of such a page
 * fails with -ENOMEM when no frame is left.
 *
 * Write-back.  Dirty pages reach the disk when they are evicted, when
 * pframe_sync() or pframe_sync_obj() runs (the shell's `sync`, unmount,
 * halt), and when their object's last reference goes.  Pages of objects
 * without backing store (anonymous and shadow objects, whose flush returns
 * -EBUSY) are never written back: the syncs pass over them without
 * counting an error.
 *
 * Mapped pages.  The VM stage maps pages of the cache into user page
 * tables, where the processor reads and writes them with no pin held.  The
 * fault handler marks such a page with pframe_set_mapped(), and from then
 * on the page stays with its frame until its object dies: it is never
 * evicted, never dropped by pframe_shrink_all() and is off the LRU list.
 * It leaves the cache only with its object (the last mobj_put(), or the
 * file system emptying a file's object with pframe_move_dirty() or
 * pframe_discard_obj() when the file's vnode goes), which cannot happen
 * while a mapping exists: an area holds a reference to its object, and a
 * file mapping holds its vnode.  pframe_move() keeps the mark and the frame
 * (shadow_collapse() moves pages between objects of one chain, and a user
 * mapping of the frame stays right).  pframe_move_dirty() clears the mark:
 * the page is then the disk's, and no mapping of it is left.
 *
 * Truncating a mapped file.  A file can be emptied (open with O_TRUNC)
 * while processes map it, and its file system then pframe_discard()s the
 * file's pages.  A mapped page is not dropped: it is detached.  It keeps
 * its frame, its bytes and its mark, leaves its page number (it takes a
 * number of its own from PFRAME_DETACHED_MIN up, which no object ever asks
 * for) and is never written back (clean, pf_hint 0).  So a process that
 * mapped the page before the truncation goes on seeing the bytes it saw,
 * and what it writes there goes nowhere, as long as its page table keeps
 * the page (munmap(), exec, exit, and fork(), which unmaps every page of
 * the parent, take it out).  The file itself reads as empty, and any later
 * fault on that part of the file (in any process) gets the file's current
 * page, filled as usual (zeros past the end of the file).  Nothing the
 * truncation detached is ever freed while mapped: the detached page leaves
 * the cache with its
 * object, like every mapped page.  (Linux instead sends SIGBUS on an
 * access past the end of the file; Keel never frees a mapped frame, and
 * keeps no list of the page tables that map one, so it cannot take the
 * page away.)
 */
#ifndef KEEL_MM_PFRAME_H
#define KEEL_MM_PFRAME_H

#include "mm/mobj.h"
#include "types.h"
#include "util/list.h"

typedef struct pframe {
	mobj_t *pf_obj;      /* the object the page belongs to */
	uint32_t pf_pagenum; /* which page of it */
	void *pf_addr;       /* its PAGE_SIZE bytes (a kernel address) */
	int pf_pincount;     /* pins: pframe_get() adds one, pframe_put() takes it */
	bool pf_dirty;       /* changed since it was filled or last written back */
	bool pf_busy;        /* being filled or written back: wait before using */
	bool pf_mapped;      /* in a user page table (see above): stays until its object dies */
	uint32_t pf_hint;    /* the object's own use (S5FS file pages: the disk block) */
	list_link_t pf_hash_link; /* on its hash chain; owned by pframe.c */
	list_link_t pf_lru_link;  /* on the LRU list when unpinned; owned by pframe.c */
	list_link_t pf_obj_link;  /* on pf_obj->mo_pframes; owned by pframe.c */
} pframe_t;

/*
 * Page numbers from here up belong to the cache: detached pages (see
 * "Truncating a mapped file" above).  pframe_get() KASSERTs that no object
 * asks for one.
 */
#define PFRAME_DETACHED_MIN 0x80000000u

/* The cache's counters (pframe_stats()), for `pframes` and `kpframes`. */
typedef struct pframe_stats {
	size_t ps_resident;     /* pages in the cache */
	size_t ps_max;          /* the limit (pframe_max) */
	size_t ps_pinned;       /* pages pinned now */
	size_t ps_dirty;        /* pages dirty now */
	size_t ps_mapped;       /* pages marked mapped (pframe_set_mapped()) now */
	uint32_t ps_hits;       /* pframe_get() found the page resident */
	uint32_t ps_misses;     /* pframe_get() had to fill it */
	uint32_t ps_evictions;  /* pages evicted to make room */
	uint32_t ps_writebacks; /* dirty pages written back (for any reason) */
} pframe_stats_t;

/* Sets up the cache (the limit from the command line).  Idempotent. */
void pframe_init(void);

/*
 * Page 'pagenum' of object 'o', pinned, in *result.  When it is not
 * resident a frame is taken (evicting another page if the cache is full)
 * and filled with o->mo_ops->fill.  May sleep (filling, evicting, waiting
 * for another thread's fill of the same page).  Returns 0, or -ENOMEM (no
 * frame at all), or the error of fill (-EIO), with nothing pinned.  The
 * caller holds a reference to 'o'.
 */
int pframe_get(mobj_t *o, uint32_t pagenum, pframe_t **result);

/*
 * The resident page 'pagenum' of 'o', pinned, or NULL if it is not in the
 * cache (nothing is filled).  May sleep (waiting for a fill or write-back
 * in progress).
 */
pframe_t *pframe_find(mobj_t *o, uint32_t pagenum);

/*
 * Moves an unpinned resident page to another object and page number
 * without copying or writing it (S5FS hands a closed file's dirty pages to
 * the block device's object, keyed by disk block, so closing never waits
 * for the disk).  A page already resident at the destination is dropped
 * first.  KASSERTs that 'pf' is neither pinned nor busy.  Does not sleep
 * unless the destination page is busy.
 */
void pframe_move(pframe_t *pf, mobj_t *to, uint32_t pagenum);

/*
 * Empties object 'from' without sleeping: each page with a pf_hint that is
 * dirty, or busy being written back (an eviction in another thread), moves
 * to 'to' as page pf_hint, and the write-back finishes under that name;
 * every other page is dropped.  KASSERTs that none is pinned.
 */
void pframe_move_dirty(mobj_t *from, mobj_t *to);

/* Whether page 'pagenum' of 'o' is in the cache (busy or not).  Never sleeps. */
bool pframe_resident(mobj_t *o, uint32_t pagenum);

/*
 * Read-ahead: puts page 'pagenum' of 'o', not yet resident, into the cache
 * with a copy of the PAGE_SIZE bytes at 'data' (clean, unpinned, pf_hint
 * 'hint'), as if it had been filled.  Never sleeps and never evicts:
 * returns 0, or -EEXIST (already resident), -ENOMEM (the cache is at its
 * limit or no frame is free).
 */
int pframe_preload(mobj_t *o, uint32_t pagenum, const void *data, uint32_t hint);

/*
 * Read-ahead without a copy: as pframe_preload(), but the page is the
 * frame 'frame' itself (page-aligned, from page_alloc() or one page of a
 * page_alloc_run(), already holding the data).  On 0 the cache owns the
 * frame and frees it with page_free() when the page leaves; on -EEXIST or
 * -ENOMEM the frame is still the caller's.  Never sleeps, never evicts.
 */
int pframe_preload_frame(mobj_t *o, uint32_t pagenum, void *frame, uint32_t hint);

/* Another pin on a page the caller has pinned. */
void pframe_pin(pframe_t *pf);

/*
 * Gives back one pin.  A page with no pins may be evicted from now on.
 * KASSERTs that it was pinned.
 */
void pframe_put(pframe_t *pf);

/* Marks a pinned page changed: it is written back before it leaves the cache. */
void pframe_dirty(pframe_t *pf);

/*
 * Marks a pinned page as mapped into a user page table (see "Mapped pages"
 * above): it is never evicted or shrunk away from now on, until its
 * object's last reference goes.
 */
void pframe_set_mapped(pframe_t *pf);

/*
 * Drops page 'pagenum' of 'o' from the cache without writing it back (the
 * block it caches was freed, or is about to be used by another object).
 * Nothing happens if it is not resident.  A page marked mapped is not
 * freed but detached (see "Truncating a mapped file" above): page
 * 'pagenum' of 'o' is no longer resident afterwards either way.  KASSERTs
 * that it is not pinned.  May sleep (waiting for a fill or write-back in
 * progress).
 */
void pframe_discard(mobj_t *o, uint32_t pagenum);

/*
 * Drops every page of 'o' without writing any back (the file was deleted).
 * KASSERTs that none is pinned.
 */
void pframe_discard_obj(mobj_t *o);

/*
 * Writes back every dirty page of 'o'.  Returns 0, or the first error of
 * flush (the other pages are still written; a failed page stays dirty).
 */
int pframe_sync_obj(mobj_t *o);

/* Writes back every dirty page in the cache.  0 or the first error. */
int pframe_sync(void);

/*
 * Writes back and drops every page of 'o' (unmount, and an object's last
 * put).  0 or the first write-back error (the page is dropped anyway and
 * the error reported, so an unmount always completes).
 */
int pframe_free_obj(mobj_t *o);

/*
 * Writes back every dirty page and drops every page that is not pinned
 * (nor mapped, nor a dirty page without backing store):
 * the cache returns its frames (the test harness's leak check, and memory
 * pressure).  Returns how many pages were dropped.
 */
size_t pframe_shrink_all(void);

/* The counters. */
void pframe_stats(pframe_stats_t *st);
/* Zeroes the hit, miss, eviction and write-back counters (benchmarks, tests). */
void pframe_stats_reset(void);
/* Changes the limit (tests force eviction); at least 4.  Returns the old one. */
size_t pframe_set_max(size_t max);

#endif
