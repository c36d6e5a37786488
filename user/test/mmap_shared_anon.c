/* MAP_SHARED|MAP_ANONYMOUS memory is shared with children across fork; MAP_PRIVATE memory is not.
 */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int *private = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(shared != MAP_FAILED && private != MAP_FAILED);
	shared[0] = 1, private[0] = 1;
	for (int i = 0; i < 4; i++) {
		pid_t pid = fork();
		CHECK(pid >= 0);
		if (pid == 0) {
			shared[0] += 10;
			shared[1 + i] = i + 1;
			private[0] += 10;
			_exit(0);
		}
		int st;
		CHECK(waitpid(pid, &st, 0) == pid && st == 0);
	}
	printf("shared %d [%d %d %d %d], private %d\n", shared[0], shared[1], shared[2], shared[3],
	       shared[4], private[0]);
	CHECK(munmap(shared, 4096) == 0 && munmap(private, 4096) == 0);
	return 0;
}
