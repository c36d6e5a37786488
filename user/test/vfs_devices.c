/* /dev/null and /dev/zero from user space; ioctl on a file is ENOTTY; stdin is not a terminal. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	char buf[100];
	int null = open("/dev/null", O_RDWR);
	CHECK(null >= 0);
	CHECK(read(null, buf, sizeof(buf)) == 0);
	CHECK(write(null, "gone", 4) == 4);
	int zero = open("/dev/zero", O_RDONLY);
	CHECK(zero >= 0);
	memset(buf, 'x', sizeof(buf));
	CHECK(read(zero, buf, sizeof(buf)) == sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		CHECK(buf[i] == 0);
	put_file("f", "x");
	int fd = open("f", O_RDONLY);
	struct termios t;
	struct winsize ws;
	CHECK_ERR(ioctl(fd, TCGETS, &t), ENOTTY);
	CHECK_ERR(ioctl(fd, TIOCGWINSZ, &ws), ENOTTY);
	CHECK_ERR(ioctl(null, TCGETS, &t), ENOTTY);
	CHECK(!isatty(0) && !isatty(fd));
	CHECK(close(fd) == 0 && close(null) == 0 && close(zero) == 0);
	puts("devices: ok");
	return 0;
}
