/* readv and writev: several buffers in one call, an empty one among them. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);
	struct iovec out[3] = {{"hello", 5}, {"", 0}, {", vectors\n", 10}};
	CHECK(writev(fd, out, 3) == 15);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	char a[4], b[20];
	memset(b, 0, sizeof(b));
	struct iovec in[2] = {{a, sizeof(a)}, {b, sizeof(b)}};
	CHECK(readv(fd, in, 2) == 15);
	printf("%.4s|%s", a, b);
	CHECK(readv(fd, in, 2) == 0);
	CHECK_ERR(writev(fd, out, -1), EINVAL);
	CHECK(close(fd) == 0);
	CHECK_ERR(readv(fd, in, 2), EBADF);
	return 0;
}
