/*
 * Address spaces: the vmmap.
 *
 * A user process's address space is a list of areas (vmarea_t), each a run
 * of pages [vma_start, vma_end) that shows pages of one memory object
 * (mm/mobj.h) with one protection.  The list is sorted by vma_start and no
 * two areas overlap.  Addresses here are page numbers (vfn = vaddr >>
 * PAGE_SHIFT); user space is [USER_MIN_VFN, USER_MAX_VFN): never page 0
 * (a NULL dereference must fault) and never the kernel half.
 *
 * What an area shows:
 *
 *   MAP_SHARED   the object itself: an anonymous object, or a file's data
 *                object (vop_mmap()); every process mapping it sees every
 *                write, and a file's pages reach the disk.
 *   MAP_PRIVATE  a shadow object (vm/shadow.h) over that object: the first
 *                write to a page copies it into the shadow, so the writer
 *                alone sees its change (copy-on-write).
 *
 * Page vfn of an area is page vma_off + (vfn - vma_start) of vma_obj.  The
 * map does not hold the frames: the page fault handler (vm/pagefault.h) maps
 * an object's page into the process's page directory on first touch, and
 * vmmap_remove() unmaps them again when an area (or part of one) goes away.
 *
 * References.  An area holds one reference to vma_obj and, when the area
 * maps a file, one to the file's vnode (vma_vnode), which keeps the file
 * and its data object alive for as long as the mapping exists.  A vmmap owns
 * its areas.
 */
#ifndef KEEL_VM_VMMAP_H
#define KEEL_VM_VMMAP_H

#include "mm/mobj.h"
#include "types.h"
#include "util/list.h"

/* Protections and flags: Linux i386's values (mmap(2)). */
#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20

/* Which end vmmap_find_range() searches from. */
#define VMMAP_DIR_LOHI 1 /* the lowest free range */
#define VMMAP_DIR_HILO 2 /* the highest free range */

/* User space in page numbers: [USER_MIN_VFN, USER_MAX_VFN). */
#define USER_MIN_VFN 1u
#define USER_MAX_VFN 0xC0000u

struct vnode;
struct proc;
struct vmmap;

typedef struct vmarea {
	size_t vma_start;        /* first page number */
	size_t vma_end;          /* page number after the last */
	size_t vma_off;          /* page of vma_obj that vma_start shows */
	int vma_prot;            /* PROT_* */
	int vma_flags;           /* MAP_SHARED or MAP_PRIVATE (the others are not kept) */
	mobj_t *vma_obj;         /* a reference */
	struct vnode *vma_vnode; /* file-backed: a reference that keeps the file alive; else NULL */
	struct vmmap *vma_vmmap; /* the map it is on (set by vmmap_insert()) */
	list_link_t vma_plink;   /* on vma_vmmap->vmm_list, sorted by vma_start */
} vmarea_t;

typedef struct vmmap {
	list_t vmm_list;       /* vmarea_t by vma_plink, sorted by vma_start */
	struct proc *vmm_proc; /* whose page directory to unmap from; NULL for a detached map */
} vmmap_t;

/* An empty map with no process (vmm_proc NULL), or NULL when out of memory. */
vmmap_t *vmmap_create(void);

/*
 * Removes every area (as vmmap_remove() over all of user space: the pages
 * are unmapped from vmm_proc's page directory if it is set, the areas'
 * references are given back) and frees the map.
 */
void vmmap_destroy(vmmap_t *map);

/*
 * Puts 'vma' (not on any map; vma_start < vma_end, inside user space, not
 * overlapping any area of 'map': all KASSERTed) on 'map' in order of
 * vma_start and sets vma->vma_vmmap.  The map takes over the area.
 */
void vmmap_insert(vmmap_t *map, vmarea_t *vma);

/*
 * The first page number of a run of 'npages' (> 0) free pages of user
 * space: with VMMAP_DIR_LOHI the lowest such run, with VMMAP_DIR_HILO the
 * highest one (the run ends as high as possible).  A hole exactly npages
 * long fits.  -1 when no run of that length is free.
 */
ssize_t vmmap_find_range(vmmap_t *map, size_t npages, int dir);

/* The area that holds page 'vfn', or NULL. */
vmarea_t *vmmap_lookup(vmmap_t *map, size_t vfn);

/*
 * A new map (vmm_proc NULL) with a copy of each area of 'map': same range,
 * offset, protection and flags, sharing the same object and vnode (each
 * with a new reference).  Shadows for copy-on-write are do_fork()'s job,
 * not this function's.  NULL when out of memory (nothing is left behind).
 */
vmmap_t *vmmap_clone(vmmap_t *map);

/*
 * Maps 'npages' (> 0) pages with protection 'prot' and flags 'flags'
 * (exactly one of MAP_SHARED and MAP_PRIVATE; the others are ignored).
 *
 *   - The object: 'file' NULL maps a new anonymous object (vm/anon.h);
 *     else the file's data object from vop_mmap(file) (its error, e.g.
 *     -ENODEV, is returned), and the area keeps a reference to 'file' in
 *     vma_vnode.  'off' is the byte offset in that object of the first
 *     page (page aligned: KASSERTed; vma_off = off / PAGE_SIZE).
 *   - MAP_PRIVATE: the area's object is a new shadow object over that
 *     object; MAP_SHARED: the object itself.
 *   - Where: 'lopage' 0 means anywhere: vmmap_find_range(map, npages,
 *     dir), -ENOMEM when no range is free.  Else exactly at lopage
 *     (inside user space: KASSERTed), and whatever was mapped in
 *     [lopage, lopage + npages) is removed first (vmmap_remove()), as
 *     MAP_FIXED does.
 *
 * Returns 0 and, if new_vma is not NULL, the new area in *new_vma; or
 * -ENOMEM (no memory, no room) or the vnode's error, with the map
 * unchanged.
 */
int vmmap_map(vmmap_t *map, struct vnode *file, size_t lopage, size_t npages, int prot, int flags,
	      off_t off, int dir, vmarea_t **new_vma);

/*
 * Removes the pages [lopage, lopage + npages) from the map.  Each area
 * that overlaps the range is either
 *
 *   - inside it: removed (its references given back);
 *   - cut at its start (the range covers its first pages): vma_start moves
 *     up to lopage + npages and vma_off with it;
 *   - cut at its end: vma_end moves down to lopage;
 *   - split by a hole in its middle: it keeps [vma_start, lopage) and a new
 *     area shows [lopage + npages, old vma_end), with the right vma_off and
 *     new references to the same object and vnode.
 *
 * When vmm_proc is set, the removed pages are unmapped from its page
 * directory (and the TLB).  A range that overlaps nothing is fine.
 * Returns 0, or -ENOMEM when the new area of a split cannot be allocated
 * (then nothing changed).
 */
int vmmap_remove(vmmap_t *map, size_t lopage, size_t npages);

/* Whether no area overlaps [startvfn, startvfn + npages); true for npages 0. */
bool vmmap_is_range_empty(vmmap_t *map, size_t startvfn, size_t npages);

/*
 * Copies 'count' bytes at user address 'vaddr' of 'map' into 'buf',
 * through the areas' objects (the page-frame cache), never through a page
 * table and without faults; the protection is not checked.  A private
 * area's page comes from the first object of its shadow chain that holds
 * it.  Returns 0, -EFAULT if some byte of the range lies in no area, or
 * the error of reading a page (-ENOMEM, -EIO).
 */
int vmmap_read(vmmap_t *map, const void *vaddr, void *buf, size_t count);

/*
 * Copies 'count' bytes from 'buf' to user address 'vaddr' of 'map', as
 * vmmap_read() does, marking each page changed (pframe_dirty()).  A private
 * area's pages are its own copies (the shadow's page, copied from below
 * the first time), so other processes do not see the change; the process's
 * own page table entries for those pages are dropped so that its next
 * access sees the new copy.  0, -EFAULT, or a page's error.
 */
int vmmap_write(vmmap_t *map, void *vaddr, const void *buf, size_t count);

/* Support: a zeroed area, not on any map, or NULL when out of memory. */
vmarea_t *vmarea_alloc(void);

/*
 * Support: frees an area that is on no map, giving back its references
 * (vma_obj first, then vma_vnode, so a file's object goes before its
 * vnode).
 */
void vmarea_free(vmarea_t *vma);

/* Support: how many areas the map has (tests, listings). */
size_t vmmap_count(vmmap_t *map);

/*
 * Support: unmaps the pages [lo, hi) of 'map' from its process's page
 * directory (nothing when vmm_proc is NULL), flushing each page's TLB
 * entry.  First, each page of a MAP_SHARED area that the processor wrote
 * through the page table (PTE_D) is marked dirty in the page-frame cache,
 * so that a file's page written through a mapping reaches the disk (when
 * the page table still maps that page's frame: a truncation may have
 * detached it, mm/pframe.h).  Use
 * it wherever pages leave a process's page table (vmmap_remove(),
 * vmmap_destroy(), do_fork()), never pt_unmap_range() directly.
 */
void vmmap_unmap_pages(vmmap_t *map, size_t lo, size_t hi);

#endif
