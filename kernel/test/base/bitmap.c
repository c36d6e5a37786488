/*
 * Bitmap searches find what they say.  base.bitmap.basic sets and clears
 * single bits and ranges that cross word boundaries and counts them.
 * base.bitmap.find_clear searches from several starting points, over full
 * words and up to a limit that is not a multiple of 32.
 * base.bitmap.find_clear_run finds runs at the alignment asked for, skips
 * runs that are too short or misaligned, and returns nbits when none fits.
 */
#include "util/bitmap.h"
#include "test/ktest.h"
#include "util/string.h"

#define NBITS 200

KTEST(bitmap_basic, "base.bitmap.basic")
{
	uint32_t map[BITMAP_WORDS(NBITS)];
	KT_CHECK_EQ(BITMAP_WORDS(NBITS), 7);
	KT_CHECK_EQ(BITMAP_WORDS(32), 1);
	KT_CHECK_EQ(BITMAP_WORDS(33), 2);
	memset(map, 0, sizeof(map));
	KT_CHECK_EQ(bitmap_count_set(map, NBITS), 0);

	bitmap_set(map, 0);
	bitmap_set(map, 31);
	bitmap_set(map, 32);
	bitmap_set(map, 199);
	KT_CHECK(bitmap_test(map, 0) && bitmap_test(map, 31) && bitmap_test(map, 32));
	KT_CHECK(!bitmap_test(map, 1) && !bitmap_test(map, 33) && !bitmap_test(map, 198));
	KT_CHECK_EQ(map[0], 0x80000001u);
	KT_CHECK_EQ(map[1], 0x00000001u);
	KT_CHECK_EQ(bitmap_count_set(map, NBITS), 4);
	/* Counting stops at nbits. */
	KT_CHECK_EQ(bitmap_count_set(map, 32), 2);
	bitmap_clear(map, 31);
	KT_CHECK_EQ(map[0], 1u);

	/* A range over three words. */
	bitmap_set_range(map, 60, 70);
	KT_CHECK_EQ(bitmap_count_set(map, NBITS), 3 + 70);
	KT_CHECK(!bitmap_test(map, 59) && bitmap_test(map, 60) && bitmap_test(map, 129));
	KT_CHECK(!bitmap_test(map, 130));
	KT_CHECK_EQ(map[2], 0xffffffffu);
	KT_CHECK_EQ(map[1], 0xf0000001u);
	bitmap_clear_range(map, 62, 66);
	KT_CHECK_EQ(bitmap_count_set(map, NBITS), 3 + 4);
	KT_CHECK(bitmap_test(map, 61) && !bitmap_test(map, 62) && !bitmap_test(map, 127));
	KT_CHECK(bitmap_test(map, 128) && bitmap_test(map, 129));
	/* Empty ranges change nothing. */
	bitmap_set_range(map, 150, 0);
	bitmap_clear_range(map, 0, 0);
	KT_CHECK_EQ(bitmap_count_set(map, NBITS), 7);
}

KTEST(bitmap_find_clear, "base.bitmap.find_clear")
{
	uint32_t map[BITMAP_WORDS(NBITS)];
	memset(map, 0, sizeof(map));
	KT_CHECK_EQ(bitmap_find_clear(map, NBITS, 0), 0);
	KT_CHECK_EQ(bitmap_find_clear(map, NBITS, 77), 77);

	bitmap_set_range(map, 0, 100);
	KT_CHECK_EQ(bitmap_find_clear(map, NBITS, 0), 100);
	KT_CHECK_EQ(bitmap_find_clear(map, NBITS, 5), 100);
	KT_CHECK_EQ(bitmap_find_clear(map, NBITS, 100), 100);
	KT_CHECK_EQ(bitmap_find_clear(map, NBITS, 150), 150);
	bitmap_clear(map, 33);
	KT_CHECK_EQ(bitmap_find_clear(map, NBITS, 0), 33);
	KT_CHECK_EQ(bitmap_find_clear(map, NBITS, 33), 33);
	KT_CHECK_EQ(bitmap_find_clear(map, NBITS, 34), 100);

	/* Full, and a limit inside a word: the bits past nbits do not count. */
	bitmap_set_range(map, 0, NBITS);
	KT_CHECK_EQ(bitmap_find_clear(map, NBITS, 0), NBITS);
	KT_CHECK_EQ(bitmap_find_clear(map, NBITS, NBITS), NBITS);
	KT_CHECK_EQ(bitmap_find_clear(map, NBITS, NBITS + 40), NBITS);
	bitmap_clear(map, 195);
	KT_CHECK_EQ(bitmap_find_clear(map, NBITS, 0), 195);
	KT_CHECK_EQ(bitmap_find_clear(map, 195, 0), 195);
	KT_CHECK_EQ(bitmap_find_clear(map, 190, 0), 190);
}

KTEST(bitmap_find_clear_run, "base.bitmap.find_clear_run")
{
	uint32_t map[BITMAP_WORDS(NBITS)];
	memset(map, 0, sizeof(map));
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 10, 1), 0);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, NBITS, 1), 0);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, NBITS + 1, 1), NBITS);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 0, 1), NBITS);

	/* Clear: [3, 6) [10, 20) [37, 45) [64, NBITS). */
	bitmap_set_range(map, 0, 3);
	bitmap_set_range(map, 6, 4);
	bitmap_set_range(map, 20, 17);
	bitmap_set_range(map, 45, 19);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 1, 1), 3);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 3, 1), 3);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 4, 1), 10);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 10, 1), 10);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 11, 1), 64);
	/* Aligned runs: 4..7 holds the set bit 6, so 4 bits at a multiple of 4 start at 12. */
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 1, 4), 4);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 4, 4), 12);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 8, 8), 64);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 8, 2), 10);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 2, 32), 64);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 8, 128), 128);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 72, 128), 128);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 73, 128), NBITS);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 136, 1), 64);
	KT_CHECK_EQ(bitmap_find_clear_run(map, NBITS, 137, 1), NBITS);
	/* The run must end at or below nbits. */
	KT_CHECK_EQ(bitmap_find_clear_run(map, 75, 11, 1), 64);
	KT_CHECK_EQ(bitmap_find_clear_run(map, 74, 11, 1), 74);
}
