/* String and memory functions, with the C library's contracts. */
#ifndef KEEL_UTIL_STRING_H
#define KEEL_UTIL_STRING_H

#include "types.h"

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
/* Copies at most size-1 bytes and always terminates; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);
/* Appends so that dst stays terminated within size; returns the length it tried to make. */
size_t strlcat(char *dst, const char *src, size_t size);

/*
 * Parses an integer in 'base' (0: decimal, 0x hex or 0 octal) from s, after
 * leading white space and one optional sign ('-' negates, in strtoul() too,
 * as in C).  Sets *end (if end is not NULL) to the first byte not used, or
 * to s itself when there are no digits.  Overflow wraps.
 */
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);

/* The value of digit 'c' in bases up to 36 ('7' is 7, 'b' and 'B' are 11), or 99 for a non-digit. */
int digit_value(char c);

/* Shell-style glob: '*' matches any run, '?' one character; 1 on a match. */
bool glob_match(const char *pattern, const char *s);

#endif
