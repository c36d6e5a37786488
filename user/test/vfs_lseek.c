/* lseek: SEEK_SET, SEEK_CUR, SEEK_END, a hole reads as zeros, EINVAL, ESPIPE, EBADF; _llseek. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	char buf[16];
	int fd = open("f", O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);
	CHECK(write(fd, "0123456789", 10) == 10);
	CHECK(lseek(fd, 3, SEEK_SET) == 3);
	CHECK(read(fd, buf, 2) == 2 && memcmp(buf, "34", 2) == 0);
	CHECK(lseek(fd, 2, SEEK_CUR) == 7);
	CHECK(read(fd, buf, 1) == 1 && buf[0] == '7');
	CHECK(lseek(fd, -1, SEEK_END) == 9);
	CHECK(read(fd, buf, 5) == 1 && buf[0] == '9');
	CHECK_ERR(lseek(fd, -11, SEEK_END), EINVAL);
	CHECK_ERR(lseek(fd, -1, SEEK_SET), EINVAL);
	CHECK_ERR(lseek(fd, 0, 42), EINVAL);
	CHECK(lseek(fd, 0, SEEK_CUR) == 10);
	/* A hole. */
	CHECK(lseek(fd, 10000, SEEK_SET) == 10000);
	CHECK(write(fd, "end", 3) == 3);
	CHECK(lseek(fd, 0, SEEK_END) == 10003);
	CHECK(lseek(fd, 5000, SEEK_SET) == 5000);
	memset(buf, 'x', sizeof(buf));
	CHECK(read(fd, buf, 16) == 16);
	for (int i = 0; i < 16; i++)
		CHECK(buf[i] == 0);
	/* _llseek: the 64-bit offset through a pointer. */
	long long where = -1;
	CHECK(syscall(SYS__llseek, fd, 0, 4, &where, SEEK_SET) == 0 && where == 4);
	CHECK(read(fd, buf, 1) == 1 && buf[0] == '4');
	CHECK(close(fd) == 0);
	CHECK_ERR(lseek(fd, 0, SEEK_SET), EBADF);
	int p[2];
	CHECK(pipe(p) == 0);
	CHECK_ERR(lseek(p[0], 0, SEEK_SET), ESPIPE);
	close(p[0]);
	close(p[1]);
	puts("lseek: ok");
	return 0;
}
