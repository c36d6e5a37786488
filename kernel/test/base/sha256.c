/*
 * SHA-256 and HMAC-SHA256 against published known answers.
 * base.sha256.fips: the FIPS 180-4 example messages ("abc", the 448-bit
 * and 896-bit messages that push the padding into a second block, the empty
 * message) and one million 'a's fed in uneven pieces.
 * base.sha256.incremental: any split of a message into updates gives the
 * one-shot digest, across every block-boundary length from 0 to 130.
 * base.sha256.hmac: RFC 4231 test cases 1, 2, 3 and 6 (a key longer than
 * a block is hashed first).
 */
#include "util/sha256.h"
#include "test/ktest.h"
#include "util/string.h"

static bool digest_is(const uint8_t digest[SHA256_DIGEST_SIZE], const char *hex)
{
	char got[2 * SHA256_DIGEST_SIZE + 1];
	hex_encode(digest, SHA256_DIGEST_SIZE, got);
	if (strcmp(got, hex) != 0) {
		ktest_note("digest %s", got);
		ktest_note("wanted %s", hex);
		return false;
	}
	return true;
}

KTEST(sha256_fips, "base.sha256.fips")
{
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256("abc", 3, d);
	KT_CHECK(digest_is(d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));

	sha256("", 0, d);
	KT_CHECK(digest_is(d, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));

	const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256(m448, strlen(m448), d);
	KT_CHECK(digest_is(d, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));

	const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
			   "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	sha256(m896, strlen(m896), d);
	KT_CHECK(digest_is(d, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"));

	static uint8_t as[1000];
	memset(as, 'a', sizeof(as));
	sha256_ctx_t c;
	sha256_init(&c);
	size_t left = 1000000;
	for (size_t piece = 1; left > 0; piece = piece % 997 + 1) {
		size_t n = MIN(piece, left);
		sha256_update(&c, as, n);
		left -= n;
	}
	sha256_final(&c, d);
	KT_CHECK(digest_is(d, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
}

KTEST(sha256_incremental, "base.sha256.incremental")
{
	uint8_t msg[130];
	for (size_t i = 0; i < sizeof(msg); i++) {
		msg[i] = (uint8_t)(i * 7 + 3);
	}
	for (size_t len = 0; len <= sizeof(msg); len++) {
		uint8_t whole[SHA256_DIGEST_SIZE];
		sha256(msg, len, whole);
		for (size_t split = 0; split <= len; split += 13) {
			uint8_t parts[SHA256_DIGEST_SIZE];
			sha256_ctx_t c;
			sha256_init(&c);
			sha256_update(&c, msg, split);
			sha256_update(&c, msg + split, len - split);
			sha256_final(&c, parts);
			if (!KT_CHECK(memcmp(whole, parts, sizeof(whole)) == 0)) {
				ktest_note("length %zu split at %zu", len, split);
				return;
			}
		}
	}
}

KTEST(sha256_hmac, "base.sha256.hmac")
{
	uint8_t mac[SHA256_DIGEST_SIZE];
	uint8_t key[131];

	memset(key, 0x0b, 20);
	hmac_sha256(key, 20, "Hi There", 8, mac);
	KT_CHECK(
	    digest_is(mac, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));

	const char *what = "what do ya want for nothing?";
	hmac_sha256("Jefe", 4, what, strlen(what), mac);
	KT_CHECK(
	    digest_is(mac, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));

	uint8_t data[50];
	memset(key, 0xaa, 20);
	memset(data, 0xdd, sizeof(data));
	hmac_sha256(key, 20, data, sizeof(data), mac);
	KT_CHECK(
	    digest_is(mac, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"));

	const char *big = "Test Using Larger Than Block-Size Key - Hash Key First";
	memset(key, 0xaa, sizeof(key));
	hmac_sha256(key, sizeof(key), big, strlen(big), mac);
	KT_CHECK(
	    digest_is(mac, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));

	/* The same MAC in pieces. */
	hmac_sha256_ctx_t h;
	hmac_sha256_init(&h, key, sizeof(key));
	hmac_sha256_update(&h, big, 10);
	hmac_sha256_update(&h, big + 10, strlen(big) - 10);
	hmac_sha256_final(&h, mac);
	KT_CHECK(
	    digest_is(mac, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));
}
