/*
 * Copy-on-write across generations: each of five generations changes one
 * page of a shared buffer and checks that it sees its ancestors' values
 * from before its fork and only its own changes after.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define GENS 5
static char pages[GENS + 1][4096];

static int generation(int g)
{
	for (int i = 0; i < g; i++)
		if (pages[i][100] != 'a' + i)
			return 10 + i;
	for (int i = g; i <= GENS; i++)
		if (pages[i][100] != 0)
			return 20 + i;
	pages[g][100] = (char)('a' + g);
	if (g == GENS)
		return 0;
	pid_t pid = fork();
	if (pid < 0)
		return 30;
	if (pid == 0)
		_exit(generation(g + 1));
	pages[g + 1][100] = 'X'; /* the child must not see this */
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return 31;
	if (WEXITSTATUS(st) != 0)
		return WEXITSTATUS(st);
	return pages[g][100] == 'a' + g ? 0 : 32;
}

int main(void)
{
	fflush(stdout);
	int r = generation(0);
	printf("chain: %d\n", r);
	return r;
}
