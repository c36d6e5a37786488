/*
 * Orphans: a child forks a grandchild and exits at once; the grandchild
 * (now another process's child) still runs and writes to a pipe; only the
 * child is ours to wait for.
 */
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	int p[2];
	CHECK(pipe(p) == 0);
	fflush(stdout);
	pid_t child = fork();
	CHECK(child >= 0);
	if (child == 0) {
		pid_t grand = fork();
		if (grand < 0)
			_exit(2);
		if (grand == 0) {
			close(p[0]);
			for (int i = 0; i < 20; i++)
				sched_yield();
			write_all(p[1], "from the orphan\n", 16);
			_exit(0);
		}
		_exit(0);
	}
	close(p[1]);
	int st;
	CHECK(waitpid(child, &st, 0) == child && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	char buf[64];
	ssize_t n, got = 0;
	while ((n = read(p[0], buf + got, sizeof(buf) - 1 - got)) > 0)
		got += n;
	buf[got] = '\0';
	printf("%s", buf);
	CHECK_ERR(wait(&st), ECHILD); /* the grandchild is not ours */
	return 0;
}
