/*
 * A write to a pipe with no reader sends SIGPIPE: by default it ends the
 * writer (wait status: signal 13); ignored, the write fails with EPIPE;
 * caught, the handler runs and then the write fails with EPIPE.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static volatile int hits;

static void on_pipe(int sig)
{
	(void)sig;
	hits++;
}

int main(void)
{
	int p[2];
	CHECK(pipe(p) == 0);
	CHECK(close(p[0]) == 0);
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		write(p[1], "x", 1);
		_exit(0); /* not reached */
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE);
	printf("default: killed by signal %d\n", WTERMSIG(st));

	CHECK(signal(SIGPIPE, SIG_IGN) != SIG_ERR);
	CHECK_ERR(write(p[1], "x", 1), EPIPE);
	puts("ignored: EPIPE");

	CHECK(signal(SIGPIPE, on_pipe) != SIG_ERR);
	CHECK_ERR(write(p[1], "x", 1), EPIPE);
	CHECK(hits == 1);
	puts("caught: handler, then EPIPE");
	puts("sig_pipe: ok");
	return 0;
}
