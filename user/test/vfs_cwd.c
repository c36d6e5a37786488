/* chdir and getcwd: relative paths follow the cwd, ".." goes back, ERANGE, ENOENT, ENOTDIR. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	char start[1024], now[1024];
	CHECK(getcwd(start, sizeof(start)) != NULL);
	CHECK(start[0] == '/');
	CHECK(mkdir("a", 0755) == 0 && mkdir("a/b", 0755) == 0);
	CHECK(chdir("a/b") == 0);
	CHECK(getcwd(now, sizeof(now)) != NULL);
	size_t n = strlen(start);
	CHECK(strncmp(now, start, n) == 0 && strcmp(now + n, "/a/b") == 0);
	put_file("here", "x");
	CHECK(chdir("../..") == 0);
	CHECK(getcwd(now, sizeof(now)) != NULL && strcmp(now, start) == 0);
	CHECK(access("a/b/here", F_OK) == 0);
	CHECK_ERR(chdir("missing"), ENOENT);
	CHECK_ERR(chdir("a/b/here"), ENOTDIR);
	/* The raw call: the length with its NUL; ERANGE for a buffer too small. */
	CHECK(syscall(SYS_getcwd, now, sizeof(now)) == (long)n + 1);
	CHECK_ERR(syscall(SYS_getcwd, now, n), ERANGE);
	CHECK(chdir("/") == 0);
	CHECK(getcwd(now, sizeof(now)) != NULL && strcmp(now, "/") == 0);
	CHECK(chdir(start) == 0);
	puts("cwd: ok");
	return 0;
}
