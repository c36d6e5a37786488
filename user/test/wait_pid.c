/* waitpid for one child among several: the others are left for later; wait4 with a rusage pointer
 * of NULL. */
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	pid_t pids[4];
	for (int i = 0; i < 4; i++) {
		fflush(stdout);
		pids[i] = fork();
		CHECK(pids[i] >= 0);
		if (pids[i] == 0)
			_exit(10 + i);
	}
	int st;
	CHECK(waitpid(pids[2], &st, 0) == pids[2]);
	printf("third: %d\n", WEXITSTATUS(st));
	CHECK(syscall(SYS_wait4, pids[0], &st, 0, NULL) == pids[0]);
	printf("first: %d\n", WEXITSTATUS(st));
	CHECK_ERR(waitpid(pids[2], &st, 0), ECHILD);
	int seen = 0;
	for (int k = 0; k < 2; k++) {
		pid_t w = waitpid(-1, &st, 0);
		CHECK(w == pids[1] || w == pids[3]);
		seen += WEXITSTATUS(st);
	}
	printf("others: %d\n", seen);
	CHECK_ERR(waitpid(-1, &st, 0), ECHILD);
	return 0;
}
