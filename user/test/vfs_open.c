/* open's modes and errors: O_CREAT, O_EXCL, O_TRUNC, O_APPEND, the access modes, ENOENT, EISDIR,
 * ENOTDIR. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	char buf[64];
	CHECK_ERR(open("missing", O_RDONLY), ENOENT);
	CHECK_ERR(open("missing/x", O_RDONLY | O_CREAT, 0644), ENOENT);
	int fd = open("f", O_WRONLY | O_CREAT | O_EXCL, 0644);
	CHECK(fd >= 0);
	CHECK(write(fd, "hello", 5) == 5);
	CHECK_ERR(read(fd, buf, 1), EBADF);
	CHECK(close(fd) == 0);
	CHECK_ERR(open("f", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	CHECK_ERR(open("f/x", O_RDONLY), ENOTDIR);

	fd = open("f", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_ERR(write(fd, "x", 1), EBADF);
	CHECK(read(fd, buf, sizeof(buf)) == 5);
	CHECK(close(fd) == 0);

	fd = open("f", O_WRONLY | O_APPEND);
	CHECK(fd >= 0);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(write(fd, " world", 6) == 6);
	CHECK(close(fd) == 0);
	CHECK(get_file("f", buf, sizeof(buf)) == 11);
	printf("after append: %s\n", buf);

	fd = open("f", O_RDWR | O_TRUNC);
	CHECK(fd >= 0);
	CHECK(read(fd, buf, sizeof(buf)) == 0);
	CHECK(write(fd, "abc", 3) == 3);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(read(fd, buf, sizeof(buf)) == 3);
	CHECK(close(fd) == 0);

	CHECK(mkdir("d", 0755) == 0);
	CHECK_ERR(open("d", O_WRONLY), EISDIR);
	CHECK_ERR(open("d", O_RDWR), EISDIR);
	fd = open("d", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_ERR(read(fd, buf, sizeof(buf)), EISDIR);
	CHECK(close(fd) == 0);
	CHECK_ERR(close(fd), EBADF);
	CHECK_ERR(close(-1), EBADF);
	CHECK_ERR(close(1000), EBADF);

	/* creat is O_WRONLY|O_CREAT|O_TRUNC. */
	fd = creat("c", 0600);
	CHECK(fd >= 0);
	CHECK_ERR(read(fd, buf, 1), EBADF);
	CHECK(close(fd) == 0);
	puts("open: ok");
	return 0;
}
