/*
 * Keel only (nodiff): EFAULT where Linux differs or cannot run the same
 * call.  keel_meminfo (Linux: ENOSYS) given the four bad pointers; readv
 * and writev whose buffer runs off its mapping fail as a whole (Linux
 * copies the part that is mapped); the terminal ioctls on /dev/tty0
 * (TCGETS, TCSETS, TIOCGWINSZ) given the four bad pointers.  The file is
 * unchanged.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

#include "badptr.h"

int main(void)
{
	EACH_BAD(8, keel_meminfo(b));

	put_file("f", "0123456789abcdefghij");
	int fd = open("f", O_RDWR);
	CHECK(fd >= 0);
	void *bads[NBAD];
	bad_pointers(bads, 8);
	struct iovec iov = {bads[3], 16};
	CHECK_ERR(syscall(SYS_readv, fd, &iov, 1), EFAULT);
	CHECK(lseek(fd, 0, SEEK_CUR) == 0);
	CHECK_ERR(syscall(SYS_writev, fd, &iov, 1), EFAULT);
	CHECK(lseek(fd, 0, SEEK_END) == 20);
	CHECK(close(fd) == 0);
	char buf[32];
	CHECK(get_file("f", buf, sizeof(buf)) == 20);

	int tty = open("/dev/tty0", O_RDWR);
	CHECK(tty >= 0);
	EACH_BAD(8, syscall(SYS_ioctl, tty, TCGETS, b));
	EACH_BAD(8, syscall(SYS_ioctl, tty, TCSETS, b));
	EACH_BAD(4, syscall(SYS_ioctl, tty, TIOCGWINSZ, b));
	struct winsize ws;
	CHECK(ioctl(tty, TIOCGWINSZ, &ws) == 0);
	CHECK(close(tty) == 0);
	puts("efault keel: ok");
	return 0;
}
