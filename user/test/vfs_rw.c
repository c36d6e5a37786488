/* read and write: partial reads at the end of a file, reads past it, a file of many blocks. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define SIZE (200 * 1024 + 123)

int main(void)
{
	char *data = malloc(SIZE), *back = malloc(SIZE);
	CHECK(data && back);
	for (int i = 0; i < SIZE; i++)
		data[i] = (char)(i * 7 + i / 4096);
	int fd = open("big", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	/* Writes of uneven sizes. */
	for (int off = 0, step = 1; off < SIZE; step = step * 3 % 5000 + 1) {
		int n = SIZE - off < step ? SIZE - off : step;
		CHECK(write(fd, data + off, n) == n);
		off += n;
	}
	CHECK(lseek(fd, 0, SEEK_CUR) == SIZE);
	CHECK(read(fd, back, 10) == 0);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	int got = 0;
	for (;;) {
		ssize_t n = read(fd, back + got, 3000);
		CHECK(n >= 0);
		if (n == 0)
			break;
		got += n;
	}
	CHECK(got == SIZE);
	CHECK(memcmp(data, back, SIZE) == 0);
	/* A read that reaches the end returns what is there. */
	CHECK(lseek(fd, SIZE - 5, SEEK_SET) == SIZE - 5);
	CHECK(read(fd, back, 100) == 5);
	CHECK(read(fd, back, 0) == 0);
	CHECK(write(fd, back, 0) == 0);
	CHECK(close(fd) == 0);
	CHECK_ERR(read(fd, back, 1), EBADF);
	CHECK_ERR(write(fd, back, 1), EBADF);
	printf("read back %d bytes\n", got);
	return 0;
}
