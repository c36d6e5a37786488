/*
 * Terminal settings and job-control state of a tty (support code,
 * kernel/drivers/tty_termios.c).
 *
 * Each tty keeps Linux's struct termios (the layout TCGETS and TCSETS
 * copy), its window size, the session it is the controlling terminal of
 * and that session's foreground process group.  The line discipline
 * (ldisc.h, written by students) knows none of this: the support code
 * around it decides, for every character the driver receives, where it
 * goes.
 *
 *   ICANON on (canonical mode, the default): the character goes to the
 *       line discipline, which edits lines and echoes as ldisc.h says.
 *       Its rules are fixed: '\r' always ends a line there, ^C always
 *       discards the line being typed (and echoes "^C\n"), ^D is always
 *       end of file, whatever c_cc and ICRNL say.
 *   ICANON off (raw mode): the character goes to a raw ring of
 *       TTY_RAW_SIZE bytes kept here (dropped when it is full), after the
 *       input flags: IGNCR drops '\r', ICRNL turns '\r' into '\n', INLCR
 *       '\n' into '\r'.  A read waits until at least one byte is there and
 *       returns what is there, up to its count: VMIN is taken as 1
 *       whatever its value, VTIME is ignored.  With ECHO the character is
 *       echoed (a control character as ^X with ECHOCTL, '\n' as itself).
 *   ECHO off: nothing the line discipline echoes reaches the terminal,
 *       except a '\n' ending a line when ECHONL is on.
 *   ISIG on: c_cc[VINTR] (^C), c_cc[VQUIT] (^\) and c_cc[VSUSP] (^Z) send
 *       SIGINT, SIGQUIT and SIGTSTP to the foreground process group, if
 *       the terminal has one (a terminal no session controls signals
 *       nobody: the kernel shell and the kernel tests see no change).  In
 *       raw mode the character is then not input: the raw ring is emptied
 *       (Linux's flush, unless NOFLSH) and, with ECHO, "^C" (or ^\, ^Z)
 *       echoed.  In canonical mode it still goes to the line discipline
 *       as well.  With ISIG off the character is ordinary input (in raw
 *       mode, 0x03 for the reader: BusyBox's line editing works so).
 *       Signals cannot be sent from the interrupt handler that receives
 *       the character: the handler records them in the tty's pending word
 *       and wakes the tty signal thread (a kernel thread of the idle
 *       process, started by tty_signals_init()), which sends them with
 *       tty_job_signal().
 *   Switching from canonical to raw mode moves what the line discipline
 *   holds (completed lines and the line being typed) to the raw ring;
 *   bytes still in the raw ring when canonical mode comes back are read
 *   first, without waiting, as Linux hands over its pending input.
 *
 * Output flags (OPOST, ONLCR) and the control flags are stored and
 * reported, and change nothing: the drivers always put "\r\n" for '\n'.
 * TOSTOP makes a write from a background process group subject to
 * SIGTTOU (api/tty_job.h).
 *
 * Concurrency: the settings and the raw ring are read by interrupt
 * handlers, so every change masks interrupts.  One reader at a time in raw
 * mode too (the tty's read mutex).
 */
#ifndef KEEL_DRIVERS_TTY_TERMIOS_H
#define KEEL_DRIVERS_TTY_TERMIOS_H

#include "proc/sched.h"
#include "types.h"

struct tty;
struct bytedev;

/* Linux's kernel struct termios (i386): 36 bytes. */
typedef struct tty_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[19];
} tty_termios_t;

/* Linux's struct winsize. */
typedef struct tty_winsize {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
} tty_winsize_t;

/* c_cc indexes. */
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSTART 8
#define VSTOP 9
#define VSUSP 10
#define VREPRINT 12
#define VWERASE 14
#define VLNEXT 15

/* c_iflag */
#define TTY_INLCR 0000100
#define TTY_IGNCR 0000200
#define TTY_ICRNL 0000400
#define TTY_IXON 0002000
/* c_oflag */
#define TTY_OPOST 0000001
#define TTY_ONLCR 0000004
/* c_cflag */
#define TTY_B38400 0000017
#define TTY_CS8 0000060
#define TTY_CREAD 0000200
/* c_lflag */
#define TTY_ISIG 0000001
#define TTY_ICANON 0000002
#define TTY_ECHO 0000010
#define TTY_ECHOE 0000020
#define TTY_ECHOK 0000040
#define TTY_ECHONL 0000100
#define TTY_NOFLSH 0000200
#define TTY_TOSTOP 0000400
#define TTY_ECHOCTL 0001000
#define TTY_ECHOKE 0004000
#define TTY_IEXTEN 0100000

#define TTY_RAW_SIZE 256

/* The signals a terminal sends (Linux's numbers). */
#define TTY_SIGINT 2
#define TTY_SIGQUIT 3
#define TTY_SIGTSTP 20

/* A tty's settings and job-control state; the tty_t field tt_term.  Owned by tty_termios.c. */
typedef struct tty_term {
	tty_termios_t tm_termios;
	tty_winsize_t tm_winsize;
	char tm_raw[TTY_RAW_SIZE];
	uint32_t tm_raw_head, tm_raw_tail; /* free-running, as the ldisc's counters */
	ktqueue_t tm_raw_readq;            /* a raw-mode reader waiting for input */
	/*
	 * The session whose controlling terminal this is and its foreground
	 * process group (0: none).  Set by the job-control code
	 * (api/tty_job.h) in process context; read by interrupt handlers.
	 */
	pid_t tm_sid;
	pid_t tm_pgrp;
	uint32_t tm_sigpending; /* bit n: signal n to send to tm_sig_pgrp */
	pid_t tm_sig_pgrp;      /* the group the pending signals are for */
} tty_term_t;

/*
 * The defaults (what TCGETS gives before any TCSETS, as a Linux console's
 * stty -a shows): ICRNL IXON; OPOST ONLCR; B38400 CS8 CREAD; ISIG ICANON
 * ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN; ^C ^\ DEL ^U ^D, VMIN 1, ^Q ^S
 * ^Z ^R ^W ^V; the window 'rows' x 80.  No session.  Called by tty_init().
 */
void tty_term_init(struct tty *tty, int rows);

/*
 * Copies the settings out, or in (TCSETS*: 'flush' empties pending input
 * first).  tty_set_termios() is for thread context.
 */
void tty_get_termios(struct tty *tty, tty_termios_t *t);
void tty_set_termios(struct tty *tty, const tty_termios_t *t, bool flush);

/*
 * Empties pending input: the raw ring and the line discipline's buffer.
 * Thread context (it calls the driver's input_room, as tty_set_termios()
 * and a raw read do).
 */
void tty_flush_input(struct tty *tty);

/*
 * Whether ordinary input would be dropped now (tty_input_full()): in
 * canonical mode ldisc_full(), in raw mode a full raw ring.
 */
bool tty_term_input_full(struct tty *tty);

/* The bytes a read could take now (FIONREAD, poll): completed lines or raw bytes. */
size_t tty_input_ready(struct tty *tty);

/*
 * The driver's character (tty_receive_char()): the input flags, the
 * signal characters, then the line discipline or the raw ring, as above.
 * Any context; never sleeps.
 */
void tty_term_input(struct tty *tty, char c);

/* The line discipline's echo, filtered by ECHO and ECHONL.  Any context. */
void tty_term_echo(struct tty *tty, const char *s, size_t n);

/*
 * A read of the tty device (/dev/<name>): tty_job_read_check() first (a
 * background process group reading its terminal), then the raw ring in
 * raw mode (waiting cancellably for a byte: -EINTR if cancelled), else
 * bytes left in the raw ring, else tty_read().
 */
ssize_t tty_term_read(struct tty *tty, void *buf, size_t count);

/*
 * A write to the tty device: with TOSTOP, tty_job_write_check() first (a
 * background process group writing its terminal), then tty_write().
 */
ssize_t tty_term_write(struct tty *tty, const void *buf, size_t count);

/*
 * Starts the tty signal thread (in the idle process) and registers
 * /dev/tty, the caller's controlling terminal (byte device
 * DEVID_CTTY, whose reads and writes go to tty_job_ctty()'s tty, -ENXIO
 * without one).  drivers_init() calls it.
 */
void tty_signals_init(void);

/*
 * Supplied by the job-control support code (kernel/api/tty_job.c); weak,
 * so that a kernel without it still has terminals.
 *   tty_job_signal(pgrp, sig)   sends sig to process group pgrp (the
 *                               signal thread calls it)
 *   tty_job_read_check(tty)     0 when the caller may read tty, else the
 *                               error the read returns (SIGTTIN)
 *   tty_job_write_check(tty)    the same for a write with TOSTOP (SIGTTOU)
 *   tty_job_ctty()              the caller's controlling terminal or NULL
 */
void tty_job_signal(pid_t pgrp, int sig) __attribute__((weak));
int tty_job_read_check(struct tty *tty) __attribute__((weak));
int tty_job_write_check(struct tty *tty) __attribute__((weak));
struct tty *tty_job_ctty(void) __attribute__((weak));

#endif
