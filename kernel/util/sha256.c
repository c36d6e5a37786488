/*
 * SHA-256 and HMAC-SHA256 (see util/sha256.h).
 *
 * SHA-256, as FIPS 180-4 section 6.2 defines it: the message is padded with
 * a 1 bit, zeros, and its length in bits as a 64-bit big-endian number, to a
 * multiple of 512 bits; each 512-bit block is expanded into a schedule of 64
 * words and mixed into eight 32-bit state words by 64 rounds.  The digest is
 * the final state, big-endian.
 *
 * HMAC, as RFC 2104 defines it: H((K ^ opad) || H((K ^ ipad) || message)),
 * where K is the key padded with zeros to a block (or its digest, padded,
 * when it is longer than a block), ipad is the byte 0x36 repeated and opad
 * the byte 0x5c repeated.
 */
#include "util/sha256.h"
#include "util/string.h"

/* The first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
static const uint32_t round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* The first 32 bits of the fractional parts of the square roots of the first 8 primes. */
static const uint32_t initial_state[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline uint32_t rotr(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static uint32_t load_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void store_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Mixes one 64-byte block into the state (FIPS 180-4, 6.2.2). */
static void compress(uint32_t state[8], const uint8_t block[SHA256_BLOCK_SIZE])
{
	uint32_t w[64];
	for (int t = 0; t < 16; t++) {
		w[t] = load_be32(block + 4 * t);
	}
	for (int t = 16; t < 64; t++) {
		uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
		uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
		w[t] = w[t - 16] + s0 + w[t - 7] + s1;
	}

	uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
	uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
	for (int t = 0; t < 64; t++) {
		uint32_t sigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
		uint32_t choose = (e & f) ^ (~e & g);
		uint32_t t1 = h + sigma1 + choose + round_constants[t] + w[t];
		uint32_t sigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
		uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
		uint32_t t2 = sigma0 + majority;
		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	state[0] += a;
	state[1] += b;
	state[2] += c;
	state[3] += d;
	state[4] += e;
	state[5] += f;
	state[6] += g;
	state[7] += h;
}

void sha256_init(sha256_ctx_t *c)
{
	memcpy(c->sc_state, initial_state, sizeof(initial_state));
	c->sc_length = 0;
	c->sc_used = 0;
}

void sha256_update(sha256_ctx_t *c, const void *data, size_t n)
{
	const uint8_t *p = data;
	c->sc_length += n;
	while (n > 0) {
		if (c->sc_used == 0 && n >= SHA256_BLOCK_SIZE) {
			/* Whole blocks straight from the caller's buffer. */
			compress(c->sc_state, p);
			p += SHA256_BLOCK_SIZE;
			n -= SHA256_BLOCK_SIZE;
			continue;
		}
		size_t take = MIN(n, SHA256_BLOCK_SIZE - c->sc_used);
		memcpy(c->sc_block + c->sc_used, p, take);
		c->sc_used += take;
		p += take;
		n -= take;
		if (c->sc_used == SHA256_BLOCK_SIZE) {
			compress(c->sc_state, c->sc_block);
			c->sc_used = 0;
		}
	}
}

void sha256_final(sha256_ctx_t *c, uint8_t digest[SHA256_DIGEST_SIZE])
{
	uint64_t bits = c->sc_length * 8;
	/* The 1 bit, then zeros up to 8 bytes short of a block boundary. */
	c->sc_block[c->sc_used++] = 0x80;
	if (c->sc_used > SHA256_BLOCK_SIZE - 8) {
		memset(c->sc_block + c->sc_used, 0, SHA256_BLOCK_SIZE - c->sc_used);
		compress(c->sc_state, c->sc_block);
		c->sc_used = 0;
	}
	memset(c->sc_block + c->sc_used, 0, SHA256_BLOCK_SIZE - 8 - c->sc_used);
	store_be32(c->sc_block + SHA256_BLOCK_SIZE - 8, (uint32_t)(bits >> 32));
	store_be32(c->sc_block + SHA256_BLOCK_SIZE - 4, (uint32_t)bits);
	compress(c->sc_state, c->sc_block);
	for (int i = 0; i < 8; i++) {
		store_be32(digest + 4 * i, c->sc_state[i]);
	}
	memset(c, 0, sizeof(*c));
}

void sha256(const void *data, size_t n, uint8_t digest[SHA256_DIGEST_SIZE])
{
	sha256_ctx_t c;
	sha256_init(&c);
	sha256_update(&c, data, n);
	sha256_final(&c, digest);
}

void hmac_sha256_init(hmac_sha256_ctx_t *h, const void *key, size_t keylen)
{
	uint8_t k[SHA256_BLOCK_SIZE];
	memset(k, 0, sizeof(k));
	if (keylen > SHA256_BLOCK_SIZE) {
		sha256(key, keylen, k);
	} else {
		memcpy(k, key, keylen);
	}
	uint8_t ikey[SHA256_BLOCK_SIZE];
	for (int i = 0; i < SHA256_BLOCK_SIZE; i++) {
		ikey[i] = k[i] ^ 0x36;
		h->hc_okey[i] = k[i] ^ 0x5c;
	}
	sha256_init(&h->hc_inner);
	sha256_update(&h->hc_inner, ikey, sizeof(ikey));
	memset(k, 0, sizeof(k));
	memset(ikey, 0, sizeof(ikey));
}

void hmac_sha256_update(hmac_sha256_ctx_t *h, const void *data, size_t n)
{
	sha256_update(&h->hc_inner, data, n);
}

void hmac_sha256_final(hmac_sha256_ctx_t *h, uint8_t mac[SHA256_DIGEST_SIZE])
{
	uint8_t inner[SHA256_DIGEST_SIZE];
	sha256_final(&h->hc_inner, inner);
	sha256_ctx_t outer;
	sha256_init(&outer);
	sha256_update(&outer, h->hc_okey, sizeof(h->hc_okey));
	sha256_update(&outer, inner, sizeof(inner));
	sha256_final(&outer, mac);
	memset(h, 0, sizeof(*h));
}

void hmac_sha256(const void *key, size_t keylen, const void *data, size_t n,
		 uint8_t mac[SHA256_DIGEST_SIZE])
{
	hmac_sha256_ctx_t h;
	hmac_sha256_init(&h, key, keylen);
	hmac_sha256_update(&h, data, n);
	hmac_sha256_final(&h, mac);
}

void hex_encode(const uint8_t *bytes, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 0xf];
	}
	out[2 * n] = '\0';
}
