/* EFAULT from read, write, readv, writev and _llseek given bad buffers (the whole buffer unusable).
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "badptr.h"

int main(void)
{
	put_file("f", "some data in the file\n");
	int fd = open("f", O_RDWR);
	CHECK(fd >= 0);
	void *bads[NBAD];
	bad_pointers(bads, 0);
	for (int i = 0; i < 3; i++) { /* NULL, kernel, unmapped: not one byte is usable */
		void *b = bads[i];
		CHECK(lseek(fd, 0, SEEK_SET) == 0);
		CHECK_ERR(syscall(SYS_read, fd, b, 10), EFAULT);
		CHECK_ERR(syscall(SYS_write, fd, b, 10), EFAULT);
		struct iovec iov = {b, 10};
		CHECK_ERR(syscall(SYS_readv, fd, &iov, 1), EFAULT);
		CHECK_ERR(syscall(SYS_writev, fd, &iov, 1), EFAULT);
	}
	/* The iovec array itself bad, or running off its mapping. */
	bad_pointers(bads, 4);
	for (int i = 0; i < NBAD; i++) {
		CHECK_ERR(syscall(SYS_readv, fd, bads[i], 1), EFAULT);
		CHECK_ERR(syscall(SYS_writev, fd, bads[i], 1), EFAULT);
		CHECK_ERR(syscall(SYS__llseek, fd, 0, 0, bads[i], SEEK_SET), EFAULT);
	}
	char buf[64];
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(read(fd, buf, sizeof(buf)) == 22);
	CHECK(close(fd) == 0);
	puts("efault io: ok");
	return 0;
}
