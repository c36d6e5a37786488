/*
 * Terminals: the layer between the programs that read and write a terminal
 * and the driver that talks to its hardware (see drivers/tty.h).
 *
 * Input path (interrupt context):
 *     keyboard or UART interrupt -> driver -> tty_receive_char()
 *         -> ldisc_receive_char(): edit the line, echo via tty_echo()
 *            -> tty->tt_ops->output(), wake a reader at the end of a line
 *
 * Read path (thread context):
 *     tty_read() -> read mutex -> ldisc_read(): sleep until a line is there
 *         -> unlock -> tty->tt_ops->input_room() (the driver may deliver
 *            input it was holding back)
 *
 * Write path (thread context):
 *     tty_write() -> write mutex -> tty->tt_ops->output() -> unlock
 *
 * Why two mutexes and not one: a reader sleeps for as long as nobody types,
 * and a shell must still be able to print while another thread waits for
 * input on the same terminal (the kernel shell's `parallel` does exactly
 * that).  Why the mutexes at all: two readers must not share one line, and
 * two writers' messages must come out whole.  Both are taken cancellably so
 * that a thread stuck behind another can still be told to exit.
 *
 * Each tty is also a byte device, /dev/<name>, whose read and write are
 * tty_read() and tty_write() (the position does not matter: a terminal is a
 * stream).
 */
#include "drivers/tty.h"
#include "errno.h"
#include "util/debug.h"
#include "util/kprintf.h"
#include "util/string.h"

static tty_t *ttys[TTY_MAX];
static int nttys;

/* The line discipline's echo goes to the driver when ECHO is on (interrupt context). */
static void tty_echo(void *arg, const char *s, size_t n)
{
	tty_term_echo(arg, s, n);
}

/* Raw mode and job control first (tty_termios.h); canonical reads end in tty_read(). */
static ssize_t tty_dev_read(bytedev_t *dev, off_t pos, void *buf, size_t count)
{
	return tty_term_read(dev->cd_driver, buf, count);
}

/* Job control first (TOSTOP, tty_termios.h), then tty_write(). */
static ssize_t tty_dev_write(bytedev_t *dev, off_t pos, const void *buf, size_t count)
{
	return tty_term_write(dev->cd_driver, buf, count);
}

static const bytedev_ops_t tty_dev_ops = {
    .read = tty_dev_read,
    .write = tty_dev_write,
};

void tty_init(tty_t *tty, const char *name, const tty_ops_t *ops, void *driver)
{
	KASSERT(ops != NULL && ops->output != NULL && ops->input_room != NULL);
	memset(tty, 0, sizeof(*tty));
	strlcpy(tty->tt_name, name, sizeof(tty->tt_name));
	tty->tt_ops = ops;
	tty->tt_driver = driver;
	ldisc_init(&tty->tt_ldisc, tty_echo, tty);
	kmutex_init(&tty->tt_read_mutex);
	kmutex_init(&tty->tt_write_mutex);
	tty->tt_dev.cd_id = NULL_DEVID;
	strlcpy(tty->tt_dev.cd_name, name, sizeof(tty->tt_dev.cd_name));
	tty->tt_dev.cd_ops = &tty_dev_ops;
	tty->tt_dev.cd_driver = tty;
	list_link_init(&tty->tt_dev.cd_link);
	tty_term_init(tty, 24);
}

int tty_register(tty_t *tty, int minor)
{
	if (nttys == TTY_MAX) {
		return -ENOSPC;
	}
	tty->tt_dev.cd_id = MKDEVID(TTY_MAJOR, minor);
	int err = bytedev_register(&tty->tt_dev);
	if (err != 0) {
		return err;
	}
	ttys[nttys++] = tty;
	return 0;
}

int tty_count(void)
{
	return nttys;
}

tty_t *tty_at(int i)
{
	return i >= 0 && i < nttys ? ttys[i] : NULL;
}

void tty_receive_char(tty_t *tty, char c)
{
	tty_term_input(tty, c);
}

bool tty_input_full(tty_t *tty)
{
	return tty_term_input_full(tty);
}

/*
 * Take the read mutex with kmutex_lock_cancellable(), let the line
 * discipline do the waiting, release the mutex, and tell the driver that
 * there is room for input again (tt_ops->input_room) once the read is done.
 */
ssize_t tty_read(tty_t *tty, void *buf, size_t count)
{
	/* BEGIN SOLUTION(drivers, tty_read) -> -ENOSYS */
	KASSERT(tty != NULL && (buf != NULL || count == 0));
	if (count == 0) {
		return 0;
	}
	if (kmutex_lock_cancellable(&tty->tt_read_mutex) != 0) {
		return -EINTR;
	}
	ssize_t n = ldisc_read(&tty->tt_ldisc, buf, count);
	kmutex_unlock(&tty->tt_read_mutex);
	tty->tt_ops->input_room(tty);
	return n;
	/* END SOLUTION */
}

/* The write mutex keeps one writer's bytes together. */
ssize_t tty_write(tty_t *tty, const void *buf, size_t count)
{
	/* BEGIN SOLUTION(drivers, tty_write) -> -ENOSYS */
	KASSERT(tty != NULL && (buf != NULL || count == 0));
	if (kmutex_lock_cancellable(&tty->tt_write_mutex) != 0) {
		return -EINTR;
	}
	tty->tt_ops->output(tty, buf, count);
	kmutex_unlock(&tty->tt_write_mutex);
	return (ssize_t)count;
	/* END SOLUTION */
}
