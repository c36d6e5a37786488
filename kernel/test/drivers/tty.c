/*
 * Terminals: tty_write() reaches the driver whole, tty_read() returns one
 * line and tells the driver there is room again, two readers never share a
 * line (the read mutex), and a reader waiting for input or for the mutex
 * can be cancelled.  Also the terminals the kernel registered at boot.
 */
#include "drivers/tty.h"
#include "drivers/bytedev.h"
#include "drivers/serial.h"
#include "drivers/vterm.h"
#include "dtest.h"
#include "errno.h"
#include "test/ktest.h"
#include "util/kprintf.h"
#include "util/string.h"

static dtest_term_t term;

KTEST(tty_write_reaches_driver, "drivers.tty.write_reaches_driver")
{
	dtest_term_init(&term, "ttyT");
	KT_CHECK_EQ(tty_write(&term.ft_tty, "hi there\n", 9), 9);
	KT_CHECK_STR(term.ft_out, "hi there\n");
	KT_CHECK_EQ(tty_write(&term.ft_tty, "x", 0), 0);
	KT_CHECK_STR(term.ft_out, "hi there\n");
}

KTEST(tty_read_line, "drivers.tty.read_line")
{
	dtest_term_init(&term, "ttyT");
	dtest_type(&term, "abc\ndef\n");
	/* Echo went to the driver as the characters arrived. */
	KT_CHECK_STR(term.ft_out, "abc\ndef\n");
	char buf[32] = {0};
	KT_CHECK_EQ(tty_read(&term.ft_tty, buf, sizeof(buf) - 1), 4);
	KT_CHECK_STR(buf, "abc\n");
	KT_CHECK(term.ft_room_calls >= 1);
	memset(buf, 0, sizeof(buf));
	KT_CHECK_EQ(tty_read(&term.ft_tty, buf, 2), 2);
	KT_CHECK_STR(buf, "de");
	KT_CHECK_EQ(tty_read(&term.ft_tty, buf, 0), 0);
}

typedef struct read_job {
	char rj_buf[32];
	ssize_t rj_result;
} read_job_t;

static void *tty_reader(long unused, void *arg)
{
	read_job_t *job = arg;
	job->rj_result = tty_read(&term.ft_tty, job->rj_buf, sizeof(job->rj_buf) - 1);
	if (job->rj_result > 0) {
		job->rj_buf[job->rj_result] = '\0';
	}
	return (void *)(intptr_t)job->rj_result;
}

KTEST(tty_two_readers, "drivers.tty.two_readers_whole_lines")
{
	dtest_term_init(&term, "ttyT");
	static read_job_t jobs[2];
	memset(jobs, 0, sizeof(jobs));
	proc_t *a = spawn("reader-a", tty_reader, 0, &jobs[0]);
	proc_t *b = spawn("reader-b", tty_reader, 0, &jobs[1]);
	if (a == NULL || b == NULL) {
		return;
	}
	yield_n(3);
	dtest_type(&term, "first line\n");
	yield_n(3);
	dtest_type(&term, "second\n");
	KT_CHECK_EQ(reap(a->p_pid), 11);
	KT_CHECK_EQ(reap(b->p_pid), 7);
	/* The first reader in line got the first line, whole. */
	KT_CHECK_STR(jobs[0].rj_buf, "first line\n");
	KT_CHECK_STR(jobs[1].rj_buf, "second\n");
}

KTEST(tty_read_cancel, "drivers.tty.read_cancelled")
{
	dtest_term_init(&term, "ttyT");
	static read_job_t jobs[2];
	memset(jobs, 0, sizeof(jobs));
	/* a waits for input holding the read mutex; b waits for the mutex. */
	proc_t *a = spawn("reader-a", tty_reader, 0, &jobs[0]);
	proc_t *b = spawn("reader-b", tty_reader, 0, &jobs[1]);
	if (a == NULL || b == NULL) {
		return;
	}
	yield_n(3);
	if (!KT_CHECK(a->p_state == PROC_RUNNING && b->p_state == PROC_RUNNING)) {
		reap(a->p_pid);
		reap(b->p_pid);
		return;
	}
	kthread_cancel(spawn_thread(b), (void *)-EINTR);
	KT_CHECK_EQ(reap(b->p_pid), -EINTR);
	kthread_cancel(spawn_thread(a), (void *)-EINTR);
	KT_CHECK_EQ(reap(a->p_pid), -EINTR);
	/* Nobody holds the mutex now: a new read works. */
	dtest_type(&term, "after\n");
	char buf[16] = {0};
	KT_CHECK_EQ(tty_read(&term.ft_tty, buf, sizeof(buf) - 1), 6);
	KT_CHECK_STR(buf, "after\n");
}

KTEST(tty_registered, "drivers.tty.registered_terminals")
{
	KT_CHECK(tty_count() >= VTERM_COUNT);
	for (int i = 0; i < VTERM_COUNT; i++) {
		char name[8];
		snprintf(name, sizeof(name), "tty%d", i);
		bytedev_t *dev = bytedev_lookup(MKDEVID(TTY_MAJOR, i));
		if (!KT_CHECK(dev != NULL)) {
			continue;
		}
		KT_CHECK_STR(dev->cd_name, name);
		KT_CHECK(bytedev_lookup_name(name) == dev);
		KT_CHECK(dev->cd_driver == vterm_tty(i));
	}
	if (serial_tty() != NULL) {
		KT_CHECK(bytedev_lookup(MKDEVID(TTY_MAJOR, TTY_SERIAL_MINOR)) ==
			 &serial_tty()->tt_dev);
		KT_CHECK(bytedev_lookup_name("/dev/ttyS0") == &serial_tty()->tt_dev);
	}
}

KTEST(tty_bytedev_io, "drivers.tty.as_byte_device")
{
	/* Reads and writes through the byte device layer reach the tty. */
	dtest_term_init(&term, "ttyT");
	bytedev_t *dev = &term.ft_tty.tt_dev;
	KT_CHECK_EQ(bytedev_write(dev, 0, "out\n", 4), 4);
	KT_CHECK_STR(term.ft_out, "out\n");
	dtest_type(&term, "in\n");
	char buf[8] = {0};
	KT_CHECK_EQ(bytedev_read(dev, 0, buf, sizeof(buf) - 1), 3);
	KT_CHECK_STR(buf, "in\n");
}
