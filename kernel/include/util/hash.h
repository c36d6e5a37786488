/*
 * A 32-bit integer mixer: every input bit affects every output bit, so
 * consecutive inputs give unrelated outputs.  For test patterns and the
 * like; not for anything that must resist an adversary.
 */
#ifndef KEEL_UTIL_HASH_H
#define KEEL_UTIL_HASH_H

#include "types.h"

static inline uint32_t hash_mix32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	x ^= x >> 16;
	return x;
}

#endif
