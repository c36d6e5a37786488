/*
 * EPIPE: writing to a pipe with no reader left fails.  (Linux would also
 * send SIGPIPE: it is ignored here so that the error is what is seen.)
 */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	int p[2];
	CHECK(pipe(p) == 0);
	CHECK(close(p[0]) == 0);
	CHECK_ERR(write(p[1], "x", 1), EPIPE);
	CHECK(close(p[1]) == 0);
	/* The reader is a child that exits. */
	CHECK(pipe(p) == 0);
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		char c;
		close(p[1]);
		_exit(read(p[0], &c, 1) == 1 ? 0 : 1);
	}
	CHECK(close(p[0]) == 0);
	CHECK(write(p[1], "y", 1) == 1);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && st == 0);
	CHECK_ERR(write(p[1], "z", 1), EPIPE);
	CHECK(close(p[1]) == 0);
	puts("epipe: ok");
	return 0;
}
