/* ECHILD: wait with no children, waitpid for a pid that is not a child (ourselves, our parent). */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	int st;
	CHECK_ERR(wait(&st), ECHILD);
	CHECK_ERR(waitpid(-1, &st, 0), ECHILD);
	CHECK_ERR(waitpid(getpid(), &st, 0), ECHILD);
	CHECK_ERR(waitpid(getppid(), &st, 0), ECHILD);
	CHECK_ERR(waitpid(-1, NULL, WNOHANG), ECHILD);
	puts("echild: ok");
	return 0;
}
