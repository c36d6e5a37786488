/*
 * The kernel command line is parsed by key, never by position.
 * base.cmdline.parse: QEMU's leading file name and other words without '='
 * are ignored, any whitespace separates words, a later key overrides an
 * earlier one, "key=" gives "", a value may itself hold '=', and a key is
 * not found by a prefix of it.  base.cmdline.int: cmdline_get_int() reads
 * decimal, hex and octal with a sign and falls back to the default for an
 * absent, empty or partly numeric value.  base.cmdline.limits: a line longer
 * than CMDLINE_MAX keeps its complete words and drops the cut one (never a
 * value cut short), and words past CMDLINE_MAX_ARGS are dropped.
 */
#include "main/cmdline.h"
#include "test/ktest.h"
#include "util/kprintf.h"
#include "util/string.h"

static cmdline_t cl;

KTEST(cmdline_parse, "base.cmdline.parse")
{
	const char *text = "build/keel.elf test=base.* dbg=mm,proc quiet  x=1\tx=2\n"
			   "empty= =novalue a=b=c dbgx=y";
	KT_CHECK_EQ(cmdline_parse(&cl, text), 7);
	KT_CHECK_EQ(cl.cl_nargs, 7);
	KT_CHECK_STR(cmdline_get(&cl, "test"), "base.*");
	KT_CHECK_STR(cmdline_get(&cl, "dbg"), "mm,proc");
	KT_CHECK_STR(cmdline_get(&cl, "dbgx"), "y");
	KT_CHECK_STR(cmdline_get(&cl, "x"), "2");
	KT_CHECK_STR(cmdline_get(&cl, "empty"), "");
	KT_CHECK_STR(cmdline_get(&cl, "a"), "b=c");
	KT_CHECK(cmdline_get(&cl, "build/keel.elf") == NULL);
	KT_CHECK(cmdline_get(&cl, "quiet") == NULL);
	KT_CHECK(cmdline_get(&cl, "novalue") == NULL);
	KT_CHECK(cmdline_get(&cl, "") == NULL);
	KT_CHECK(cmdline_get(&cl, "db") == NULL);
	KT_CHECK(cmdline_get(&cl, "te") == NULL);
	/* The text was copied. */
	KT_CHECK(cmdline_get(&cl, "test") >= cl.cl_buf &&
		 cmdline_get(&cl, "test") < cl.cl_buf + CMDLINE_MAX);

	/* GRUB passes no file name; the same words mean the same. */
	KT_CHECK_EQ(cmdline_parse(&cl, "  test=base.*   x=3  "), 2);
	KT_CHECK_STR(cmdline_get(&cl, "test"), "base.*");
	KT_CHECK_STR(cmdline_get(&cl, "x"), "3");
	KT_CHECK(cmdline_get(&cl, "dbg") == NULL);

	KT_CHECK_EQ(cmdline_parse(&cl, ""), 0);
	KT_CHECK(cmdline_get(&cl, "test") == NULL);
	KT_CHECK_EQ(cmdline_parse(&cl, NULL), 0);
	KT_CHECK_EQ(cmdline_parse(&cl, "keel.elf"), 0);
}

KTEST(cmdline_int, "base.cmdline.int")
{
	KT_CHECK_EQ(cmdline_parse(&cl, "keel.elf hz=0x20 n=-12 oct=010 dec=250 neg=-0x10 p5=+5 "
				       "junk=12abc word=abc e= plus=+ minus=- zero=0 hex=0x"),
		    13);
	KT_CHECK_EQ(cmdline_get_int(&cl, "hz", 7), 32);
	KT_CHECK_EQ(cmdline_get_int(&cl, "n", 7), -12);
	KT_CHECK_EQ(cmdline_get_int(&cl, "oct", 7), 8);
	KT_CHECK_EQ(cmdline_get_int(&cl, "dec", 7), 250);
	KT_CHECK_EQ(cmdline_get_int(&cl, "neg", 7), -16);
	KT_CHECK_EQ(cmdline_get_int(&cl, "p5", 7), 5);
	KT_CHECK_EQ(cmdline_get_int(&cl, "zero", 7), 0);
	/* Not a number, or not only a number: the default. */
	KT_CHECK_EQ(cmdline_get_int(&cl, "junk", 7), 7);
	KT_CHECK_EQ(cmdline_get_int(&cl, "word", 7), 7);
	KT_CHECK_EQ(cmdline_get_int(&cl, "e", 7), 7);
	KT_CHECK_EQ(cmdline_get_int(&cl, "plus", 7), 7);
	KT_CHECK_EQ(cmdline_get_int(&cl, "minus", 7), 7);
	KT_CHECK_EQ(cmdline_get_int(&cl, "hex", 7), 7);
	KT_CHECK_EQ(cmdline_get_int(&cl, "absent", -3), -3);
}

KTEST(cmdline_limits, "base.cmdline.limits")
{
	/*
	 * "keel.elf " and then words "kNN=" + 25 letters, 30 bytes apiece with
	 * the space: word 16 spans bytes 489..517, across the CMDLINE_MAX cut.
	 */
	static char text[700];
	size_t len = strlcpy(text, "keel.elf ", sizeof(text));
	for (int i = 0; i < 20; i++) {
		len += snprintf(text + len, sizeof(text) - len, "k%02d=%025d ", i, i);
	}
	KT_CHECK(len > CMDLINE_MAX);
	KT_CHECK_EQ(cmdline_parse(&cl, text), 16);
	for (int i = 0; i < 16; i++) {
		char key[8], want[32];
		snprintf(key, sizeof(key), "k%02d", i);
		snprintf(want, sizeof(want), "%025d", i);
		KT_CHECK_STR(cmdline_get(&cl, key), want);
	}
	/* The word that did not fit is gone, not kept with a cut value. */
	KT_CHECK(cmdline_get(&cl, "k16") == NULL);
	KT_CHECK(cmdline_get(&cl, "k19") == NULL);

	/* Too many words: the first CMDLINE_MAX_ARGS key=value words are kept. */
	len = strlcpy(text, "keel.elf flag", sizeof(text));
	for (int i = 0; i < CMDLINE_MAX_ARGS + 8; i++) {
		len += snprintf(text + len, sizeof(text) - len, " a%d=%d", i, i * 3);
	}
	KT_CHECK(len < CMDLINE_MAX);
	KT_CHECK_EQ(cmdline_parse(&cl, text), CMDLINE_MAX_ARGS);
	KT_CHECK_EQ(cmdline_get_int(&cl, "a0", -1), 0);
	KT_CHECK_EQ(cmdline_get_int(&cl, "a31", -1), 93);
	KT_CHECK(cmdline_get(&cl, "a32") == NULL);
	KT_CHECK(cmdline_get(&cl, "a39") == NULL);
}

KTEST(cmdline_truncate_boundary, "base.cmdline.truncate_at_word_boundary")
{
	/* A complete word that ends exactly at the limit is kept. */
	static char text[CMDLINE_MAX + 8];
	static cmdline_t cl;
	size_t n = 0;
	const char *head = "a=1 long=";
	for (const char *p = head; *p != '\0'; p++) {
		text[n++] = *p;
	}
	while (n < CMDLINE_MAX - 1) {
		text[n++] = 'x';
	}
	text[n++] = ' ';
	text[n++] = 'b';
	text[n++] = '=';
	text[n++] = '2';
	text[n] = '\0';
	KT_CHECK_EQ(cmdline_parse(&cl, text), 2);
	KT_CHECK_STR(cmdline_get(&cl, "a"), "1");
	const char *v = cmdline_get(&cl, "long");
	KT_CHECK(v != NULL && strlen(v) == CMDLINE_MAX - 1 - strlen(head));
	KT_CHECK(cmdline_get(&cl, "b") == NULL);

	/* One over-long word is dropped whole, not cut. */
	for (n = 0; n < CMDLINE_MAX + 4; n++) {
		text[n] = 'y';
	}
	text[1] = '=';
	text[n] = '\0';
	KT_CHECK_EQ(cmdline_parse(&cl, text), 0);
	KT_CHECK(cmdline_get(&cl, "y") == NULL);
}
