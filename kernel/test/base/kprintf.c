/*
 * snprintf formats as C's does.  base.kprintf.integers covers %d %i %u %x
 * %X %o with the length modifiers hh h l ll z, including the 64-bit
 * extremes.  base.kprintf.flags covers the field width, '-', '0', '+', ' ',
 * '#', precision and '*' (including the rule that '+' and ' ' apply to
 * signed conversions only and that a precision switches off '0').
 * base.kprintf.strings covers %s %c %p %% (a NUL from %c is still one
 * character).  base.kprintf.truncate checks that output is cut to the buffer,
 * always terminated, never written past 'size', and that the return value is
 * the length the whole output would have had, also with a NULL buffer of
 * size 0.  base.kprintf.console checks kprintf()'s return value and that its
 * output lands in the kernel log.
 */
#include "util/kprintf.h"
#include "test/ktest.h"
#include "util/string.h"

/*
 * Formats into a buffer and compares with 'want', both the text and the
 * return value.  Deliberately without a format attribute: some checks use
 * flags the compiler would warn about (e.g. '+' with %u).
 */
static void check_format(const char *file, int line, const char *want, const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (strcmp(buf, want) != 0 || n != (int)strlen(want)) {
		ktest_check(false, file, line, fmt);
		ktest_note("  got \"%s\" (%d), expected \"%s\" (%zu)", buf, n, want, strlen(want));
	}
}

#define FMT(want, ...) check_format(__FILE__, __LINE__, want, __VA_ARGS__)

KTEST(kprintf_integers, "base.kprintf.integers")
{
	FMT("0", "%d", 0);
	FMT("-1", "%d", -1);
	FMT("2147483647", "%d", 2147483647);
	FMT("-2147483648", "%i", (int)0x80000000u);
	FMT("4294967295", "%u", 0xffffffffu);
	FMT("deadbeef", "%x", 0xdeadbeefu);
	FMT("DEADBEEF", "%X", 0xdeadbeefu);
	FMT("777", "%o", 0777u);
	FMT("0", "%x", 0u);
	FMT("0", "%o", 0u);
	FMT("-123456789", "%ld", -123456789L);
	FMT("4294967295", "%lu", 0xffffffffUL);
	FMT("9223372036854775807", "%lld", 9223372036854775807LL);
	FMT("-9223372036854775808", "%lld", -9223372036854775807LL - 1);
	FMT("18446744073709551615", "%llu", ~0ULL);
	FMT("ffffffffffffffff", "%llx", ~0ULL);
	FMT("1777777777777777777777", "%llo", ~0ULL);
	FMT("1311768467463790320", "%lli", 0x123456789abcdef0LL);
	FMT("4096", "%zu", (size_t)4096);
	FMT("-5", "%zd", (ssize_t)-5);
	FMT("-56", "%hhd", 200);
	FMT("127", "%hhd", 127);
	FMT("5", "%hhu", 261);
	FMT("-1", "%hd", 65535);
	FMT("65535", "%hu", -1);
	/* A 64-bit argument between others keeps the rest in place. */
	FMT("1 -2 3 4", "%d %lld %u %x", 1, -2LL, 3u, 4u);
	FMT("a=-7 b=ffffffff", "a=%hhd b=%lx", -7, 0xffffffffUL);
}

KTEST(kprintf_flags, "base.kprintf.flags")
{
	FMT("   42", "%5d", 42);
	FMT("42", "%1d", 42);
	FMT("42   |", "%-5d|", 42);
	FMT("00042", "%05d", 42);
	FMT("-0042", "%05d", -42);
	FMT("42   |", "%-05d|", 42);
	FMT("+42", "%+d", 42);
	FMT("-42", "%+d", -42);
	FMT("+0", "%+d", 0);
	FMT(" 42", "% d", 42);
	FMT("-42", "% d", -42);
	FMT("+42", "%+ d", 42);
	FMT("  +42", "%+5d", 42);
	FMT("+0042", "%+05d", 42);
	/* '+' and ' ' are for signed conversions. */
	FMT("42", "%+u", 42u);
	FMT("ff", "% x", 255u);
	FMT("17", "%+o", 15u);
	/* '#'. */
	FMT("0xff", "%#x", 255u);
	FMT("0XFF", "%#X", 255u);
	FMT("0", "%#x", 0u);
	FMT("017", "%#o", 15u);
	FMT("0", "%#o", 0u);
	FMT("0x0000ff", "%#08x", 255u);
	FMT("    0xff", "%#8x", 255u);
	FMT("0xff    |", "%-#8x|", 255u);
	/* Precision: the minimum number of digits; it switches off '0'. */
	FMT("007", "%.3d", 7);
	FMT("-007", "%.3d", -7);
	FMT("  007", "%5.3d", 7);
	FMT("  042", "%05.3d", 42);
	FMT("12345", "%.3d", 12345);
	FMT("", "%.0d", 0);
	FMT("    ", "%4.0d", 0);
	FMT("+", "%+.0d", 0);
	FMT("00ff", "%.4x", 255u);
	FMT("0x00ff", "%#.4x", 255u);
	FMT("010", "%#.3o", 8u);
	/* '*' for width and precision; a negative width means '-'. */
	FMT("   42", "%*d", 5, 42);
	FMT("42   |", "%*d|", -5, 42);
	FMT("42   |", "%-*d|", 5, 42);
	FMT("007", "%.*d", 3, 7);
	FMT("7", "%.*d", -1, 7);
	FMT("00042", "%0*d", 5, 42);
	FMT("   007", "%*.*d", 6, 3, 7);
}

KTEST(kprintf_strings, "base.kprintf.strings")
{
	FMT("hello", "%s", "hello");
	FMT("", "%s", "");
	FMT("  hi", "%4s", "hi");
	FMT("hi  |", "%-4s|", "hi");
	FMT("hello", "%2s", "hello");
	FMT("hel", "%.3s", "hello");
	FMT("  hel", "%5.3s", "hello");
	FMT("ab", "%.*s", 2, "abcdef");
	FMT("  abc", "%*s", 5, "abc");
	FMT("(null)", "%s", NULL);
	FMT("A", "%c", 'A');
	FMT("  A", "%3c", 'A');
	FMT("A  |", "%-3c|", 'A');
	FMT("%", "%%");
	FMT("100%", "%d%%", 100);
	FMT("0xc0100000", "%p", (void *)0xc0100000u);
	FMT("0x1", "%p", (void *)1);
	FMT("x=1, y=two, z=3", "x=%d, y=%s, z=%c", 1, "two", '3');

	/* %c of a NUL writes a NUL and counts it, like any other character. */
	char buf[8];
	memset(buf, 'X', sizeof(buf));
	int n = snprintf(buf, sizeof(buf), "a%cb", '\0');
	KT_CHECK_EQ(n, 3);
	KT_CHECK(buf[0] == 'a' && buf[1] == '\0' && buf[2] == 'b' && buf[3] == '\0');
}

KTEST(kprintf_truncate, "base.kprintf.truncate")
{
	char buf[8];
	memset(buf, 'X', sizeof(buf));
	KT_CHECK_EQ(snprintf(buf, 5, "hello world"), 11);
	KT_CHECK_STR(buf, "hell");
	KT_CHECK_EQ(buf[5], 'X'); /* nothing written past size */

	memset(buf, 'X', sizeof(buf));
	KT_CHECK_EQ(snprintf(buf, 6, "hello"), 5); /* an exact fit */
	KT_CHECK_STR(buf, "hello");
	KT_CHECK_EQ(buf[6], 'X');

	memset(buf, 'X', sizeof(buf));
	KT_CHECK_EQ(snprintf(buf, 1, "abc"), 3);
	KT_CHECK_EQ(buf[0], '\0');
	KT_CHECK_EQ(buf[1], 'X');

	memset(buf, 'X', sizeof(buf));
	KT_CHECK_EQ(snprintf(buf, 0, "abc"), 3);
	KT_CHECK_EQ(buf[0], 'X');

	KT_CHECK_EQ(snprintf(NULL, 0, "%d", 12345), 5);
	KT_CHECK_EQ(snprintf(NULL, 0, "%s-%lld", "abc", -9223372036854775807LL - 1), 24);
	KT_CHECK_EQ(snprintf(NULL, 0, "%s", ""), 0);

	memset(buf, 'X', sizeof(buf));
	KT_CHECK_EQ(snprintf(buf, 6, "%5d", 123456789), 9);
	KT_CHECK_STR(buf, "12345");
	memset(buf, 'X', sizeof(buf));
	KT_CHECK_EQ(snprintf(buf, sizeof(buf), "%100d", 1), 100);
	KT_CHECK_STR(buf, "       ");
}

KTEST(kprintf_console, "base.kprintf.console")
{
	const char *line = "# base.kprintf.console: a line for the kernel log\n";
	uint32_t head = klog_head;
	int n = kprintf("# base.kprintf.console: a line for the %s log\n", "kernel");
	KT_CHECK_EQ(n, strlen(line));
	KT_CHECK_EQ(klog_head - head, strlen(line));
	size_t same = 0;
	for (size_t i = 0; i < strlen(line); i++) {
		same += klog_buf[(head + i) % KLOG_SIZE] == line[i];
	}
	KT_CHECK_EQ(same, strlen(line));
}
