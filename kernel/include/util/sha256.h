/*
 * SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104).
 *
 * The test harness signs its result lines with HMAC-SHA256 when the grader
 * asks it to (see test/ktest.h), so that a grader can tell the harness's
 * lines from lines anything else printed.  Nothing here allocates; every
 * function works on the caller's storage and may run with interrupts off.
 *
 * Incremental use:
 *
 *     sha256_ctx_t c;
 *     sha256_init(&c);
 *     sha256_update(&c, part1, n1);
 *     sha256_update(&c, part2, n2);
 *     sha256_final(&c, digest);      (32 bytes)
 */
#ifndef KEEL_UTIL_SHA256_H
#define KEEL_UTIL_SHA256_H

#include "types.h"

#define SHA256_BLOCK_SIZE 64
#define SHA256_DIGEST_SIZE 32

typedef struct sha256_ctx {
	uint32_t sc_state[8];
	uint64_t sc_length;                  /* bytes hashed so far */
	uint8_t sc_block[SHA256_BLOCK_SIZE]; /* the partial block */
	size_t sc_used;                      /* bytes in sc_block */
} sha256_ctx_t;

void sha256_init(sha256_ctx_t *c);
void sha256_update(sha256_ctx_t *c, const void *data, size_t n);
/* Writes the digest and leaves 'c' unusable until sha256_init(). */
void sha256_final(sha256_ctx_t *c, uint8_t digest[SHA256_DIGEST_SIZE]);
/* The digest of one buffer. */
void sha256(const void *data, size_t n, uint8_t digest[SHA256_DIGEST_SIZE]);

/*
 * HMAC-SHA256 of a message given in pieces: keyed with 'key' (any length;
 * keys longer than a block are hashed first, as RFC 2104 says).
 */
typedef struct hmac_sha256_ctx {
	sha256_ctx_t hc_inner;
	uint8_t hc_okey[SHA256_BLOCK_SIZE]; /* the key XOR opad */
} hmac_sha256_ctx_t;

void hmac_sha256_init(hmac_sha256_ctx_t *h, const void *key, size_t keylen);
void hmac_sha256_update(hmac_sha256_ctx_t *h, const void *data, size_t n);
void hmac_sha256_final(hmac_sha256_ctx_t *h, uint8_t mac[SHA256_DIGEST_SIZE]);
/* The MAC of one buffer. */
void hmac_sha256(const void *key, size_t keylen, const void *data, size_t n,
		 uint8_t mac[SHA256_DIGEST_SIZE]);

/* Writes 'n' bytes as 2n lower-case hex digits and a NUL into 'out'. */
void hex_encode(const uint8_t *bytes, size_t n, char *out);

#endif
