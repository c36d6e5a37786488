/*
 * Terminal settings, raw mode and the signal characters (support code;
 * see drivers/tty_termios.h for what each setting does).
 *
 * Input path, for every character a driver receives (interrupt context):
 *
 *     tty_receive_char() -> tty_term_input()
 *         input flags (IGNCR, ICRNL, INLCR)
 *         ISIG and a signal character -> tty_queue_signal(): a pending bit,
 *             and the tty signal thread is woken
 *         ICANON -> ldisc_receive_char()       (the students' line discipline)
 *         else   -> the raw ring, echo, wake a raw reader
 *
 * Read path (thread context): tty_term_read() takes the raw ring in raw
 * mode and leaves canonical reads to tty_read() and the line discipline.
 *
 * Why a thread for signals: sending one walks the process table and may
 * end processes (signal_send()), which an interrupt handler must not do.
 * The handler only records the signal and the group it is for; the thread
 * sleeps on tty_sigq until woken and sends what it finds.  A signal that
 * arrives again before the thread ran is sent once, as a standard signal
 * that is already pending would be anyway.
 */
#include "drivers/tty_termios.h"
#include "boot/interrupt.h"
#include "drivers/bytedev.h"
#include "drivers/tty.h"
#include "errno.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#include "util/debug.h"
#include "util/kprintf.h"
#include "util/string.h"

#define SIGQ_MAX 16

static ktqueue_t tty_sigq;           /* the signal thread sleeps here */
static tty_t *sig_ttys[SIGQ_MAX];    /* ttys with pending signals; interrupts masked */
static int nsig_ttys;
static bool sigthread_started;

void tty_term_init(tty_t *tty, int rows)
{
	tty_term_t *tm = &tty->tt_term;
	memset(tm, 0, sizeof(*tm));
	tty_termios_t *t = &tm->tm_termios;
	t->c_iflag = TTY_ICRNL | TTY_IXON;
	t->c_oflag = TTY_OPOST | TTY_ONLCR;
	t->c_cflag = TTY_B38400 | TTY_CS8 | TTY_CREAD;
	t->c_lflag = TTY_ISIG | TTY_ICANON | TTY_ECHO | TTY_ECHOE | TTY_ECHOK | TTY_ECHOCTL |
		     TTY_ECHOKE | TTY_IEXTEN;
	t->c_cc[VINTR] = 003;
	t->c_cc[VQUIT] = 034;
	t->c_cc[VERASE] = 0177;
	t->c_cc[VKILL] = 025;
	t->c_cc[VEOF] = 004;
	t->c_cc[VMIN] = 1;
	t->c_cc[VSTART] = 021;
	t->c_cc[VSTOP] = 023;
	t->c_cc[VSUSP] = 032;
	t->c_cc[VREPRINT] = 022;
	t->c_cc[VWERASE] = 027;
	t->c_cc[VLNEXT] = 026;
	tm->tm_winsize.ws_row = (uint16_t)rows;
	tm->tm_winsize.ws_col = 80;
	sched_queue_init(&tm->tm_raw_readq);
}

static bool tty_canonical(const tty_t *tty)
{
	return (tty->tt_term.tm_termios.c_lflag & TTY_ICANON) != 0;
}

static size_t raw_count(const tty_term_t *tm)
{
	return tm->tm_raw_tail - tm->tm_raw_head;
}

/* Empties the line discipline's buffer (interrupts masked). */
static void ldisc_drop_all(ldisc_t *ld)
{
	ld->ld_head = ld->ld_cooked = ld->ld_tail;
}

void tty_get_termios(tty_t *tty, tty_termios_t *t)
{
	uint32_t flags = intr_save();
	*t = tty->tt_term.tm_termios;
	intr_restore(flags);
}

void tty_set_termios(tty_t *tty, const tty_termios_t *t, bool flush)
{
	tty_term_t *tm = &tty->tt_term;
	uint32_t flags = intr_save();
	if (flush) {
		tm->tm_raw_head = tm->tm_raw_tail;
		ldisc_drop_all(&tty->tt_ldisc);
	}
	bool was_canon = tty_canonical(tty);
	tm->tm_termios = *t;
	if (was_canon && !tty_canonical(tty)) {
		/* What the line discipline holds becomes raw input (without ^D markers). */
		ldisc_t *ld = &tty->tt_ldisc;
		for (uint32_t i = ld->ld_head; i != ld->ld_tail; i++) {
			char c = ld->ld_buf[i % LDISC_BUF_SIZE];
			if (c != LDISC_EOF && raw_count(tm) < TTY_RAW_SIZE) {
				tm->tm_raw[tm->tm_raw_tail++ % TTY_RAW_SIZE] = c;
			}
		}
		ldisc_drop_all(ld);
	}
	/* A raw reader re-checks the mode; a canonical reader is left to its line. */
	sched_broadcast_on(&tm->tm_raw_readq);
	intr_restore(flags);
	tty->tt_ops->input_room(tty); /* a driver holding input back may deliver it now */
}

void tty_flush_input(tty_t *tty)
{
	uint32_t flags = intr_save();
	tty->tt_term.tm_raw_head = tty->tt_term.tm_raw_tail;
	ldisc_drop_all(&tty->tt_ldisc);
	intr_restore(flags);
	tty->tt_ops->input_room(tty);
}

bool tty_term_input_full(tty_t *tty)
{
	uint32_t flags = intr_save();
	bool full = tty_canonical(tty) ? ldisc_full(&tty->tt_ldisc)
				       : raw_count(&tty->tt_term) >= TTY_RAW_SIZE;
	intr_restore(flags);
	return full;
}

size_t tty_input_ready(tty_t *tty)
{
	uint32_t flags = intr_save();
	size_t n = raw_count(&tty->tt_term);
	if (tty_canonical(tty)) {
		n += tty->tt_ldisc.ld_cooked - tty->tt_ldisc.ld_head;
	}
	intr_restore(flags);
	return n;
}

/* Records 'sig' for tty's foreground group and wakes the signal thread (interrupts masked). */
static void tty_queue_signal(tty_t *tty, int sig)
{
	tty_term_t *tm = &tty->tt_term;
	if (tm->tm_pgrp <= 0) {
		return; /* no foreground group: nobody to signal */
	}
	/* Signals still pending for a group that left the foreground go to the new one. */
	tm->tm_sig_pgrp = tm->tm_pgrp;
	tm->tm_sigpending |= 1u << sig;
	bool queued = false;
	for (int i = 0; i < nsig_ttys; i++) {
		queued |= sig_ttys[i] == tty;
	}
	if (!queued && nsig_ttys < SIGQ_MAX) {
		sig_ttys[nsig_ttys++] = tty;
	}
	sched_broadcast_on(&tty_sigq);
}

/* Echoes raw-mode input 'c' (ECHO on; interrupts masked). */
static void raw_echo(tty_t *tty, char c)
{
	uint32_t lflag = tty->tt_term.tm_termios.c_lflag;
	unsigned char u = (unsigned char)c;
	if ((u < ' ' && c != '\n' && c != '\t') || u == 0x7f) {
		if (lflag & TTY_ECHOCTL) {
			char s[2] = {'^', (char)(u ^ 0x40)};
			tty->tt_ops->output(tty, s, 2);
			return;
		}
	}
	tty->tt_ops->output(tty, &c, 1);
}

void tty_term_input(tty_t *tty, char c)
{
	tty_term_t *tm = &tty->tt_term;
	uint32_t flags = intr_save();
	const tty_termios_t *t = &tm->tm_termios;
	if (c == '\r' && (t->c_iflag & TTY_IGNCR)) {
		goto out;
	}
	if (c == '\r' && (t->c_iflag & TTY_ICRNL)) {
		c = '\n';
	} else if (c == '\n' && (t->c_iflag & TTY_INLCR)) {
		c = '\r';
	}
	bool canon = tty_canonical(tty);
	if ((t->c_lflag & TTY_ISIG) && c != 0) {
		int sig = c == (char)t->c_cc[VINTR]   ? TTY_SIGINT
			  : c == (char)t->c_cc[VQUIT] ? TTY_SIGQUIT
			  : c == (char)t->c_cc[VSUSP] ? TTY_SIGTSTP
						      : 0;
		if (sig != 0) {
			tty_queue_signal(tty, sig);
			if (!canon) {
				if (!(t->c_lflag & TTY_NOFLSH)) {
					tm->tm_raw_head = tm->tm_raw_tail;
				}
				if (t->c_lflag & TTY_ECHO) {
					raw_echo(tty, c);
				}
				goto out;
			}
		}
	}
	if (canon) {
		ldisc_receive_char(&tty->tt_ldisc, c);
		goto out;
	}
	if (raw_count(tm) < TTY_RAW_SIZE) {
		tm->tm_raw[tm->tm_raw_tail++ % TTY_RAW_SIZE] = c;
		if (t->c_lflag & TTY_ECHO) {
			raw_echo(tty, c);
		}
		sched_broadcast_on(&tm->tm_raw_readq);
	}
out:
	intr_restore(flags);
}

void tty_term_echo(tty_t *tty, const char *s, size_t n)
{
	uint32_t lflag = tty->tt_term.tm_termios.c_lflag;
	if ((lflag & TTY_ECHO) || ((lflag & TTY_ECHONL) && n == 1 && s[0] == '\n')) {
		tty->tt_ops->output(tty, s, n);
	}
}

/* Takes up to 'count' bytes from the raw ring (interrupts masked). */
static size_t raw_take(tty_term_t *tm, char *out, size_t count)
{
	size_t n = 0;
	while (n < count && tm->tm_raw_head != tm->tm_raw_tail) {
		out[n++] = tm->tm_raw[tm->tm_raw_head++ % TTY_RAW_SIZE];
	}
	return n;
}

ssize_t tty_term_read(tty_t *tty, void *buf, size_t count)
{
	if (tty_job_read_check != NULL) {
		int err = tty_job_read_check(tty);
		if (err != 0) {
			return err;
		}
	}
	if (count == 0) {
		return 0;
	}
	tty_term_t *tm = &tty->tt_term;
	if (kmutex_lock_cancellable(&tty->tt_read_mutex) != 0) {
		return -EINTR;
	}
	uint32_t flags = intr_save();
	/* Raw mode waits for a byte; canonical mode takes leftovers from raw mode first. */
	while (!tty_canonical(tty) && raw_count(tm) == 0) {
		if (sched_cancellable_sleep_on(&tm->tm_raw_readq) == -EINTR) {
			intr_restore(flags);
			kmutex_unlock(&tty->tt_read_mutex);
			return -EINTR;
		}
	}
	size_t n = raw_take(tm, buf, count);
	intr_restore(flags);
	kmutex_unlock(&tty->tt_read_mutex);
	if (n > 0) {
		tty->tt_ops->input_room(tty);
		return (ssize_t)n;
	}
	return tty_read(tty, buf, count);
}

ssize_t tty_term_write(tty_t *tty, const void *buf, size_t count)
{
	if ((tty->tt_term.tm_termios.c_lflag & TTY_TOSTOP) && tty_job_write_check != NULL) {
		int err = tty_job_write_check(tty);
		if (err != 0) {
			return err;
		}
	}
	return tty_write(tty, buf, count);
}

/* ---- the signal thread ---- */

static void *tty_signal_main(long arg1, void *arg2)
{
	for (;;) {
		uint32_t flags = intr_save();
		while (nsig_ttys == 0) {
			sched_sleep_on(&tty_sigq);
		}
		tty_t *tty = sig_ttys[0];
		nsig_ttys--;
		memmove(&sig_ttys[0], &sig_ttys[1], nsig_ttys * sizeof(sig_ttys[0]));
		uint32_t pending = tty->tt_term.tm_sigpending;
		pid_t pgrp = tty->tt_term.tm_sig_pgrp;
		tty->tt_term.tm_sigpending = 0;
		intr_restore(flags);
		for (int sig = 1; sig < 32; sig++) {
			if ((pending & (1u << sig)) && tty_job_signal != NULL) {
				dbg(DBG_TTY, "%s: signal %d to process group %d\n", tty->tt_name, sig,
				    pgrp);
				tty_job_signal(pgrp, sig);
			}
		}
	}
	return NULL;
}

/* ---- /dev/tty ---- */

static ssize_t ctty_read(bytedev_t *dev, off_t pos, void *buf, size_t count)
{
	tty_t *tty = tty_job_ctty != NULL ? tty_job_ctty() : NULL;
	return tty != NULL ? tty_term_read(tty, buf, count) : -ENXIO;
}

static ssize_t ctty_write(bytedev_t *dev, off_t pos, const void *buf, size_t count)
{
	tty_t *tty = tty_job_ctty != NULL ? tty_job_ctty() : NULL;
	return tty != NULL ? tty_term_write(tty, buf, count) : -ENXIO;
}

static const bytedev_ops_t ctty_ops = {
    .read = ctty_read,
    .write = ctty_write,
};

static bytedev_t ctty_dev = {
    .cd_id = DEVID_CTTY,
    .cd_name = "tty",
    .cd_ops = &ctty_ops,
};

void tty_signals_init(void)
{
	if (sigthread_started) {
		return;
	}
	sched_queue_init(&tty_sigq);
	proc_t *idle = proc_lookup(PID_IDLE);
	kthread_t *thr = idle != NULL ? kthread_create(idle, tty_signal_main, 0, NULL) : NULL;
	if (thr == NULL) {
		kprintf("tty: no signal thread: ^C, ^\\ and ^Z send no signal\n");
	} else {
		sched_make_runnable(thr);
		sigthread_started = true;
	}
	list_link_init(&ctty_dev.cd_link);
	int err = bytedev_register(&ctty_dev);
	if (err != 0) {
		kprintf("tty: could not register /dev/tty: %s\n", errno_name(-err));
	}
}
