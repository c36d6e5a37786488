/*
 * Terminals.
 *
 * A tty joins three layers:
 *
 *     tty_read() / tty_write()        a program (the kernel shell, later
 *            |            |           read(2) and write(2) on /dev/tty0)
 *     line discipline     |           editing, echo, whole lines (ldisc.h)
 *            |            |
 *     driver: input ----> +-> output  the VGA virtual terminals and keyboard
 *     (interrupts)                    (vterm.c), the serial port (serial.c)
 *
 * A driver gives each terminal an output function and calls
 * tty_receive_char() for each character the terminal sends.  The same line
 * discipline serves every kind of terminal.
 *
 * Locking: one thread at a time reads (tt_read_mutex) so that two readers
 * never split a line between them, and one at a time writes
 * (tt_write_mutex) so that two writers' output is not interleaved within
 * one tty_write().  Echo bypasses the write mutex: it happens in interrupt
 * handlers, which cannot sleep.
 */
#ifndef KEEL_DRIVERS_TTY_H
#define KEEL_DRIVERS_TTY_H

#include "drivers/bytedev.h"
#include "drivers/ldisc.h"
#include "drivers/tty_termios.h"
#include "proc/kmutex.h"
#include "types.h"

struct tty;

typedef struct tty_ops {
	/*
	 * Puts n bytes on the terminal ('\n' means a new line; the driver
	 * adds a '\r' if its terminal needs one).  Called by tty_write() from
	 * a thread and by echo from interrupt handlers: it must not sleep.
	 */
	void (*output)(struct tty *tty, const char *buf, size_t n);
	/*
	 * Called after a read made room in the line discipline; a driver that
	 * held input back (ldisc_full()) may deliver it now.  Thread context.
	 */
	void (*input_room)(struct tty *tty);
} tty_ops_t;

typedef struct tty {
	char tt_name[DEV_NAME_LEN]; /* "tty0", "ttyS0" */
	ldisc_t tt_ldisc;
	kmutex_t tt_read_mutex;
	kmutex_t tt_write_mutex;
	const tty_ops_t *tt_ops;
	void *tt_driver;  /* the driver's own data */
	bytedev_t tt_dev; /* the tty as the byte device /dev/<name> */
	tty_term_t tt_term; /* settings, raw input, session (tty_termios.h) */
} tty_t;

#define TTY_MAX 8

/*
 * Sets up 'tty' (its line discipline empty, its mutexes free, its settings
 * the defaults of tty_termios.h with a 24 x 80 window, no session) for the
 * driver 'ops'; it is not registered.  Both ops are required.
 */
void tty_init(tty_t *tty, const char *name, const tty_ops_t *ops, void *driver);

/*
 * Registers 'tty' as byte device MKDEVID(TTY_MAJOR, minor) named tt_name,
 * and adds it to the list of terminals (tty_at()) that get a kernel shell.
 * Returns 0 or the error of bytedev_register(), or -ENOSPC past TTY_MAX.
 */
int tty_register(tty_t *tty, int minor);

/* The registered terminals, in order of registration: 0 .. tty_count() - 1. */
int tty_count(void);
tty_t *tty_at(int i);

/*
 * Reads one line, or part of it, from the terminal: waits until a line or
 * end of file was typed, then returns at most 'count' bytes of that line
 * (ldisc_read()).  Returns the number of bytes, 0 at end of file, -EINTR if
 * the thread is cancelled while it waits (for the mutex or for input).
 * count == 0 returns 0 at once.
 */
ssize_t tty_read(tty_t *tty, void *buf, size_t count);

/*
 * Writes 'count' bytes to the terminal.  Returns count, or -EINTR if the
 * thread is cancelled while it waits for the write mutex (nothing written).
 */
ssize_t tty_write(tty_t *tty, const void *buf, size_t count);

/*
 * A driver's input: one character typed on the terminal.  Any context.
 * It goes through tty_term_input() (tty_termios.h): the input flags and
 * the signal characters, then the line discipline (canonical mode) or
 * the raw ring.
 */
void tty_receive_char(tty_t *tty, char c);

/*
 * Whether ordinary input would be dropped now: ldisc_full() in canonical
 * mode, a full raw ring in raw mode (tty_term_input_full()).
 */
bool tty_input_full(tty_t *tty);

#endif
