/*
 * The line discipline: what turns the keys a person types into the lines a
 * program reads (cooked mode).
 *
 * A terminal driver hands every character it receives to
 * ldisc_receive_char(), usually from its interrupt handler.  The line
 * discipline keeps them in a buffer, echoes them (through the echo function
 * the tty gave it) and lets the person edit the line being typed:
 *
 *   '\n' or '\r'   ends the line: it becomes readable, with a '\n' at its end
 *                  (echoed as "\n")
 *   '\b' or DEL    erases the last character of the line being typed (echoes
 *                  "\b \b"); never goes back past the start of that line: on
 *                  an empty line it does nothing and echoes nothing
 *   ^U             erases the whole line being typed ("\b \b" per character);
 *                  on an empty line it does nothing and echoes nothing
 *   ^C             discards the line being typed and echoes "^C\n", also on
 *                  an empty line (where there is nothing to discard)
 *   ^D             ends the line without adding a newline, and is not echoed;
 *                  on an empty line, the read that gets to it returns 0: end
 *                  of file.  Each ^D counts: "ab^D^D" is the line "ab", then
 *                  an end of file (reads return 2, then 0)
 *   printable      (and '\t') is added to the line and echoed
 *   anything else  is ignored (not echoed)
 *
 * The buffer holds LDISC_BUF_SIZE (128) bytes: the completed lines nobody
 * has read yet, then the line being typed.  It always keeps room for the
 * character that ends a line: once 127 bytes are held, ordinary characters
 * are dropped, but a newline or ^D still fits.
 *
 * ldisc_read() blocks until a completed line (or end of file) is there,
 * then returns bytes from it, never more than asked for and never past the
 * end of the line: a short read leaves the rest of the line for the next.
 * A line ended by ^D: the read that returns the line's last byte consumes
 * its ^D too (so "abc^D" read 2 bytes at a time gives "ab", then "c", and
 * the read after that waits for a new line); a further ^D right after it is
 * an empty line of its own, an end of file for the read after.
 *
 * The buffer is a ring of three free-running counters; index a byte with
 * counter % LDISC_BUF_SIZE:
 *
 *     ld_head <= ld_cooked <= ld_tail,   ld_tail - ld_head <= LDISC_BUF_SIZE
 *     [ld_head, ld_cooked)   completed lines, waiting for a reader
 *     [ld_cooked, ld_tail)   the line being typed (the person may still edit it)
 *
 * ^D is kept in the buffer as the byte LDISC_EOF where it ended a line; a
 * reader consumes it but never returns it.
 *
 * Concurrency: ldisc_receive_char() runs in interrupt handlers and the
 * buffer is shared with the reader, so every function here masks
 * interrupts while it looks at the counters.  Only one thread reads at a
 * time (tty_read() holds the tty's read mutex).
 */
#ifndef KEEL_DRIVERS_LDISC_H
#define KEEL_DRIVERS_LDISC_H

#include "proc/sched.h"
#include "types.h"

#define LDISC_BUF_SIZE 128

#define LDISC_CTRL(c) ((c)&0x1f)
#define LDISC_EOF LDISC_CTRL('D')  /* 0x04 */
#define LDISC_INTR LDISC_CTRL('C') /* 0x03 */
#define LDISC_KILL LDISC_CTRL('U') /* 0x15 */
#define LDISC_DEL 0x7f

/*
 * Where echo goes: writes n bytes to the terminal.  Called with interrupts
 * masked, possibly from an interrupt handler: it must not sleep.
 */
typedef void (*ldisc_echo_t)(void *arg, const char *s, size_t n);

typedef struct ldisc {
	char ld_buf[LDISC_BUF_SIZE];
	uint32_t ld_head;   /* the next byte a reader gets */
	uint32_t ld_cooked; /* the end of the completed lines */
	uint32_t ld_tail;   /* the end of the line being typed */
	ktqueue_t ld_readq; /* a reader waiting for a completed line */
	ldisc_echo_t ld_echo;
	void *ld_echo_arg;
} ldisc_t;

/* Makes 'ld' empty, with echo going to echo(arg, ...). */
void ldisc_init(ldisc_t *ld, ldisc_echo_t echo, void *arg);

/*
 * Takes one character typed on the terminal, as the table above says, and
 * wakes a waiting reader when a line is complete.  Any context; never
 * sleeps.
 */
void ldisc_receive_char(ldisc_t *ld, char c);

/*
 * Waits (cancellably) for a completed line or end of file, then copies at
 * most 'count' bytes of it to 'buf', stopping after the line's '\n'.
 * Returns the number of bytes copied, 0 for end of file (a ^D at the start
 * of a line, which it consumes), or -EINTR when the thread is cancelled
 * while it waits (nothing is consumed).  'count' must be at least 1.
 */
ssize_t ldisc_read(ldisc_t *ld, void *buf, size_t count);

/*
 * Whether a character other than the end of a line would be dropped now
 * because completed lines fill the buffer (they will make room once read).
 * A driver that can hold input back (the serial port) waits instead of
 * handing over characters that would be lost.
 */
bool ldisc_full(const ldisc_t *ld);

/* The number of bytes held (completed lines and the line being typed). */
size_t ldisc_count(const ldisc_t *ld);

#endif
