/* mkdir and rmdir: EEXIST, ENOENT, ENOTDIR, ENOTEMPTY, EINVAL for ".", and link counts. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static unsigned links(const char *path)
{
	struct stat st;
	CHECK(stat(path, &st) == 0);
	return (unsigned)st.st_nlink;
}

int main(void)
{
	CHECK(mkdir("a", 0755) == 0);
	CHECK_ERR(mkdir("a", 0755), EEXIST);
	CHECK_ERR(mkdir("x/y", 0755), ENOENT);
	CHECK(mkdir("a/b", 0755) == 0);
	CHECK(mkdir("a/c", 0755) == 0);
	printf("links: a %u, a/b %u\n", links("a"), links("a/b"));
	put_file("a/file", "x");
	CHECK_ERR(mkdir("a/file/z", 0755), ENOTDIR);
	CHECK_ERR(mkdir("a/file", 0755), EEXIST);
	CHECK_ERR(rmdir("a"), ENOTEMPTY);
	CHECK_ERR(rmdir("a/file"), ENOTDIR);
	CHECK_ERR(rmdir("a/missing"), ENOENT);
	CHECK_ERR(rmdir("a/b/."), EINVAL);
	CHECK(rmdir("a/b") == 0);
	CHECK(rmdir("a/c/") == 0);
	printf("links: a %u\n", links("a"));
	CHECK(unlink("a/file") == 0);
	CHECK(rmdir("a") == 0);
	CHECK_ERR(rmdir("a"), ENOENT);
	CHECK_ERR(mkdir("", 0755), ENOENT);
	puts("dirs: ok");
	return 0;
}
