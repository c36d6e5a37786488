/*
 * Terminal settings and the two input modes, with Linux's results: TCGETS
 * gives the defaults and TCSETS round-trips; canonical reads return whole
 * edited lines (DEL, ^U) and FIONREAD and poll see only completed lines;
 * raw reads return what was typed as soon as it is there, short reads
 * leave the rest, ICRNL turns CR into NL (and off, leaves it); switching
 * to raw mode hands over the pending line; TCSAFLUSH empties pending
 * input; TIOCGWINSZ/TIOCSWINSZ round-trip; a pipe is not a terminal.
 * The terminal comes from ttytest.h (a pseudo-terminal on Linux, tty2 on
 * Keel).
 */
#include <poll.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <termios.h>

#include "ttytest.h"

/* Reads once (at most cap - 1 bytes) and prints what came, escaped. */
static void show_read(const char *what, int fd, size_t cap)
{
	char buf[64];
	ssize_t n = read(fd, buf, cap - 1 < sizeof(buf) ? cap - 1 : sizeof(buf));
	printf("%s: %zd \"", what, n);
	for (ssize_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c >= ' ' && c < 0x7f)
			putchar(c);
		else
			printf("\\x%02x", c);
	}
	printf("\"\n");
}

static int pending(int fd)
{
	int n = -1;
	CHECK(ioctl(fd, FIONREAD, &n) == 0);
	return n;
}

static int readable(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	int r = poll(&p, 1, 0);
	CHECK(r >= 0);
	return r > 0 && (p.revents & POLLIN);
}

static void set_raw(int fd, int icrnl)
{
	struct termios t;
	CHECK(tcgetattr(fd, &t) == 0);
	t.c_lflag &= ~(ICANON | ECHO);
	if (icrnl)
		t.c_iflag |= ICRNL;
	else
		t.c_iflag &= ~ICRNL;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	CHECK(tcsetattr(fd, TCSANOW, &t) == 0);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	int fd = term_open(O_RDWR | O_NOCTTY);
	CHECK(fd >= 0);
	CHECK(isatty(fd));
	term_sane(fd);

	/* The defaults, and a round trip. */
	struct termios t, u;
	CHECK(tcgetattr(fd, &t) == 0);
	printf("icanon %d echo %d isig %d icrnl %d opost %d\n", !!(t.c_lflag & ICANON),
	       !!(t.c_lflag & ECHO), !!(t.c_lflag & ISIG), !!(t.c_iflag & ICRNL),
	       !!(t.c_oflag & OPOST));
	printf("intr %d quit %d erase %d kill %d eof %d susp %d min %d\n", t.c_cc[VINTR],
	       t.c_cc[VQUIT], t.c_cc[VERASE], t.c_cc[VKILL], t.c_cc[VEOF], t.c_cc[VSUSP],
	       t.c_cc[VMIN]);
	u = t;
	u.c_lflag &= ~(ECHO | ISIG);
	u.c_cc[VINTR] = 7;
	CHECK(tcsetattr(fd, TCSANOW, &u) == 0);
	CHECK(tcgetattr(fd, &u) == 0);
	printf("after set: echo %d isig %d intr %d\n", !!(u.c_lflag & ECHO), !!(u.c_lflag & ISIG),
	       u.c_cc[VINTR]);
	CHECK(tcsetattr(fd, TCSANOW, &t) == 0);
	CHECK(tcgetattr(fd, &u) == 0);
	printf("restored: %d\n", u.c_lflag == t.c_lflag && u.c_iflag == t.c_iflag &&
				     memcmp(u.c_cc, t.c_cc, sizeof(t.c_cc)) == 0);
	CHECK_ERR(tcgetattr(fd, (struct termios *)8), EFAULT);

	/* Canonical mode: whole edited lines. */
	term_type(fd, "hello\n");
	printf("pending %d readable %d\n", pending(fd), readable(fd));
	show_read("canon", fd, 64);
	term_type(fd, "abX\x7f" "c\n");
	show_read("erase", fd, 64);
	term_type(fd, "junk\x15" "ok\n");
	show_read("kill", fd, 64);
	term_type(fd, "cr\r");
	show_read("cr ends a line", fd, 64);
	term_type(fd, "longer line\n");
	show_read("short", fd, 4);
	show_read("rest", fd, 64);
	term_type(fd, "partial");
	printf("partial: pending %d readable %d\n", pending(fd), readable(fd));

	/* Raw mode: the pending partial line is handed over. */
	set_raw(fd, 1);
	printf("raw: pending %d readable %d\n", pending(fd), readable(fd));
	show_read("handed over", fd, 64);
	term_type(fd, "abc");
	printf("typed abc: pending %d readable %d\n", pending(fd), readable(fd));
	show_read("raw", fd, 64);
	term_type(fd, "xyz");
	show_read("raw 2", fd, 3);
	show_read("raw rest", fd, 64);
	term_type(fd, "\r");
	show_read("icrnl", fd, 64);
	set_raw(fd, 0);
	term_type(fd, "\r");
	show_read("no icrnl", fd, 64);
	term_type(fd, "\x7f\x15");
	show_read("no editing", fd, 64);

	/* TCSAFLUSH empties what was typed. */
	term_type(fd, "flushed");
	CHECK(tcgetattr(fd, &u) == 0);
	CHECK(tcsetattr(fd, TCSAFLUSH, &u) == 0);
	printf("after flush: pending %d readable %d\n", pending(fd), readable(fd));
	term_type(fd, "q");
	CHECK(tcflush(fd, TCIFLUSH) == 0);
	printf("after tcflush: pending %d\n", pending(fd));
	CHECK_ERR(tcflush(fd, 7), EINVAL);

	/* The window size. */
	struct winsize ws = {.ws_row = 30, .ws_col = 100}, ws2, old;
	CHECK(ioctl(fd, TIOCGWINSZ, &old) == 0);
	CHECK(ioctl(fd, TIOCSWINSZ, &ws) == 0);
	CHECK(ioctl(fd, TIOCGWINSZ, &ws2) == 0);
	printf("window %d x %d\n", ws2.ws_row, ws2.ws_col);
	CHECK(ioctl(fd, TIOCSWINSZ, &old) == 0);
	CHECK_ERR(ioctl(fd, TIOCGWINSZ, (void *)8), EFAULT);

	/* Not terminals. */
	int p[2];
	CHECK(pipe(p) == 0);
	printf("pipe isatty %d\n", isatty(p[0]));
	CHECK_ERR(tcgetattr(p[0], &u), ENOTTY);
	CHECK_ERR(ioctl(p[1], TIOCGWINSZ, &ws2), ENOTTY);
	CHECK_ERR(tcgetpgrp(p[0]), ENOTTY);
	CHECK_ERR(tcgetattr(99, &u), EBADF);
	int null = open("/dev/null", O_RDWR);
	CHECK(null >= 0);
	CHECK_ERR(tcgetattr(null, &u), ENOTTY);

	term_sane(fd);
	printf("done\n");
	return 0;
}
