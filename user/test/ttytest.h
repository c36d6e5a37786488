/*
 * A terminal for the tty tests, the same on Keel and on Linux.
 *
 * On Linux the test gets a pseudo-terminal: term_open() returns its slave
 * side and keeps the master, and typing is a write to the master.  Keel
 * has no pseudo-terminals (opening /dev/ptmx fails), so the test gets
 * virtual terminal 2 (/dev/tty2, which no shell uses) and typing is
 * TIOCSTI, which receives each byte as if it had been typed.  Either way
 * the bytes go through the terminal's input processing (ICRNL, the signal
 * characters, the line discipline or raw mode) before a read sees them.
 */
#ifndef KEEL_USER_TTYTEST_H
#define KEEL_USER_TTYTEST_H

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "check.h"

#define KEEL_TERMINAL "/dev/tty2"

static int term_master = -1;
static char term_path[64];

/* Finds the test's terminal (once); its path. */
static const char *term_find(void)
{
	if (term_path[0] != '\0')
		return term_path;
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m >= 0) {
		CHECK(grantpt(m) == 0 && unlockpt(m) == 0);
		CHECK(ptsname_r(m, term_path, sizeof(term_path)) == 0);
		term_master = m;
	} else {
		strcpy(term_path, KEEL_TERMINAL);
	}
	return term_path;
}

/* Opens the test's terminal with 'flags' (O_RDWR and maybe O_NOCTTY). */
static int term_open(int flags)
{
	return open(term_find(), flags);
}

/*
 * Types the bytes of s on the terminal 'fd' refers to, then waits 0.2 s
 * (a pseudo-terminal hands input over asynchronously; Keel's TIOCSTI has
 * done it all before it returns).
 */
static void term_type(int fd, const char *s)
{
	size_t n = strlen(s);
	if (term_master >= 0) {
		write_all(term_master, s, n);
	} else {
		for (size_t i = 0; i < n; i++)
			CHECK(ioctl(fd, TIOCSTI, &s[i]) == 0);
	}
	usleep(200000);
}

/* The terminal's settings back to the defaults the tests expect (canonical, echo, signals). */
static void term_sane(int fd)
{
	struct termios t;
	CHECK(tcgetattr(fd, &t) == 0);
	t.c_iflag |= ICRNL;
	t.c_lflag |= ICANON | ECHO | ISIG;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	CHECK(tcsetattr(fd, TCSAFLUSH, &t) == 0);
}

#endif
