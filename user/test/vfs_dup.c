/* dup and dup2: the copies share one offset; dup2 onto an open descriptor closes it; EBADF. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	char buf[16];
	int fd = open("f", O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);
	CHECK(write(fd, "abcdef", 6) == 6);
	int d = dup(fd);
	CHECK(d >= 0 && d != fd);
	CHECK(lseek(d, 0, SEEK_CUR) == 6);
	CHECK(lseek(fd, 1, SEEK_SET) == 1);
	CHECK(read(d, buf, 2) == 2 && memcmp(buf, "bc", 2) == 0);
	CHECK(lseek(fd, 0, SEEK_CUR) == 3);
	/* The lowest free descriptor. */
	CHECK(close(fd) == 0);
	int d2 = dup(d);
	CHECK(d2 == fd);
	CHECK(dup2(d, 20) == 20);
	CHECK(read(20, buf, 1) == 1 && buf[0] == 'd');
	int other = open("g", O_RDWR | O_CREAT, 0644);
	CHECK(other >= 0);
	CHECK(dup2(d, other) == other); /* closes g's descriptor */
	CHECK(read(other, buf, 1) == 1 && buf[0] == 'e');
	CHECK(dup2(d, d) == d);
	CHECK_ERR(dup(99), EBADF);
	CHECK_ERR(dup(-1), EBADF);
	CHECK_ERR(dup2(99, 5), EBADF);
	CHECK_ERR(dup2(d, -1), EBADF);
	CHECK(close(d) == 0);
	CHECK(read(20, buf, 1) == 1 && buf[0] == 'f');
	CHECK(close(20) == 0 && close(other) == 0 && close(d2) == 0);
	puts("dup: ok");
	return 0;
}
