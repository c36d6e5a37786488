/*
 * The physical page allocator: one bit per frame, set when the frame is in
 * use (or not memory at all).
 *
 * page_init() starts with every frame marked used, frees the frames the
 * Multiboot memory map calls available, and marks used again the first MiB
 * (BIOS data, VGA memory) and the kernel image.  Single frames are found by
 * a next-fit scan from where the last one was found, skipping full words;
 * runs by a first-fit scan with the requested alignment.  The bitmap and the
 * per-frame page_info array are static, sized for the direct map (512 MiB).
 *
 * Every operation masks interrupts: an interrupt handler may free memory.
 */
#include "mm/page.h"
#include "boot/interrupt.h"
#include "boot/multiboot.h"
#include "mm/mm.h"
#include "util/bitmap.h"
#include "util/debug.h"
#include "util/kprintf.h"

#define MAX_FRAMES (DIRECT_MAP_SIZE / PAGE_SIZE)

static uint32_t frame_map[BITMAP_WORDS(MAX_FRAMES)];
static page_info_t frame_info[MAX_FRAMES];
static size_t nframes;      /* frames covered by the bitmap */
static size_t free_frames;  /* clear bits */
static size_t total_frames; /* frames ever freed into the allocator */
static size_t next_hint;    /* where the next single-frame search starts */

static size_t frame_of(const void *va)
{
	return virt_to_phys(va) / PAGE_SIZE;
}

static void *frame_addr(size_t frame)
{
	return phys_to_virt(frame * PAGE_SIZE);
}

page_info_t *page_info(const void *addr)
{
	size_t frame = frame_of(addr);
	KASSERT(frame < nframes);
	return &frame_info[frame];
}

void *page_alloc(void)
{
	uint32_t flags = intr_save();
	size_t frame = bitmap_find_clear(frame_map, nframes, next_hint);
	if (frame == nframes) {
		frame = bitmap_find_clear(frame_map, nframes, 0);
	}
	void *page = NULL;
	if (frame < nframes) {
		bitmap_set(frame_map, frame);
		free_frames--;
		next_hint = frame + 1;
		page = frame_addr(frame);
	}
	intr_restore(flags);
	return page;
}

void page_free(void *page)
{
	KASSERT(IS_ALIGNED((uintptr_t)page, PAGE_SIZE));
	size_t frame = frame_of(page);
	uint32_t flags = intr_save();
	KASSERT(frame < nframes && bitmap_test(frame_map, frame) && "freeing a free frame");
	bitmap_clear(frame_map, frame);
	frame_info[frame] = (page_info_t){0};
	free_frames++;
	intr_restore(flags);
}

void *page_alloc_run(size_t npages, size_t align)
{
	KASSERT(npages > 0 && align >= PAGE_SIZE && (align & (align - 1)) == 0);
	uint32_t flags = intr_save();
	size_t frame = bitmap_find_clear_run(frame_map, nframes, npages, align / PAGE_SIZE);
	void *start = NULL;
	if (frame < nframes) {
		bitmap_set_range(frame_map, frame, npages);
		free_frames -= npages;
		start = frame_addr(frame);
	}
	intr_restore(flags);
	return start;
}

void page_free_run(void *start, size_t npages)
{
	for (size_t i = 0; i < npages; i++) {
		page_free((char *)start + i * PAGE_SIZE);
	}
}

size_t page_free_count(void)
{
	return free_frames;
}

size_t page_total_count(void)
{
	return total_frames;
}

bool page_allocated(const void *page)
{
	size_t frame = frame_of(page);
	return frame >= nframes || bitmap_test(frame_map, frame);
}

/* Marks [lo, hi) (physical byte addresses) free or used, clipped to the bitmap. */
static void mark_range(uint64_t lo, uint64_t hi, bool used)
{
	uint64_t first = (lo + PAGE_SIZE - 1) / PAGE_SIZE; /* free only whole frames */
	uint64_t last = hi / PAGE_SIZE;
	if (used) {
		first = lo / PAGE_SIZE; /* reserve every frame touched */
		last = (hi + PAGE_SIZE - 1) / PAGE_SIZE;
	}
	last = MIN(last, (uint64_t)nframes);
	for (uint64_t f = first; f < last; f++) {
		if (used) {
			bitmap_set(frame_map, f);
		} else {
			bitmap_clear(frame_map, f);
		}
	}
}

void page_init(const multiboot_info_t *mbi)
{
	KASSERT(mbi->flags & MULTIBOOT_INFO_MMAP);
	nframes = MAX_FRAMES;
	bitmap_set_range(frame_map, 0, nframes);

	uint32_t pos = mbi->mmap_addr, end = mbi->mmap_addr + mbi->mmap_length;
	uint64_t top = 0;
	while (pos < end) {
		const multiboot_mmap_entry_t *e = phys_to_virt(pos);
		dbg(DBG_MM, "memory map: 0x%08llx-0x%08llx type %u\n", e->addr, e->addr + e->len,
		    e->type);
		if (e->type == MULTIBOOT_MEMORY_AVAILABLE) {
			mark_range(e->addr, e->addr + e->len, false);
			top = MAX(top, e->addr + e->len);
		}
		pos += e->size + sizeof(e->size);
	}
	nframes = MIN((size_t)(top / PAGE_SIZE), (size_t)MAX_FRAMES);
	mark_range(0, 0x100000, true);
	mark_range(virt_to_phys(kernel_start), virt_to_phys(kernel_end), true);

	free_frames = nframes - bitmap_count_set(frame_map, nframes);
	total_frames = free_frames;
	next_hint = 0;
	dbg(DBG_MM, "%zu frames free of %zu\n", free_frames, nframes);
}
