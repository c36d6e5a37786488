/* A chain of ten generations, each forking the next and passing its status up plus one. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static int generation(int depth)
{
	if (depth == 10)
		return 0;
	pid_t pid = fork();
	if (pid < 0)
		return 100;
	if (pid == 0)
		_exit(generation(depth + 1));
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return 101;
	return WEXITSTATUS(st) + 1;
}

int main(void)
{
	fflush(stdout);
	printf("depth reached: %d\n", generation(0));
	return 0;
}
