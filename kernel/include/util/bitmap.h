/*
 * Bitmaps over arrays of 32-bit words.  Bit i lives in word i / 32 at
 * position i % 32.  The caller owns the storage and its size in bits.
 */
#ifndef KEEL_UTIL_BITMAP_H
#define KEEL_UTIL_BITMAP_H

#include "types.h"

#define BITMAP_WORDS(nbits) (((nbits) + 31) / 32)

static inline bool bitmap_test(const uint32_t *map, size_t bit)
{
	return (map[bit / 32] >> (bit % 32)) & 1;
}

static inline void bitmap_set(uint32_t *map, size_t bit)
{
	map[bit / 32] |= 1u << (bit % 32);
}

static inline void bitmap_clear(uint32_t *map, size_t bit)
{
	map[bit / 32] &= ~(1u << (bit % 32));
}

/* Sets or clears the bits [start, start + n). */
void bitmap_set_range(uint32_t *map, size_t start, size_t n);
void bitmap_clear_range(uint32_t *map, size_t start, size_t n);

/*
 * The first clear bit at or after 'from' and below 'nbits', or nbits when
 * there is none.
 */
size_t bitmap_find_clear(const uint32_t *map, size_t nbits, size_t from);

/*
 * The first run of n clear bits that starts at a multiple of 'align' (a power
 * of two) and ends at or below nbits, or nbits when there is none.
 */
size_t bitmap_find_clear_run(const uint32_t *map, size_t nbits, size_t n, size_t align);

/* The number of set bits in [0, nbits). */
size_t bitmap_count_set(const uint32_t *map, size_t nbits);

#endif
