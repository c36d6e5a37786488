/*
 * The line discipline (see drivers/ldisc.h for what each key does).
 *
 * Two sides share one ring buffer:
 *
 *   the terminal's interrupt handler          a thread in tty_read()
 *   -> ldisc_receive_char(c)                  -> ldisc_read(buf, count)
 *        edits [ld_cooked, ld_tail),               sleeps until ld_head != ld_cooked,
 *        moves ld_cooked up to ld_tail at           then takes bytes from ld_head up
 *        the end of a line, wakes the reader        to the end of one line
 *
 * The receiving side never sleeps (it runs in interrupt handlers), and the
 * reading side masks interrupts while it checks and moves the counters, so
 * that a character arriving in between cannot be lost or half-applied.
 * The reader's sleep is the classic pattern: check the condition and go to
 * sleep with interrupts masked, so the wakeup cannot slip in between; check
 * again after every wakeup.
 *
 * Echo.  What the person types appears on the terminal as they type it:
 * the line discipline calls the tty's echo function for each accepted
 * character, "\b \b" (back, blank, back) for each erased one, and "^C\n"
 * when a line is discarded.  A character that is dropped (no room, or an
 * unknown control character) is not echoed: the screen shows exactly the
 * line the reader will get.
 */
#include "drivers/ldisc.h"
#include "boot/interrupt.h"
#include "errno.h"
#include "util/debug.h"

static inline void ldisc_echo(ldisc_t *ld, const char *s, size_t n)
{
	if (ld->ld_echo != NULL) {
		ld->ld_echo(ld->ld_echo_arg, s, n);
	}
}

void ldisc_init(ldisc_t *ld, ldisc_echo_t echo, void *arg)
{
	/* BEGIN SOLUTION(drivers, ldisc_init) -> nothing */
	ld->ld_head = ld->ld_cooked = ld->ld_tail = 0;
	sched_queue_init(&ld->ld_readq);
	ld->ld_echo = echo;
	ld->ld_echo_arg = arg;
	/* END SOLUTION */
}

/*
 * Mask interrupts for the whole function: a test (or a driver) may call it
 * from a thread as well as from an interrupt handler.  Turn '\r' into '\n'
 * first (terminals send '\r' for Enter).  Room: an ordinary character needs
 * ld_tail - ld_head < LDISC_BUF_SIZE - 1, a line end < LDISC_BUF_SIZE.  The
 * reader sleeps on ld_readq; ldisc_echo() sends echo to the terminal.
 */
void ldisc_receive_char(ldisc_t *ld, char c)
{
	/* BEGIN SOLUTION(drivers, ldisc_receive_char) -> nothing */
	uint32_t flags = intr_save();
	if (c == '\r') {
		c = '\n';
	}
	switch (c) {
	case '\n':
	case LDISC_EOF:
		if (ld->ld_tail - ld->ld_head < LDISC_BUF_SIZE) {
			ld->ld_buf[ld->ld_tail % LDISC_BUF_SIZE] = c;
			ld->ld_tail++;
			ld->ld_cooked = ld->ld_tail;
			if (c == '\n') {
				ldisc_echo(ld, "\n", 1);
			}
			sched_broadcast_on(&ld->ld_readq);
		}
		break;
	case '\b':
	case LDISC_DEL:
		if (ld->ld_tail != ld->ld_cooked) {
			ld->ld_tail--;
			ldisc_echo(ld, "\b \b", 3);
		}
		break;
	case LDISC_KILL:
		while (ld->ld_tail != ld->ld_cooked) {
			ld->ld_tail--;
			ldisc_echo(ld, "\b \b", 3);
		}
		break;
	case LDISC_INTR:
		ld->ld_tail = ld->ld_cooked;
		ldisc_echo(ld, "^C\n", 3);
		break;
	default:
		if ((c >= ' ' && c < LDISC_DEL) || c == '\t') {
			if (ld->ld_tail - ld->ld_head < LDISC_BUF_SIZE - 1) {
				ld->ld_buf[ld->ld_tail % LDISC_BUF_SIZE] = c;
				ld->ld_tail++;
				ldisc_echo(ld, &c, 1);
			}
		}
		break;
	}
	intr_restore(flags);
	/* END SOLUTION */
}

/*
 * The sleep must be cancellable (sched_cancellable_sleep_on()): `halt` in
 * the kernel shell ends the other shells by cancelling them while they wait
 * here.  A line ended by ^D: the ^D is consumed with the line's last byte,
 * so the next read waits for a new line instead of reporting end of file.
 */
ssize_t ldisc_read(ldisc_t *ld, void *buf, size_t count)
{
	/* BEGIN SOLUTION(drivers, ldisc_read) -> -ENOSYS */
	KASSERT(count >= 1);
	char *out = buf;
	uint32_t flags = intr_save();
	while (ld->ld_head == ld->ld_cooked) {
		if (sched_cancellable_sleep_on(&ld->ld_readq) == -EINTR) {
			intr_restore(flags);
			return -EINTR;
		}
	}
	size_t n = 0;
	bool line_ended = false;
	while (n < count && ld->ld_head != ld->ld_cooked) {
		char c = ld->ld_buf[ld->ld_head % LDISC_BUF_SIZE];
		ld->ld_head++;
		if (c == LDISC_EOF) {
			line_ended = true;
			break;
		}
		out[n++] = c;
		if (c == '\n') {
			line_ended = true;
			break;
		}
	}
	/* The read stopped just short of the ^D that ends this line: it goes too. */
	if (!line_ended && n > 0 && ld->ld_head != ld->ld_cooked &&
	    ld->ld_buf[ld->ld_head % LDISC_BUF_SIZE] == LDISC_EOF) {
		ld->ld_head++;
	}
	intr_restore(flags);
	return (ssize_t)n;
	/* END SOLUTION */
}

bool ldisc_full(const ldisc_t *ld)
{
	uint32_t flags = intr_save();
	bool full = ld->ld_cooked != ld->ld_head && ld->ld_tail - ld->ld_head >= LDISC_BUF_SIZE - 1;
	intr_restore(flags);
	return full;
}

size_t ldisc_count(const ldisc_t *ld)
{
	uint32_t flags = intr_save();
	size_t n = ld->ld_tail - ld->ld_head;
	intr_restore(flags);
	return n;
}
