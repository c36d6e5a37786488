/*
 * EFAULT from every call that fills or reads a structure or array, given a
 * bad pointer or one whose object runs off its mapping: fstat64, stat64,
 * getdents64, pipe, wait4, getcwd, uname, nanosleep, clock_gettime,
 * gettimeofday, time, execve's argv and envp.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "badptr.h"

int main(void)
{
	put_file("f", "x");
	int fd = open("f", O_RDONLY);
	int dir = open(".", O_RDONLY);
	CHECK(fd >= 0 && dir >= 0);
	EACH_BAD(4, syscall(SYS_fstat64, fd, b));
	EACH_BAD(4, syscall(SYS_stat64, "f", b));
	EACH_BAD(4, syscall(SYS_lstat64, "f", b));
	EACH_BAD(8, syscall(SYS_getdents64, dir, b, 4096));
	EACH_BAD(4, syscall(SYS_pipe, b));
	EACH_BAD(2, syscall(SYS_getcwd, b, 4096));
	EACH_BAD(8, syscall(SYS_uname, b));
	EACH_BAD(4, syscall(SYS_nanosleep, b, NULL));
	EACH_BAD(4, syscall(SYS_clock_gettime32, CLOCK_REALTIME, b));
	EACH_BAD(4, syscall(SYS_clock_gettime32, CLOCK_MONOTONIC, b));
	void *bads[NBAD];
	bad_pointers(bads, 4);
	for (int i = 1; i < NBAD; i++) /* NULL is allowed for these two */
		CHECK_ERR(syscall(SYS_gettimeofday_time32, bads[i], NULL), EFAULT);
	bad_pointers(bads, 2);
	for (int i = 1; i < NBAD; i++)
		CHECK_ERR(syscall(SYS_time, bads[i]), EFAULT);
	/* execve: the argv or envp array, or a string it points to. */
	char *ok[] = {"prog", NULL};
	EACH_BAD(2, syscall(SYS_execve, "/bin/true", (char **)b + (b == NULL), ok));
	EACH_BAD(2, syscall(SYS_execve, "/bin/true", ok, (char **)b + (b == NULL)));
	bad_pointers(bads, 3);
	for (int i = 1; i < NBAD; i++) { /* (a NULL there would end argv) */
		char *args[] = {"prog", bads[i], NULL};
		CHECK_ERR(syscall(SYS_execve, "/bin/true", args, ok + 1), EFAULT);
	}
	/* wait4's status for a child that has exited: EFAULT (the child may be gone afterwards). */
	bad_pointers(bads, 2);
	for (int i = 1; i < NBAD; i++) {
		fflush(stdout);
		pid_t pid = fork();
		CHECK(pid >= 0);
		if (pid == 0)
			_exit(0);
		CHECK_ERR(syscall(SYS_wait4, pid, bads[i], 0, NULL), EFAULT);
		waitpid(pid, NULL, 0);
	}
	/* Every descriptor pipe() made before its EFAULT is closed again. */
	int p[2];
	CHECK(pipe(p) == 0);
	CHECK(p[0] == dir + 1 && p[1] == dir + 2);
	CHECK(close(p[0]) == 0 && close(p[1]) == 0 && close(fd) == 0 && close(dir) == 0);
	puts("efault struct: ok");
	return 0;
}
