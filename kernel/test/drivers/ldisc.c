/*
 * The line discipline, fed one character at a time as a terminal's
 * interrupt handler would feed it, with its echo captured: cooked lines,
 * editing (backspace, ^U, ^C, also on an empty line), the 128-byte buffer
 * that always keeps room for the newline, end of file (^D, and a ^D after a
 * line ended by ^D), short reads, and a reader that blocks until a line is
 * complete.
 */
#include "drivers/ldisc.h"
#include "dtest.h"
#include "errno.h"
#include "test/ktest.h"
#include "util/kprintf.h"
#include "util/string.h"

typedef struct echo_log {
	char el_buf[1024];
	size_t el_len;
} echo_log_t;

static void log_echo(void *arg, const char *s, size_t n)
{
	echo_log_t *log = arg;
	for (size_t i = 0; i < n && log->el_len < sizeof(log->el_buf) - 1; i++) {
		log->el_buf[log->el_len++] = s[i];
	}
	log->el_buf[log->el_len] = '\0';
}

static ldisc_t ld;
static echo_log_t echo;

static void setup(void)
{
	memset(&echo, 0, sizeof(echo));
	ldisc_init(&ld, log_echo, &echo);
}

static void type(const char *s)
{
	for (; *s != '\0'; s++) {
		ldisc_receive_char(&ld, *s);
	}
}

/* Reads at most 'count' bytes into a NUL-terminated string; returns the read's result. */
static ssize_t read_str(char *buf, size_t count)
{
	ssize_t n = ldisc_read(&ld, buf, count);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

KTEST(ldisc_cooked_line, "drivers.ldisc.cooked_line")
{
	setup();
	type("hello\n");
	KT_CHECK_EQ(ldisc_count(&ld), 6);
	char buf[64];
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 6);
	KT_CHECK_STR(buf, "hello\n");
	KT_CHECK_STR(echo.el_buf, "hello\n");
	KT_CHECK_EQ(ldisc_count(&ld), 0);
}

KTEST(ldisc_one_line_per_read, "drivers.ldisc.one_line_per_read")
{
	setup();
	type("one\ntwo\n");
	char buf[64];
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 4);
	KT_CHECK_STR(buf, "one\n");
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 4);
	KT_CHECK_STR(buf, "two\n");
}

KTEST(ldisc_short_read, "drivers.ldisc.short_read")
{
	setup();
	type("hello world\n");
	char buf[64];
	KT_CHECK_EQ(read_str(buf, 5), 5);
	KT_CHECK_STR(buf, "hello");
	KT_CHECK_EQ(read_str(buf, 3), 3);
	KT_CHECK_STR(buf, " wo");
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 4);
	KT_CHECK_STR(buf, "rld\n");
	KT_CHECK_EQ(ldisc_count(&ld), 0);
}

KTEST(ldisc_backspace, "drivers.ldisc.backspace")
{
	setup();
	type("abd\bc\n");
	char buf[64];
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 4);
	KT_CHECK_STR(buf, "abc\n");
	KT_CHECK_STR(echo.el_buf, "abd\b \bc\n");
	/* DEL, what most terminals send for the Backspace key, erases too. */
	setup();
	type("xy\x7fz\n");
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 3);
	KT_CHECK_STR(buf, "xz\n");
}

KTEST(ldisc_backspace_line_start, "drivers.ldisc.backspace_line_start")
{
	setup();
	/* Nothing to erase on an empty line, and a completed line is not editable. */
	type("\b\bx\n\b\b\by\n");
	char buf[64];
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 2);
	KT_CHECK_STR(buf, "x\n");
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 2);
	KT_CHECK_STR(buf, "y\n");
	KT_CHECK_STR(echo.el_buf, "x\ny\n");
}

KTEST(ldisc_full_buffer, "drivers.ldisc.full_buffer")
{
	setup();
	for (int i = 0; i < 200; i++) {
		ldisc_receive_char(&ld, 'a' + i % 26);
	}
	/* 127 characters fit; the last place is kept for the newline. */
	KT_CHECK_EQ(ldisc_count(&ld), LDISC_BUF_SIZE - 1);
	KT_CHECK_EQ(echo.el_len, LDISC_BUF_SIZE - 1);
	ldisc_receive_char(&ld, '\n');
	KT_CHECK_EQ(ldisc_count(&ld), LDISC_BUF_SIZE);
	char buf[256];
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), LDISC_BUF_SIZE);
	KT_CHECK_EQ(buf[LDISC_BUF_SIZE - 1], '\n');
	KT_CHECK_EQ(buf[LDISC_BUF_SIZE - 2], 'a' + (LDISC_BUF_SIZE - 2) % 26);
	/* Room again after the read. */
	type("ok\n");
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 3);
	KT_CHECK_STR(buf, "ok\n");
}

KTEST(ldisc_full_of_lines, "drivers.ldisc.full_of_lines")
{
	setup();
	/* Sixteen completed lines of 8 bytes fill all 128 bytes. */
	for (int i = 0; i < 16; i++) {
		char line[9];
		snprintf(line, sizeof(line), "line%03d\n", i);
		type(line);
	}
	KT_CHECK_EQ(ldisc_count(&ld), LDISC_BUF_SIZE);
	KT_CHECK(ldisc_full(&ld));
	/* No room for anything, not even a newline. */
	type("x\n");
	KT_CHECK_EQ(ldisc_count(&ld), LDISC_BUF_SIZE);
	char buf[64];
	for (int i = 0; i < 16; i++) {
		char line[9];
		snprintf(line, sizeof(line), "line%03d\n", i);
		KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 8);
		KT_CHECK_STR(buf, line);
	}
	KT_CHECK(!ldisc_full(&ld));
	KT_CHECK_EQ(ldisc_count(&ld), 0);
}

KTEST(ldisc_eof, "drivers.ldisc.eof")
{
	setup();
	char buf[64];
	/* ^D on an empty line: end of file, once. */
	type("\x04");
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 0);
	KT_CHECK_EQ(ldisc_count(&ld), 0);
	/* ^D after text ends the line without a newline; the next read is a new line. */
	type("ab\x04"
	     "cd\n");
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 2);
	KT_CHECK_STR(buf, "ab");
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 3);
	KT_CHECK_STR(buf, "cd\n");
	KT_CHECK_STR(echo.el_buf, "abcd\n");
}

KTEST(ldisc_eof_short_read, "drivers.ldisc.eof_short_read")
{
	setup();
	char buf[64];
	type("abc\x04"
	     "d\n");
	KT_CHECK_EQ(read_str(buf, 2), 2);
	KT_CHECK_STR(buf, "ab");
	KT_CHECK_EQ(read_str(buf, 1), 1);
	KT_CHECK_STR(buf, "c");
	/* The ^D went with "c": this is the next line, not end of file. */
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 2);
	KT_CHECK_STR(buf, "d\n");
}

KTEST(ldisc_eof_twice, "drivers.ldisc.eof_after_eof_line")
{
	setup();
	char buf[64];
	/* "ab^D^D": the first ^D ends the line "ab", the second is an end of file. */
	type("ab\x04\x04");
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 2);
	KT_CHECK_STR(buf, "ab");
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 0);
	KT_CHECK_EQ(ldisc_count(&ld), 0);
	/* The same with short reads: the ^D that ends the line goes with "b". */
	type("ab\x04\x04"
	     "c\n");
	KT_CHECK_EQ(read_str(buf, 1), 1);
	KT_CHECK_STR(buf, "a");
	KT_CHECK_EQ(read_str(buf, 1), 1);
	KT_CHECK_STR(buf, "b");
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 0);
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 2);
	KT_CHECK_STR(buf, "c\n");
	/* ^D is never echoed. */
	KT_CHECK_STR(echo.el_buf, "ababc\n");
}

KTEST(ldisc_empty_line_edits, "drivers.ldisc.kill_and_interrupt_on_empty_line")
{
	setup();
	char buf[64];
	/* ^U on an empty line erases nothing and echoes nothing. */
	type("\x15");
	KT_CHECK_EQ(ldisc_count(&ld), 0);
	KT_CHECK_STR(echo.el_buf, "");
	/* ^C on an empty line discards nothing, and still echoes "^C\n". */
	type("\x03");
	KT_CHECK_EQ(ldisc_count(&ld), 0);
	KT_CHECK_STR(echo.el_buf, "^C\n");
	/* Neither made a line (or an end of file): the next read gets the next line. */
	type("ok\n\x15\x03");
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 3);
	KT_CHECK_STR(buf, "ok\n");
	KT_CHECK_EQ(ldisc_count(&ld), 0);
	KT_CHECK_STR(echo.el_buf, "^C\nok\n^C\n");
}

KTEST(ldisc_kill_line, "drivers.ldisc.kill_line")
{
	setup();
	type("p\nabc\x15xy\n");
	char buf[64];
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 2);
	KT_CHECK_STR(buf, "p\n");
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 3);
	KT_CHECK_STR(buf, "xy\n");
	KT_CHECK_STR(echo.el_buf, "p\nabc\b \b\b \b\b \bxy\n");
}

KTEST(ldisc_interrupt, "drivers.ldisc.interrupt")
{
	setup();
	type("keep\ndrop this\x03z\n");
	char buf[64];
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 5);
	KT_CHECK_STR(buf, "keep\n");
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 2);
	KT_CHECK_STR(buf, "z\n");
	KT_CHECK_STR(echo.el_buf, "keep\ndrop this^C\nz\n");
}

KTEST(ldisc_controls, "drivers.ldisc.return_tab_and_controls")
{
	setup();
	/* '\r' ends a line like '\n'; a tab is text; other control characters are dropped. */
	type("a\tb\x01\x1b"
	     "c\r");
	char buf[64];
	KT_CHECK_EQ(read_str(buf, sizeof(buf) - 1), 5);
	KT_CHECK_STR(buf, "a\tbc\n");
	KT_CHECK_STR(echo.el_buf, "a\tbc\n");
}

static volatile bool reader_done;

static void *reader(long count, void *buf)
{
	ssize_t n = ldisc_read(&ld, buf, count);
	reader_done = true;
	return (void *)(intptr_t)n;
}

KTEST(ldisc_read_blocks, "drivers.ldisc.read_blocks_until_line")
{
	setup();
	static char buf[64];
	memset(buf, 0, sizeof(buf));
	reader_done = false;
	proc_t *p = spawn("reader", reader, sizeof(buf) - 1, buf);
	if (p == NULL) {
		return;
	}
	yield_n(3);
	KT_CHECK(!reader_done);
	type("ab");
	yield_n(3);
	KT_CHECK(!reader_done); /* a line being typed is not readable yet */
	type("c\n");
	KT_CHECK_EQ(reap(p->p_pid), 4);
	KT_CHECK(reader_done);
	KT_CHECK_STR(buf, "abc\n");
}

KTEST(ldisc_read_cancelled, "drivers.ldisc.read_cancelled")
{
	setup();
	static char buf[64];
	reader_done = false;
	proc_t *p = spawn("reader", reader, sizeof(buf) - 1, buf);
	if (p == NULL) {
		return;
	}
	yield_n(3);
	if (!KT_CHECK(!reader_done)) {
		reap(p->p_pid);
		return;
	}
	/* The reader is asked to exit with -EINTR; its sleep must end. */
	kthread_cancel(spawn_thread(p), (void *)-EINTR);
	KT_CHECK_EQ(reap(p->p_pid), -EINTR);
	KT_CHECK_EQ(ldisc_count(&ld), 0);
}
