/*
 * Controlling terminals and job control, with Linux's results.  A child
 * leads a new session and opens the terminal (ttytest.h): it becomes its
 * controlling terminal with the child's group in the foreground
 * (tcgetpgrp, tcgetsid, /dev/tty).  tcsetpgrp's errors: EINVAL (negative),
 * ESRCH (no such group), EPERM (a group of another session), ENOTTY (not
 * the caller's controlling terminal, as tcgetpgrp and tcgetsid).  A
 * grandchild's group is put in the foreground: a typed ^C ends it with
 * SIGINT and ^\ another with SIGQUIT, while the child, now in the
 * background, is not signalled; its read gets EIO with SIGTTIN ignored,
 * its settings change and its write with TOSTOP go through with SIGTTOU
 * ignored, and it takes the terminal back.  With ISIG off ^C
 * is an ordinary byte.  A background read with SIGTTIN at its default
 * stops the reader, and once continued in the foreground it gets the
 * typed line (the read is restarted).  TIOCNOTTY gives the terminal up (SIGHUP to the
 * foreground group), TIOCSCTTY takes it again, and only a session leader
 * may.  A process without a controlling terminal cannot open /dev/tty
 * (ENXIO).
 */
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>

#include "ttytest.h"

static int fd;

/* Waits in the foreground group until a signal ends it. */
static void pause_forever(void)
{
	for (;;)
		pause();
}

/*
 * Forks a grandchild in a group of its own, puts that group in the
 * foreground, types 'keys' and reports how the grandchild ended.
 */
static void signal_key(const char *what, const char *keys)
{
	int go[2];
	CHECK(pipe(go) == 0);
	pid_t gc = fork();
	CHECK(gc >= 0);
	if (gc == 0) {
		char c;
		close(go[1]);
		CHECK(read(go[0], &c, 1) == 1); /* wait until it is in the foreground */
		pause_forever();
	}
	close(go[0]);
	CHECK(setpgid(gc, gc) == 0);
	CHECK(tcsetpgrp(fd, gc) == 0);
	printf("%s: foreground is the grandchild: %d\n", what, tcgetpgrp(fd) == gc);
	CHECK(write(go[1], "g", 1) == 1);
	close(go[1]);
	usleep(100000);
	term_type(fd, keys);
	int status;
	CHECK(waitpid(gc, &status, 0) == gc);
	printf("%s: signalled %d, signal %d\n", what, WIFSIGNALED(status),
	       WIFSIGNALED(status) ? WTERMSIG(status) : -1);

	/* The child is in the background now. */
	char buf[8];
	CHECK_ERR(read(fd, buf, sizeof(buf)), EIO); /* SIGTTIN is ignored */
	struct termios t;
	CHECK(tcgetattr(fd, &t) == 0);
	t.c_lflag |= TOSTOP;
	CHECK(tcsetattr(fd, TCSANOW, &t) == 0); /* SIGTTOU is ignored: allowed */
	printf("%s: background write with TOSTOP: %d\n", what, (int)write(fd, "w", 1));
	t.c_lflag &= ~TOSTOP;
	CHECK(tcsetattr(fd, TCSANOW, &t) == 0);
	CHECK(tcsetpgrp(fd, getpgrp()) == 0);        /* SIGTTOU is ignored */
	printf("%s: the child is in the foreground again: %d\n", what, tcgetpgrp(fd) == getpgrp());
}

/*
 * A background read with SIGTTIN at its default stops the reader's group;
 * continued in the foreground, the read starts again and gets the line
 * typed then.
 */
static void background_read(void)
{
	int go[2];
	CHECK(pipe(go) == 0);
	pid_t kid = fork();
	CHECK(kid >= 0);
	if (kid == 0) {
		char buf[32];
		signal(SIGTTIN, SIG_DFL);
		close(go[1]);
		CHECK(read(go[0], buf, 1) == 1); /* in a group of its own now */
		ssize_t n = read(fd, buf, sizeof(buf));
		_exit(n == 6 && memcmp(buf, "later\n", 6) == 0 ? 0 : 1);
	}
	close(go[0]);
	CHECK(setpgid(kid, kid) == 0);
	CHECK(write(go[1], "g", 1) == 1);
	close(go[1]);
	int status;
	CHECK(waitpid(kid, &status, WUNTRACED) == kid);
	printf("background read: stopped %d, by signal %d\n", WIFSTOPPED(status),
	       WIFSTOPPED(status) ? WSTOPSIG(status) : -1);
	CHECK(tcsetpgrp(fd, kid) == 0);
	CHECK(kill(-kid, SIGCONT) == 0);
	usleep(100000);
	term_type(fd, "later\n");
	CHECK(waitpid(kid, &status, 0) == kid);
	printf("background read: continued in the foreground, exited %d status %d\n",
	       WIFEXITED(status), WEXITSTATUS(status));
	CHECK(tcsetpgrp(fd, getpgrp()) == 0); /* SIGTTOU is ignored */
}

static int session_leader(void *arg)
{
	(void)arg;
	pid_t me = getpid();
	CHECK(setsid() == me);
	CHECK_ERR(open("/dev/tty", O_RDWR), ENXIO);
	fd = term_open(O_RDWR);
	CHECK(fd >= 0);
	printf("foreground is mine: %d\n", tcgetpgrp(fd) == me);
	printf("session is mine: %d\n", tcgetsid(fd) == me);
	int ctty = open("/dev/tty", O_RDWR);
	printf("/dev/tty opens: %d\n", ctty >= 0);
	struct termios t;
	CHECK(tcgetattr(ctty, &t) == 0); /* the same terminal */
	close(ctty);

	CHECK_ERR(tcsetpgrp(fd, -1), EINVAL);
	CHECK_ERR(tcsetpgrp(fd, 0x7ffffff0), ESRCH);
	CHECK_ERR(tcsetpgrp(fd, getpgid(getppid())), EPERM); /* another session's group */
	CHECK(tcsetpgrp(fd, me) == 0);
	CHECK(ioctl(fd, TIOCSCTTY, 0) == 0); /* already ours */

	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	term_sane(fd);
	signal_key("ctrl-c", "\x03");
	signal_key("ctrl-backslash", "\x1c");
	background_read();

	/* ISIG off: ^C is a byte for the reader (raw mode). */
	CHECK(tcgetattr(fd, &t) == 0);
	t.c_lflag &= ~(ISIG | ICANON | ECHO);
	CHECK(tcsetattr(fd, TCSANOW, &t) == 0);
	term_type(fd, "\x03");
	char c = 0;
	CHECK(read(fd, &c, 1) == 1);
	printf("isig off: read byte %d\n", c);
	term_sane(fd);

	/* A process of the session that is not its leader. */
	pid_t kid = fork();
	CHECK(kid >= 0);
	if (kid == 0) {
		CHECK(setpgid(0, 0) == 0);
		CHECK_ERR(ioctl(fd, TIOCSCTTY, 0), EPERM);
		_exit(0);
	}
	int status;
	CHECK(waitpid(kid, &status, 0) == kid && status == 0);

	/* Giving it up, and taking it again. */
	CHECK(ioctl(fd, TIOCNOTTY) == 0);
	CHECK_ERR(tcgetpgrp(fd), ENOTTY);
	CHECK_ERR(tcgetsid(fd), ENOTTY);
	CHECK_ERR(tcsetpgrp(fd, me), ENOTTY);
	CHECK_ERR(ioctl(fd, TIOCNOTTY), ENOTTY);
	CHECK_ERR(open("/dev/tty", O_RDWR), ENXIO);
	CHECK(ioctl(fd, TIOCSCTTY, 0) == 0);
	printf("taken again: %d\n", tcgetpgrp(fd) == me && tcgetsid(fd) == me);
	return 0;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	term_find();
	/* Not the caller's controlling terminal. */
	int other = term_open(O_RDWR | O_NOCTTY);
	CHECK(other >= 0);
	CHECK_ERR(tcgetpgrp(other), ENOTTY);
	CHECK_ERR(tcgetsid(other), ENOTTY);
	CHECK_ERR(tcsetpgrp(other, getpgrp()), ENOTTY);
	CHECK_ERR(ioctl(other, TIOCNOTTY), ENOTTY);
	close(other);

	int status = run_child(session_leader, NULL);
	printf("child: exited %d status %d\n", WIFEXITED(status), WEXITSTATUS(status));

	/* The session ended with its leader: a new one can take the terminal. */
	status = run_child(session_leader, NULL);
	printf("again: exited %d status %d\n", WIFEXITED(status), WEXITSTATUS(status));
	return 0;
}
