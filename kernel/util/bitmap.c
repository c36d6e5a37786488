/*
 * Bitmap searches.  Whole words are skipped when they are full, which makes
 * the page allocator's searches (one frame, or a run of them) a scan of 32
 * frames per step over the used part of memory.
 */
#include "util/bitmap.h"

void bitmap_set_range(uint32_t *map, size_t start, size_t n)
{
	for (size_t i = start; i < start + n; i++) {
		bitmap_set(map, i);
	}
}

void bitmap_clear_range(uint32_t *map, size_t start, size_t n)
{
	for (size_t i = start; i < start + n; i++) {
		bitmap_clear(map, i);
	}
}

size_t bitmap_find_clear(const uint32_t *map, size_t nbits, size_t from)
{
	size_t i = from;
	while (i < nbits) {
		if (i % 32 == 0 && map[i / 32] == 0xffffffffu) {
			i += 32;
			continue;
		}
		if (!bitmap_test(map, i)) {
			return i;
		}
		i++;
	}
	return nbits;
}

size_t bitmap_find_clear_run(const uint32_t *map, size_t nbits, size_t n, size_t align)
{
	if (n == 0 || align == 0) {
		return nbits;
	}
	size_t start = 0;
	while (start + n <= nbits) {
		if (start % 32 == 0 && map[start / 32] == 0xffffffffu) {
			start = ALIGN_UP(start + 32, align); /* no run starts on a set bit */
			continue;
		}
		size_t i = 0;
		while (i < n && !bitmap_test(map, start + i)) {
			i++;
		}
		if (i == n) {
			return start;
		}
		/* Bit start + i is set: the next candidate starts after it. */
		start = ALIGN_UP(start + i + 1, align);
	}
	return nbits;
}

size_t bitmap_count_set(const uint32_t *map, size_t nbits)
{
	size_t count = 0;
	for (size_t i = 0; i < nbits; i++) {
		count += bitmap_test(map, i);
	}
	return count;
}
