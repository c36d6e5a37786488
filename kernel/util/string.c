/*
 * String and memory functions.  Simple byte loops, except memset/memcpy,
 * which move 32 bytes per loop turn: they run for every page the kernel
 * clears or copies.
 */
#include "util/string.h"

/* As memcpy() below: 32 bytes per loop turn, then the tail. */
__attribute__((optimize("no-tree-loop-distribute-patterns"))) void *memset(void *dst, int c,
									   size_t n)
{
	uint32_t *d = dst;
	uint32_t v = (uint8_t)c * 0x01010101u;
	for (; n >= 32; n -= 32, d += 8) {
		d[0] = v;
		d[1] = v;
		d[2] = v;
		d[3] = v;
		d[4] = v;
		d[5] = v;
		d[6] = v;
		d[7] = v;
	}
	__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(v) : "memory");
	return dst;
}

/*
 * 32 bytes per loop turn, then the tail with the string instruction.  Not a
 * rep movs for the bulk: under QEMU's TCG every step of a rep instruction is
 * a trip through the translated-code dispatcher, while a plain loop runs as
 * one translated block per turn.  (The attribute stops GCC from turning the
 * loop back into a call to memcpy.)
 */
__attribute__((optimize("no-tree-loop-distribute-patterns"))) void *
memcpy(void *dst, const void *src, size_t n)
{
	uint32_t *d = dst;
	const uint32_t *s = src;
	for (; n >= 32; n -= 32, d += 8, s += 8) {
		d[0] = s[0];
		d[1] = s[1];
		d[2] = s[2];
		d[3] = s[3];
		d[4] = s[4];
		d[5] = s[5];
		d[6] = s[6];
		d[7] = s[7];
	}
	__asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d <= s || d >= s + n) {
		return memcpy(dst, src, n);
	}
	while (n-- > 0) {
		d[n] = s[n];
	}
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (size_t i = 0; i < n; i++) {
		if (x[i] != y[i]) {
			return x[i] < y[i] ? -1 : 1;
		}
	}
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == (unsigned char)c) {
			return (void *)(p + i);
		}
	}
	return NULL;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n] != '\0') {
		n++;
	}
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n] != '\0') {
		n++;
	}
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (a[i] != b[i] || a[i] == '\0') {
			return (unsigned char)a[i] - (unsigned char)b[i];
		}
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c) {
			return (char *)s;
		}
		if (*s == '\0') {
			return NULL;
		}
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;
	for (;; s++) {
		if (*s == (char)c) {
			last = s;
		}
		if (*s == '\0') {
			return (char *)last;
		}
	}
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);
	for (; *haystack != '\0'; haystack++) {
		if (strncmp(haystack, needle, n) == 0) {
			return (char *)haystack;
		}
	}
	return n == 0 ? (char *)haystack : NULL;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);
	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

size_t strlcat(char *dst, const char *src, size_t size)
{
	size_t have = strnlen(dst, size);
	if (have == size) {
		return size + strlen(src);
	}
	return have + strlcpy(dst + have, src, size - have);
}

int digit_value(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'z') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'Z') {
		return c - 'A' + 10;
	}
	return 99;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/*
 * The parse behind strtol() and strtoul(), as C's: leading white space, one
 * optional sign, the 0x or 0 prefix that base 0 (or 16) allows, and digits.
 * When there are no digits nothing was used, so *end is 's' itself, not the
 * position after the spaces or the sign.
 */
static unsigned long parse_integer(const char *s, char **end, int base, bool *neg)
{
	const char *p = s;
	while (is_space(*p)) {
		p++;
	}
	*neg = *p == '-';
	if (*p == '-' || *p == '+') {
		p++;
	}
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	const char *digits = p;
	unsigned long v = 0;
	for (; digit_value(*p) < base; p++) {
		v = v * base + digit_value(*p);
	}
	if (end != NULL) {
		*end = (char *)(p == digits ? s : p);
	}
	return v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	bool neg;
	unsigned long v = parse_integer(s, end, base, &neg);
	return neg ? -v : v;
}

long strtol(const char *s, char **end, int base)
{
	bool neg;
	unsigned long v = parse_integer(s, end, base, &neg);
	return (long)(neg ? -v : v);
}

bool glob_match(const char *pattern, const char *s)
{
	/* Backtracking to the most recent '*' is enough for globs without classes. */
	const char *star = NULL, *resume = NULL;
	while (*s != '\0') {
		if (*pattern == '*') {
			star = pattern++;
			resume = s;
		} else if (*pattern == '?' || *pattern == *s) {
			pattern++;
			s++;
		} else if (star != NULL) {
			pattern = star + 1;
			s = ++resume;
		} else {
			return false;
		}
	}
	while (*pattern == '*') {
		pattern++;
	}
	return *pattern == '\0';
}
