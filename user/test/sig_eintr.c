/*
 * A caught signal ends a system call asleep in the kernel: without
 * SA_RESTART the call fails with EINTR after the handler ran; with it, the
 * call goes on (a pipe read, a wait) as if nothing happened -- except the
 * calls that always report the interruption (nanosleep, pause).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static volatile int hits;

static void on_usr1(int sig)
{
	(void)sig;
	hits++;
}

static void set_handler(int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = flags;
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
}

static void nap(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0) {
	}
}

/*
 * A child that, after 'delay' ms, signals its parent, then after as long
 * again writes one byte to 'fd' (if not -1) and exits with 'code'.
 */
static pid_t poker(int fd, int code)
{
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		nap(150);
		kill(getppid(), SIGUSR1);
		nap(150);
		if (fd >= 0)
			write_all(fd, "x", 1);
		_exit(code);
	}
	return pid;
}

/*
 * Each case is tried again (up to 5 times) when the signal came before
 * the call began -- the child's 150 ms can run out first on a very busy
 * machine -- so that what is printed is always the interrupted call's.
 */
#define TRIES 5

static void pipe_read(int flags, const char *what)
{
	for (int t = 0; t < TRIES; t++) {
		int p[2];
		CHECK(pipe(p) == 0);
		set_handler(flags);
		hits = 0;
		pid_t pid = poker(p[1], 0);
		char c = 0;
		int early = hits;
		ssize_t n = read(p[0], &c, 1);
		int err = n < 0 ? errno : 0;
		if (n < 0) {
			CHECK(read(p[0], &c, 1) == 1); /* the byte comes later */
		}
		CHECK(c == 'x');
		int st;
		CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st));
		close(p[0]);
		close(p[1]);
		if (early == 0 || t == TRIES - 1) {
			printf("%s: read %zd (%s), handler %d\n", what, n,
			       n < 0 ? errno_name(err) : "ok", hits);
			return;
		}
	}
}

static void wait_child(int flags, const char *what)
{
	for (int t = 0; t < TRIES; t++) {
		set_handler(flags);
		hits = 0;
		pid_t pid = poker(-1, 7);
		int st = 0;
		int early = hits;
		pid_t w = waitpid(pid, &st, 0);
		int err = errno;
		if (w != pid)
			CHECK(waitpid(pid, &st, 0) == pid);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
		if (early == 0 || t == TRIES - 1) {
			printf("%s: waitpid %s, handler %d\n", what,
			       w == pid ? "the child" : errno_name(err), hits);
			return;
		}
	}
}

int main(void)
{
	pipe_read(0, "pipe read");
	pipe_read(SA_RESTART, "pipe read, SA_RESTART");
	wait_child(0, "wait");
	wait_child(SA_RESTART, "wait, SA_RESTART");

	/* nanosleep reports the interruption even with SA_RESTART, and the time left. */
	set_handler(SA_RESTART);
	hits = 0;
	pid_t pid = poker(-1, 0);
	struct timespec ts = {5, 0}, left = {0, 0};
	int r = nanosleep(&ts, &left); /* an early signal: a 5 s sleep, "wrong" */
	printf("nanosleep, SA_RESTART: %d (%s), handler %d, time left %s\n", r,
	       r < 0 ? errno_name(errno) : "ok", hits,
	       left.tv_sec >= 3 && left.tv_sec < 5 ? "about 5 s" : "wrong");
	int st;
	CHECK(waitpid(pid, &st, 0) == pid);

	/* A signal that is ignored interrupts nothing. */
	CHECK(signal(SIGUSR1, SIG_IGN) != SIG_ERR);
	int p[2];
	CHECK(pipe(p) == 0);
	pid = poker(p[1], 0);
	char c;
	printf("ignored: read %zd\n", read(p[0], &c, 1));
	CHECK(waitpid(pid, &st, 0) == pid);
	return 0;
}
