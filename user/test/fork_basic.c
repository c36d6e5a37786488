/* fork: 0 in the child, the child's pid in the parent; getppid; the child's exit status. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	pid_t me = getpid();
	int p[2];
	CHECK(pipe(p) == 0);
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		pid_t info[2] = {getpid(), getppid()};
		write_all(p[1], info, sizeof(info));
		_exit(7);
	}
	pid_t info[2];
	CHECK(read(p[0], info, sizeof(info)) == sizeof(info));
	CHECK(info[0] == pid);
	CHECK(info[1] == me);
	CHECK(pid != me);
	int status;
	CHECK(waitpid(pid, &status, 0) == pid);
	print_status("child", status);
	puts("fork: ok");
	return 0;
}
