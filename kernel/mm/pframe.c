/*
 * The page-frame cache (support code; the contract is in mm/pframe.h and
 * mm/mobj.h).
 *
 * What it is for.  A disk is thousands of times slower than memory, and a
 * file system reads the same few blocks (the superblock, inode table
 * blocks, directories) over and over.  The cache keeps recently used pages
 * of every memory object in memory: a file's data pages, keyed by its
 * vnode's object, and the disk's metadata blocks, keyed by the block
 * device's object.  The VM stage adds anonymous and shadow objects and
 * maps the very same frames into user address spaces.
 *
 * The pieces:
 *
 *   pf_hash      every resident page, in buckets by (object, page number):
 *                pframe_get() finds a page in O(1)
 *   mo_pframes   each object's own pages: syncing or dropping one object
 *                does not search the whole cache
 *   pf_lru       the unpinned pages, least recently used first: the
 *                eviction order.  A page leaves the list while pinned and
 *                goes back to its tail when its last pin is put.
 *
 * The life of a page:
 *
 *   pframe_get() miss   a frame is taken (evicting the LRU head if the
 *                       cache is full), the page is hashed, marked busy and
 *                       pinned, and mo_ops->fill runs; then busy is cleared
 *                       and any thread that waited for it wakes up
 *   pframe_get() hit    the pin count goes up (waiting first if busy)
 *   pframe_dirty()      the page must reach backing store before it leaves
 *   pframe_put()        the pin count goes down; at 0 onto the LRU's tail
 *   write-back          busy while mo_ops->flush runs; dirty is cleared
 *                       before it starts, so a change made while the write
 *                       is in flight (by a thread holding a pin) marks it
 *                       dirty again and is not lost
 *   eviction, discard   out of the hash, the object and the LRU; frame freed
 *
 * Locking.  Keel runs on one CPU and the kernel is not preemptible, so the
 * cache's lists change only between sleeps.  The sleeps are mo_ops->fill and
 * mo_ops->flush (disk I/O): during them the page is busy, and every path
 * that meets a busy page sleeps on pf_waitq and starts its search again,
 * because anything may have changed meanwhile.  Two threads asking for the
 * same missing page therefore fill it once.
 *
 * Pins.  A pinned page is never evicted, discarded or moved, so its pf_addr
 * stays valid until the matching pframe_put().  A mapped page
 * (pframe_set_mapped(), mm/pframe.h) is like a page pinned until its object
 * dies: it never goes on the LRU list, so eviction and pframe_shrink_all()
 * never see it.  Who pins what: S5FS pins
 * its superblock's page for as long as it is mounted, and pins any other
 * page (an inode table block, an indirect block, a directory block, a file
 * page being copied) only while one operation uses it.
 */
#include "mm/pframe.h"
#include "errno.h"
#include "main/cmdline.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/slab.h"
#include "proc/sched.h"
#include "util/debug.h"
#include "util/string.h"

#define PF_HASH_SIZE 512

static slab_allocator_t *pframe_cache;
static list_t pf_hash[PF_HASH_SIZE];
static list_t pf_lru = LIST_INITIALIZER(pf_lru);
static ktqueue_t pf_waitq;
static bool pf_ready;

/* The counters; global so that GDB's kpframes can read them by name. */
pframe_stats_t pframe_counters;

static void pframe_setup(void)
{
	if (pf_ready) {
		return;
	}
	pframe_cache = slab_allocator_create("pframe", sizeof(pframe_t));
	KASSERT(pframe_cache != NULL);
	for (int i = 0; i < PF_HASH_SIZE; i++) {
		list_init(&pf_hash[i]);
	}
	sched_queue_init(&pf_waitq);
	long dflt = (long)(page_free_count() / 2);
	long max = cmdline_get_int(&kernel_cmdline, "pframe_max", dflt);
	pframe_counters.ps_max = max < 4 ? 4 : (size_t)max;
	pf_ready = true;
	dbg(DBG_MM, "page-frame cache: at most %zu pages\n", pframe_counters.ps_max);
}

void pframe_init(void)
{
	pframe_setup();
}

void mobj_init(mobj_t *o, mobj_type_t type, const mobj_ops_t *ops, const char *name)
{
	KASSERT(ops != NULL && ops->fill != NULL && ops->flush != NULL && ops->release != NULL);
	memset(o, 0, sizeof(*o));
	o->mo_ops = ops;
	o->mo_type = type;
	o->mo_refcount = 1;
	o->mo_name = name;
	list_init(&o->mo_pframes);
}

void mobj_ref(mobj_t *o)
{
	KASSERT(o->mo_refcount > 0);
	o->mo_refcount++;
}

/* A loop, not a recursion: a chain of shadow objects may be long. */
void mobj_put(mobj_t *o)
{
	while (o != NULL) {
		KASSERT(o->mo_refcount > 0);
		if (--o->mo_refcount > 0) {
			return;
		}
		pframe_free_obj(o);
		mobj_t *below = o->mo_shadowed;
		o->mo_shadowed = NULL;
		o->mo_ops->release(o);
		o = below;
	}
}

static list_t *pf_bucket(const mobj_t *o, uint32_t pagenum)
{
	uint32_t h = ((uint32_t)(uintptr_t)o >> 4) ^ (pagenum * 2654435761u);
	return &pf_hash[(h ^ (h >> 16)) % PF_HASH_SIZE];
}

static pframe_t *pf_lookup(const mobj_t *o, uint32_t pagenum)
{
	list_t *b = pf_bucket(o, pagenum);
	for (list_link_t *l = b->l_next; l != b; l = l->l_next) {
		pframe_t *pf = container_of(l, pframe_t, pf_hash_link);
		if (pf->pf_obj == o && pf->pf_pagenum == pagenum) {
			return pf;
		}
	}
	return NULL;
}

/*
 * Pages of objects without backing store (anonymous and shadow memory) can
 * never be evicted: they are never on the LRU list and do not count against
 * pframe_max; free memory alone bounds them.  pf_unevictable counts them.
 */
static size_t pf_unevictable;

static bool pf_obj_evictable(const mobj_t *o)
{
	return o->mo_type != MOBJ_ANON && o->mo_type != MOBJ_SHADOW;
}

/* The pages that count against pframe_max. */
static size_t pf_cached(void)
{
	return pframe_counters.ps_resident - pf_unevictable;
}

/* Puts an unpinned, unmapped page of an evictable object on the LRU list. */
static void pf_lru_add(pframe_t *pf)
{
	if (pf->pf_pincount == 0 && !pf->pf_mapped && pf_obj_evictable(pf->pf_obj) &&
	    !list_link_is_linked(&pf->pf_lru_link)) {
		list_insert_tail(&pf_lru, &pf->pf_lru_link);
	}
}

/* Takes an unpinned, idle page out of every list and frees it. */
static void pf_drop(pframe_t *pf)
{
	KASSERT(pf->pf_pincount == 0 && !pf->pf_busy);
	list_remove(&pf->pf_hash_link);
	list_remove(&pf->pf_obj_link);
	if (list_link_is_linked(&pf->pf_lru_link)) {
		list_remove(&pf->pf_lru_link);
	}
	if (pf->pf_dirty) {
		pframe_counters.ps_dirty--;
	}
	if (pf->pf_mapped) {
		pframe_counters.ps_mapped--;
	}
	pf->pf_obj->mo_npages--;
	pframe_counters.ps_resident--;
	if (!pf_obj_evictable(pf->pf_obj)) {
		pf_unevictable--;
	}
	page_free(pf->pf_addr);
	slab_obj_free(pframe_cache, pf);
}

/* Writes back one dirty, idle page.  May sleep; 0 or the flush's error. */
static int pf_writeback(pframe_t *pf)
{
	KASSERT(pf->pf_dirty && !pf->pf_busy);
	pf->pf_busy = true;
	pf->pf_dirty = false;
	pframe_counters.ps_dirty--;
	int err = pf->pf_obj->mo_ops->flush(pf->pf_obj, pf);
	pf->pf_busy = false;
	if (err < 0) {
		if (!pf->pf_dirty) {
			pf->pf_dirty = true;
			pframe_counters.ps_dirty++;
		}
		dbg(DBG_MM, "write-back of %s page %u failed (%d)\n", pf->pf_obj->mo_name,
		    (unsigned)pf->pf_pagenum, err);
	} else {
		pframe_counters.ps_writebacks++;
	}
	sched_broadcast_on(&pf_waitq);
	return err;
}

/*
 * Evicts the least recently used page that can go (writing it back first
 * if dirty).  May sleep.  Returns whether a page was freed.
 */
static bool pf_evict_one(void)
{
	size_t tries = pframe_counters.ps_resident + 1;
	while (tries-- > 0 && !list_empty(&pf_lru)) {
		pframe_t *pf = container_of(list_head(&pf_lru), pframe_t, pf_lru_link);
		KASSERT(pf->pf_pincount == 0);
		if (pf->pf_busy) {
			list_remove(&pf->pf_lru_link);
			list_insert_tail(&pf_lru, &pf->pf_lru_link);
			continue;
		}
		if (pf->pf_dirty) {
			/* Off the list while it is written, so no one else picks it. */
			list_remove(&pf->pf_lru_link);
			int err = pf_writeback(pf);
			if (pf->pf_pincount > 0 || pf->pf_mapped) {
				continue; /* someone pinned or mapped it meanwhile: it stays */
			}
			pf_lru_add(pf);
			if (err < 0 || pf->pf_dirty) {
				continue;
			}
		}
		pframe_counters.ps_evictions++;
		pf_drop(pf);
		return true;
	}
	return false;
}

int pframe_get(mobj_t *o, uint32_t pagenum, pframe_t **result)
{
	pframe_setup();
	KASSERT(o != NULL && o->mo_refcount > 0 && result != NULL);
	KASSERT(pagenum < PFRAME_DETACHED_MIN && "pframe_get() of a detached page number");
	for (;;) {
		pframe_t *pf = pf_lookup(o, pagenum);
		if (pf != NULL) {
			if (pf->pf_busy) {
				sched_sleep_on(&pf_waitq);
				continue;
			}
			pframe_counters.ps_hits++;
			pframe_pin(pf);
			*result = pf;
			return 0;
		}
		while (pf_obj_evictable(o) && pf_cached() >= pframe_counters.ps_max &&
		       pf_evict_one()) {
		}
		void *addr = page_alloc();
		while (addr == NULL && pf_evict_one()) {
			addr = page_alloc();
		}
		if (addr == NULL) {
			return -ENOMEM;
		}
		pf = slab_obj_alloc(pframe_cache);
		if (pf == NULL) {
			page_free(addr);
			return -ENOMEM;
		}
		if (pf_lookup(o, pagenum) != NULL) {
			/* Filled by another thread while this one evicted: use that. */
			slab_obj_free(pframe_cache, pf);
			page_free(addr);
			continue;
		}
		memset(pf, 0, sizeof(*pf));
		pf->pf_obj = o;
		pf->pf_pagenum = pagenum;
		pf->pf_addr = addr;
		pf->pf_pincount = 1;
		pf->pf_busy = true;
		list_link_init(&pf->pf_lru_link);
		list_insert_tail(pf_bucket(o, pagenum), &pf->pf_hash_link);
		list_insert_tail(&o->mo_pframes, &pf->pf_obj_link);
		o->mo_npages++;
		pframe_counters.ps_resident++;
		if (!pf_obj_evictable(o)) {
			pf_unevictable++;
		}
		pframe_counters.ps_pinned++;
		pframe_counters.ps_misses++;
		int err = o->mo_ops->fill(o, pf);
		pf->pf_busy = false;
		sched_broadcast_on(&pf_waitq);
		if (err < 0) {
			pf->pf_pincount = 0;
			pframe_counters.ps_pinned--;
			pf_drop(pf);
			return err;
		}
		*result = pf;
		return 0;
	}
}

pframe_t *pframe_find(mobj_t *o, uint32_t pagenum)
{
	if (!pf_ready) {
		return NULL;
	}
	for (;;) {
		pframe_t *pf = pf_lookup(o, pagenum);
		if (pf != NULL && pf->pf_busy) {
			sched_sleep_on(&pf_waitq);
			continue;
		}
		if (pf != NULL) {
			pframe_pin(pf);
		}
		return pf;
	}
}

/*
 * Gives 'pf' a new identity (object 'to', page 'pagenum'), dropping an idle
 * page already there.  The page itself may be busy: a write-back in flight
 * finishes under the new name.
 */
static void pf_rekey(pframe_t *pf, mobj_t *to, uint32_t pagenum)
{
	pframe_t *old;
	while ((old = pf_lookup(to, pagenum)) != NULL) {
		if (old->pf_busy) {
			sched_sleep_on(&pf_waitq);
			continue;
		}
		KASSERT(old->pf_pincount == 0 && "pframe_move() onto a pinned page");
		KASSERT(!old->pf_mapped && "pframe_move() onto a mapped page");
		pf_drop(old);
	}
	list_remove(&pf->pf_hash_link);
	list_remove(&pf->pf_obj_link);
	pf->pf_obj->mo_npages--;
	if (pf_obj_evictable(pf->pf_obj) != pf_obj_evictable(to)) {
		if (pf_obj_evictable(to)) {
			pf_unevictable--;
		} else {
			pf_unevictable++;
			if (list_link_is_linked(&pf->pf_lru_link)) {
				list_remove(&pf->pf_lru_link);
			}
		}
	}
	pf->pf_obj = to;
	pf->pf_pagenum = pagenum;
	pf->pf_hint = 0;
	list_insert_tail(pf_bucket(to, pagenum), &pf->pf_hash_link);
	list_insert_tail(&to->mo_pframes, &pf->pf_obj_link);
	to->mo_npages++;
	if (!pf->pf_busy) {
		pf_lru_add(pf); /* it may have become evictable */
	}
}

void pframe_move(pframe_t *pf, mobj_t *to, uint32_t pagenum)
{
	KASSERT(pf->pf_pincount == 0 && !pf->pf_busy);
	pf_rekey(pf, to, pagenum);
}

void pframe_move_dirty(mobj_t *from, mobj_t *to)
{
	while (!list_empty(&from->mo_pframes)) {
		pframe_t *pf = container_of(list_head(&from->mo_pframes), pframe_t, pf_obj_link);
		KASSERT(pf->pf_pincount == 0 && "pframe_move_dirty() of a pinned page");
		if (pf->pf_busy && pf->pf_hint == 0) {
			sched_sleep_on(
			    &pf_waitq); /* cannot happen for S5FS: such a flush never sleeps */
			continue;
		}
		if (pf->pf_mapped) {
			/* The file's vnode is going: no mapping of it is left. */
			pf->pf_mapped = false;
			pframe_counters.ps_mapped--;
			pf_lru_add(pf);
		}
		if (pf->pf_busy || (pf->pf_dirty && pf->pf_hint != 0)) {
			/*
			 * Dirty, or being written back by an eviction right now: the
			 * disk's object takes it over without waiting.
			 */
			pf_rekey(pf, to, pf->pf_hint);
		} else {
			pf_drop(pf);
		}
	}
}

bool pframe_resident(mobj_t *o, uint32_t pagenum)
{
	return pf_ready && pf_lookup(o, pagenum) != NULL;
}

/* Hashes 'addr' in as page 'pagenum' of 'o', clean and unpinned (read-ahead). */
static int pf_insert_clean(mobj_t *o, uint32_t pagenum, void *addr, uint32_t hint)
{
	pframe_t *pf = slab_obj_alloc(pframe_cache);
	if (pf == NULL) {
		return -ENOMEM;
	}
	memset(pf, 0, sizeof(*pf));
	pf->pf_obj = o;
	pf->pf_pagenum = pagenum;
	pf->pf_addr = addr;
	pf->pf_hint = hint;
	list_insert_tail(pf_bucket(o, pagenum), &pf->pf_hash_link);
	list_insert_tail(&o->mo_pframes, &pf->pf_obj_link);
	list_link_init(&pf->pf_lru_link);
	o->mo_npages++;
	pframe_counters.ps_resident++;
	if (!pf_obj_evictable(o)) {
		pf_unevictable++;
	}
	pf_lru_add(pf);
	return 0;
}

int pframe_preload(mobj_t *o, uint32_t pagenum, const void *data, uint32_t hint)
{
	pframe_setup();
	if (pf_lookup(o, pagenum) != NULL) {
		return -EEXIST;
	}
	if (pf_obj_evictable(o) && pf_cached() >= pframe_counters.ps_max) {
		return -ENOMEM;
	}
	void *addr = page_alloc();
	if (addr == NULL) {
		return -ENOMEM;
	}
	memcpy(addr, data, PAGE_SIZE);
	int err = pf_insert_clean(o, pagenum, addr, hint);
	if (err < 0) {
		page_free(addr);
	}
	return err;
}

int pframe_preload_frame(mobj_t *o, uint32_t pagenum, void *frame, uint32_t hint)
{
	pframe_setup();
	KASSERT(IS_ALIGNED((uintptr_t)frame, PAGE_SIZE));
	if (pf_lookup(o, pagenum) != NULL) {
		return -EEXIST;
	}
	if (pf_obj_evictable(o) && pf_cached() >= pframe_counters.ps_max) {
		return -ENOMEM;
	}
	return pf_insert_clean(o, pagenum, frame, hint);
}

void pframe_pin(pframe_t *pf)
{
	if (pf->pf_pincount++ == 0) {
		pframe_counters.ps_pinned++;
		if (list_link_is_linked(&pf->pf_lru_link)) {
			list_remove(&pf->pf_lru_link);
		}
	}
}

void pframe_put(pframe_t *pf)
{
	KASSERT(pf->pf_pincount > 0 && "pframe_put() of a page that is not pinned");
	if (--pf->pf_pincount == 0) {
		pframe_counters.ps_pinned--;
		pf_lru_add(pf);
	}
}

void pframe_dirty(pframe_t *pf)
{
	KASSERT(pf->pf_pincount > 0 && "pframe_dirty() of a page that is not pinned");
	if (!pf->pf_dirty) {
		pf->pf_dirty = true;
		pframe_counters.ps_dirty++;
	}
}

void pframe_set_mapped(pframe_t *pf)
{
	KASSERT(pf->pf_pincount > 0 && "pframe_set_mapped() of a page that is not pinned");
	if (!pf->pf_mapped) {
		pf->pf_mapped = true;
		pframe_counters.ps_mapped++;
		if (list_link_is_linked(&pf->pf_lru_link)) {
			list_remove(&pf->pf_lru_link);
		}
	}
}

/* The next page number a detached page may take (pframe_discard()). */
static uint32_t pf_next_detached = PFRAME_DETACHED_MIN;

/*
 * Gives a mapped page that its object no longer wants a page number of
 * its own, clean and with no block, so that the user mappings of its frame
 * stay valid until its object dies.
 */
static void pf_detach(pframe_t *pf)
{
	while (pf_lookup(pf->pf_obj, pf_next_detached) != NULL) {
		pf_next_detached++;
	}
	uint32_t num = pf_next_detached;
	pf_next_detached = num + 1 < PFRAME_DETACHED_MIN ? PFRAME_DETACHED_MIN : num + 1;
	if (pf->pf_dirty) {
		pf->pf_dirty = false;
		pframe_counters.ps_dirty--;
	}
	pf_rekey(pf, pf->pf_obj, num); /* clears pf_hint */
	dbg(DBG_MM, "%s: a mapped page detached as page %#x\n", pf->pf_obj->mo_name, (unsigned)num);
}

void pframe_discard(mobj_t *o, uint32_t pagenum)
{
	if (!pf_ready) {
		return;
	}
	for (;;) {
		pframe_t *pf = pf_lookup(o, pagenum);
		if (pf == NULL) {
			return;
		}
		if (pf->pf_busy) {
			sched_sleep_on(&pf_waitq);
			continue;
		}
		KASSERT(pf->pf_pincount == 0 && "pframe_discard() of a pinned page");
		if (pf->pf_mapped) {
			pf_detach(pf);
		} else {
			pf_drop(pf);
		}
		return;
	}
}

void pframe_discard_obj(mobj_t *o)
{
	while (!list_empty(&o->mo_pframes)) {
		pframe_t *pf = container_of(list_head(&o->mo_pframes), pframe_t, pf_obj_link);
		if (pf->pf_busy) {
			sched_sleep_on(&pf_waitq);
			continue;
		}
		KASSERT(pf->pf_pincount == 0 &&
			"pframe_discard_obj() of an object with a pinned page");
		pf_drop(pf);
	}
}

/*
 * One write-back pass over a list of pages (an object's, or a hash
 * bucket).  Each write-back sleeps and the list may change meanwhile, so
 * the search starts again after each one; the first failure ends the pass
 * (the disk is failing: report it rather than spin).  A page whose object
 * has no backing store (flush says -EBUSY at once, without sleeping) is
 * not a failure: it stays dirty and the search goes on after it.
 */
static int pf_sync_list(list_t *list, size_t offset)
{
	int first_err = 0;
	size_t limit = pframe_counters.ps_resident + 1;
	list_link_t *from = list->l_next;
	while (limit > 0) {
		pframe_t *pf = NULL;
		for (list_link_t *l = from; l != list; l = l->l_next) {
			pframe_t *cand = (pframe_t *)((char *)l - offset);
			if (cand->pf_dirty && !cand->pf_busy) {
				pf = cand;
				break;
			}
		}
		if (pf == NULL) {
			break;
		}
		int err = pf_writeback(pf);
		if (err == -EBUSY) {
			/* Did not sleep: the list is as it was, go on after this page. */
			from = ((list_link_t *)((char *)pf + offset))->l_next;
			continue;
		}
		limit--;
		if (err < 0) {
			if (first_err == 0) {
				first_err = err;
			}
			break;
		}
		from = list->l_next;
	}
	return first_err;
}

int pframe_sync_obj(mobj_t *o)
{
	return pf_sync_list(&o->mo_pframes, offsetof(pframe_t, pf_obj_link));
}

int pframe_sync(void)
{
	if (!pf_ready) {
		return 0;
	}
	int first_err = 0;
	for (int i = 0; i < PF_HASH_SIZE; i++) {
		int err = pf_sync_list(&pf_hash[i], offsetof(pframe_t, pf_hash_link));
		if (err < 0 && first_err == 0) {
			first_err = err;
		}
	}
	return first_err;
}

int pframe_free_obj(mobj_t *o)
{
	int err = pframe_sync_obj(o);
	pframe_discard_obj(o);
	return err;
}

size_t pframe_shrink_all(void)
{
	if (!pf_ready) {
		return 0;
	}
	pframe_sync();
	size_t dropped = 0;
	for (list_link_t *l = pf_lru.l_next; l != &pf_lru;) {
		pframe_t *pf = container_of(l, pframe_t, pf_lru_link);
		l = l->l_next;
		if (!pf->pf_busy && !pf->pf_dirty && pf->pf_pincount == 0) {
			pf_drop(pf);
			dropped++;
		}
	}
	return dropped;
}

void pframe_stats(pframe_stats_t *st)
{
	pframe_setup();
	*st = pframe_counters;
}

void pframe_stats_reset(void)
{
	pframe_counters.ps_hits = 0;
	pframe_counters.ps_misses = 0;
	pframe_counters.ps_evictions = 0;
	pframe_counters.ps_writebacks = 0;
}

size_t pframe_set_max(size_t max)
{
	pframe_setup();
	size_t old = pframe_counters.ps_max;
	pframe_counters.ps_max = max < 4 ? 4 : max;
	while (pf_cached() > pframe_counters.ps_max && pf_evict_one()) {
	}
	return old;
}
