/*
 * The string and memory functions keep the C library's contracts.
 * base.string.mem: memset/memcpy touch exactly n bytes and return dst,
 * memmove copies overlapping regions correctly in both directions, memcmp
 * and memchr compare bytes as unsigned.  base.string.str: strlen, strnlen,
 * strcmp, strncmp, strchr, strrchr, strstr, strlcpy and strlcat, with their
 * edge cases (empty strings, NUL as the character sought, truncation).
 * base.string.strtol: bases 0, 8, 10, 16 and 36, signs, prefixes, the end
 * pointer (left at the start when there are no digits) and wrap-around.
 * base.string.glob: glob_match() as the test selection uses it.
 */
#include "util/string.h"
#include "test/ktest.h"

KTEST(string_mem, "base.string.mem")
{
	uint8_t buf[64];
	for (size_t i = 0; i < sizeof(buf); i++) {
		buf[i] = (uint8_t)i;
	}
	KT_CHECK(memset(buf + 5, 0x1ab, 10) == buf + 5);
	KT_CHECK(buf[4] == 4 && buf[5] == 0xab && buf[14] == 0xab && buf[15] == 15);
	KT_CHECK(memset(buf, 0xee, 0) == buf);
	KT_CHECK_EQ(buf[0], 0);
	KT_CHECK_EQ(buf[1], 1);

	uint8_t src[32], dst[32];
	for (size_t i = 0; i < sizeof(src); i++) {
		src[i] = (uint8_t)(100 + i);
		dst[i] = 0;
	}
	KT_CHECK(memcpy(dst + 1, src, 30) == dst + 1);
	KT_CHECK(dst[0] == 0 && dst[1] == 100 && dst[30] == 129 && dst[31] == 0);
	KT_CHECK(memcpy(dst, src, 0) == dst);
	KT_CHECK_EQ(dst[0], 0);

	/* memmove forwards (dst above src): the copy must run from the end. */
	for (size_t i = 0; i < sizeof(buf); i++) {
		buf[i] = (uint8_t)i;
	}
	KT_CHECK(memmove(buf + 3, buf, 20) == buf + 3);
	bool ok = buf[0] == 0 && buf[1] == 1 && buf[2] == 2 && buf[23] == 23;
	for (size_t i = 0; i < 20; i++) {
		ok = ok && buf[3 + i] == i;
	}
	KT_CHECK(ok);
	/* memmove backwards (dst below src). */
	for (size_t i = 0; i < sizeof(buf); i++) {
		buf[i] = (uint8_t)i;
	}
	KT_CHECK(memmove(buf, buf + 7, 30) == buf);
	ok = buf[30] == 30 && buf[37] == 37;
	for (size_t i = 0; i < 30; i++) {
		ok = ok && buf[i] == i + 7;
	}
	KT_CHECK(ok);
	/* Same place, no overlap, nothing. */
	KT_CHECK(memmove(buf, buf, 10) == buf);
	KT_CHECK_EQ(buf[9], 16);
	memmove(buf + 40, buf, 4);
	KT_CHECK(buf[40] == 7 && buf[43] == 10 && buf[44] == 44);
	memmove(buf + 1, buf, 0);
	KT_CHECK_EQ(buf[1], 8);

	KT_CHECK_EQ(memcmp("abc", "abc", 3), 0);
	KT_CHECK(memcmp("abc", "abd", 3) < 0);
	KT_CHECK(memcmp("abd", "abc", 3) > 0);
	KT_CHECK_EQ(memcmp("abc", "abd", 2), 0);
	KT_CHECK_EQ(memcmp("x", "y", 0), 0);
	KT_CHECK(memcmp("\x80", "\x7f", 1) > 0); /* bytes compare as unsigned */
	KT_CHECK(memcmp("a\0b", "a\0c", 3) < 0); /* NULs are just bytes */

	const char *hay = "abc\0abd";
	KT_CHECK(memchr(hay, 'b', 7) == hay + 1);
	KT_CHECK(memchr(hay, 'd', 7) == hay + 6);
	KT_CHECK(memchr(hay, '\0', 7) == hay + 3);
	KT_CHECK(memchr(hay, 'd', 6) == NULL);
	KT_CHECK(memchr("\xff", 0xff, 1) != NULL);
}

KTEST(string_str, "base.string.str")
{
	KT_CHECK_EQ(strlen(""), 0);
	KT_CHECK_EQ(strlen("hello"), 5);
	KT_CHECK_EQ(strnlen("hello", 3), 3);
	KT_CHECK_EQ(strnlen("hello", 10), 5);
	KT_CHECK_EQ(strnlen("hello", 0), 0);

	KT_CHECK_EQ(strcmp("", ""), 0);
	KT_CHECK_EQ(strcmp("abc", "abc"), 0);
	KT_CHECK(strcmp("abc", "abd") < 0);
	KT_CHECK(strcmp("abd", "abc") > 0);
	KT_CHECK(strcmp("ab", "abc") < 0);
	KT_CHECK(strcmp("abc", "ab") > 0);
	KT_CHECK(strcmp("\x80", "a") > 0);
	KT_CHECK_EQ(strncmp("abcX", "abcY", 3), 0);
	KT_CHECK(strncmp("abcX", "abcY", 4) < 0);
	KT_CHECK_EQ(strncmp("abc", "xyz", 0), 0);
	KT_CHECK(strncmp("ab", "abc", 5) < 0);
	KT_CHECK_EQ(strncmp("abc", "abc", 100), 0);
	KT_CHECK(strncmp("\x80", "a", 1) > 0);

	const char *s = "hello world";
	KT_CHECK(strchr(s, 'o') == s + 4);
	KT_CHECK(strchr(s, 'h') == s);
	KT_CHECK(strchr(s, 'z') == NULL);
	KT_CHECK(strchr(s, '\0') == s + 11);
	KT_CHECK(strrchr(s, 'o') == s + 7);
	KT_CHECK(strrchr(s, 'h') == s);
	KT_CHECK(strrchr(s, 'z') == NULL);
	KT_CHECK(strrchr(s, '\0') == s + 11);
	KT_CHECK(strchr("", 'a') == NULL);

	KT_CHECK(strstr(s, "world") == s + 6);
	KT_CHECK(strstr(s, "o w") == s + 4);
	KT_CHECK(strstr(s, "") == s);
	KT_CHECK(strstr(s, "worlds") == NULL);
	KT_CHECK(strstr(s, "hello world and more") == NULL);
	KT_CHECK(strstr("aaab", "aab") != NULL && strcmp(strstr("aaab", "aab"), "aab") == 0);
	KT_CHECK(strstr("", "a") == NULL);
	KT_CHECK(strstr("", "") != NULL);

	char buf[8];
	memset(buf, 'X', sizeof(buf));
	KT_CHECK_EQ(strlcpy(buf, "abc", sizeof(buf)), 3);
	KT_CHECK_STR(buf, "abc");
	KT_CHECK_EQ(strlcpy(buf, "abcdefghij", sizeof(buf)), 10);
	KT_CHECK_STR(buf, "abcdefg");
	memset(buf, 'X', sizeof(buf));
	KT_CHECK_EQ(strlcpy(buf, "abc", 0), 3);
	KT_CHECK_EQ(buf[0], 'X');
	KT_CHECK_EQ(strlcpy(buf, "abc", 1), 3);
	KT_CHECK_STR(buf, "");

	strlcpy(buf, "ab", sizeof(buf));
	KT_CHECK_EQ(strlcat(buf, "cd", sizeof(buf)), 4);
	KT_CHECK_STR(buf, "abcd");
	KT_CHECK_EQ(strlcat(buf, "efghij", sizeof(buf)), 10);
	KT_CHECK_STR(buf, "abcdefg");
	KT_CHECK_EQ(strlcat(buf, "x", sizeof(buf)), 8);
	KT_CHECK_STR(buf, "abcdefg");
	/* dst not terminated within size: nothing is written. */
	memset(buf, 'X', sizeof(buf));
	KT_CHECK_EQ(strlcat(buf, "abc", 4), 4 + 3);
	KT_CHECK_EQ(buf[3], 'X');
}

/* Checks strtol(s, &end, base) == want with end at s + used. */
static void check_strtol(const char *file, int line, const char *s, int base, long want,
			 size_t used)
{
	char *end = NULL;
	long v = strtol(s, &end, base);
	if (v != want || end != s + used) {
		ktest_check(false, file, line, s);
		ktest_note("  strtol(\"%s\", base %d) = %ld with %d bytes used; expected %ld, %zu",
			   s, base, v, (int)(end - s), want, used);
	}
}

static void check_strtoul(const char *file, int line, const char *s, int base, unsigned long want,
			  size_t used)
{
	char *end = NULL;
	unsigned long v = strtoul(s, &end, base);
	if (v != want || end != s + used) {
		ktest_check(false, file, line, s);
		ktest_note("  strtoul(\"%s\", base %d) = %lu with %d bytes used; expected %lu, %zu",
			   s, base, v, (int)(end - s), want, used);
	}
}

#define STRTOL(s, base, want, used) check_strtol(__FILE__, __LINE__, s, base, want, used)
#define STRTOUL(s, base, want, used) check_strtoul(__FILE__, __LINE__, s, base, want, used)

KTEST(string_strtol, "base.string.strtol")
{
	STRTOL("123", 10, 123, 3);
	STRTOL("0", 10, 0, 1);
	STRTOL("  -42xyz", 10, -42, 5);
	STRTOL("\t+17", 0, 17, 4);
	STRTOL("2147483647", 10, 2147483647L, 10);
	STRTOL("-2147483648", 10, -2147483647L - 1, 11);
	/* Base 0 picks the base from the prefix. */
	STRTOL("0x1F", 0, 31, 4);
	STRTOL("0X1f", 0, 31, 4);
	STRTOL("-0x10", 0, -16, 5);
	STRTOL("0755", 0, 493, 4);
	STRTOL("089", 0, 0, 1); /* 8 is not an octal digit */
	STRTOL("99", 0, 99, 2);
	/* Explicit bases. */
	STRTOL("0x1f", 16, 31, 4);
	STRTOL("1f", 16, 31, 2);
	STRTOL("FfG", 16, 255, 2);
	STRTOL("0x", 16, 0, 1); /* "0" followed by junk */
	STRTOL("0xg", 0, 0, 1);
	STRTOL("0755", 10, 755, 4);
	STRTOL("0755", 8, 493, 4);
	STRTOL("777", 8, 511, 3);
	STRTOL("zz", 36, 35 * 36 + 35, 2);
	/* No digits: nothing is used, not the spaces and not the sign. */
	STRTOL("", 10, 0, 0);
	STRTOL("abc", 10, 0, 0);
	STRTOL("   ", 10, 0, 0);
	STRTOL("-", 10, 0, 0);
	STRTOL("+", 0, 0, 0);
	STRTOL("  -x", 10, 0, 0);
	STRTOL("8", 8, 0, 0);
	/* One sign only, right before the digits. */
	STRTOL("-+5", 10, 0, 0);
	STRTOL("+-5", 10, 0, 0);
	STRTOL("- 5", 10, 0, 0);
	KT_CHECK_EQ(strtol("-12", NULL, 10), -12);

	STRTOUL("4294967295", 10, 0xffffffffUL, 10);
	STRTOUL("0xffffffff", 0, 0xffffffffUL, 10);
	STRTOUL("0xDEADbeef", 16, 0xdeadbeefUL, 10);
	STRTOUL("017", 0, 15, 3);
	STRTOUL("  +9", 10, 9, 4);
	STRTOUL("4294967296", 10, 0, 10);   /* overflow wraps */
	STRTOUL("-1", 10, 0xffffffffUL, 2); /* as C: the negation, in unsigned */
	STRTOUL("x", 10, 0, 0);
	STRTOUL(" +", 10, 0, 0);
	KT_CHECK_EQ(strtoul("42", NULL, 0), 42);
}

KTEST(string_glob, "base.string.glob")
{
	KT_CHECK(glob_match("", ""));
	KT_CHECK(!glob_match("", "a"));
	KT_CHECK(glob_match("*", ""));
	KT_CHECK(glob_match("*", "anything"));
	KT_CHECK(glob_match("**", "x"));
	KT_CHECK(glob_match("abc", "abc"));
	KT_CHECK(!glob_match("ab", "abc"));
	KT_CHECK(!glob_match("abc", "ab"));
	KT_CHECK(glob_match("?", "a"));
	KT_CHECK(!glob_match("?", ""));
	KT_CHECK(!glob_match("?", "ab"));
	KT_CHECK(glob_match("base.*", "base.slab.reuse"));
	KT_CHECK(glob_match("base.*", "base."));
	KT_CHECK(!glob_match("base.*", "procs.base.x"));
	KT_CHECK(!glob_match("base.slab.*", "base.slab"));
	KT_CHECK(glob_match("*.reuse", "base.slab.reuse"));
	KT_CHECK(glob_match("base.*.reuse", "base.slab.reuse"));
	KT_CHECK(!glob_match("base.*.reuse", "base.slab.reuse2"));
	KT_CHECK(glob_match("a*b*c", "aXXbYYc"));
	KT_CHECK(!glob_match("a*b*c", "aXXbYY"));
	KT_CHECK(glob_match("*a", "ba"));
	KT_CHECK(glob_match("a*a*a", "aaa"));
	KT_CHECK(!glob_match("a*a*a", "aa"));
	KT_CHECK(glob_match("*ab", "aaab"));
	KT_CHECK(glob_match("b?se.*", "base.page.run"));
}
