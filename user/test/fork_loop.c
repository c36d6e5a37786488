/* Three hundred fork-and-exit rounds, one child at a time: nothing builds up. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	char *heap = malloc(3 * 4096);
	CHECK(heap != NULL);
	heap[0] = 1;
	int sum = 0;
	for (int i = 0; i < 300; i++) {
		pid_t pid = fork();
		CHECK(pid >= 0);
		if (pid == 0) {
			heap[0] = (char)i; /* a copy-on-write fault each round */
			_exit(i & 0x7f);
		}
		int st;
		CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st));
		sum += WEXITSTATUS(st);
	}
	CHECK(heap[0] == 1);
	printf("sum of statuses: %d\n", sum);
	return 0;
}
