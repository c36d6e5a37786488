/* Twenty children at once, each exiting with its own code: wait(-1) collects every one once. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define N 20

int main(void)
{
	pid_t pids[N];
	for (int i = 0; i < N; i++) {
		fflush(stdout);
		pids[i] = fork();
		CHECK(pids[i] >= 0);
		if (pids[i] == 0) {
			for (volatile int spin = 0; spin < (N - i) * 1000; spin++)
				;
			_exit(i);
		}
	}
	int seen[N] = {0};
	for (int k = 0; k < N; k++) {
		int st;
		pid_t w = wait(&st);
		CHECK(w > 0 && WIFEXITED(st));
		int i = WEXITSTATUS(st);
		CHECK(i < N && pids[i] == w && !seen[i]);
		seen[i] = 1;
	}
	CHECK_ERR(wait(NULL), ECHILD);
	printf("collected %d children\n", N);
	return 0;
}
