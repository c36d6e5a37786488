/* fcntl: F_GETFD/F_SETFD (FD_CLOEXEC), F_GETFL/F_SETFL (O_APPEND), F_DUPFD. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);
	CHECK(fcntl(fd, F_GETFD) == 0);
	CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0);
	CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC);
	CHECK((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
	CHECK(write(fd, "ab", 2) == 2);
	CHECK(fcntl(fd, F_SETFL, O_APPEND) == 0);
	CHECK(fcntl(fd, F_GETFL) & O_APPEND);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(write(fd, "c", 1) == 1);
	CHECK(lseek(fd, 0, SEEK_CUR) == 3);
	int d = fcntl(fd, F_DUPFD, 10);
	CHECK(d == 10);
	CHECK(fcntl(d, F_GETFD) == 0); /* the copy does not inherit close-on-exec */
	CHECK(fcntl(fd, F_DUPFD, 10) == 11);
	int ro = open("f", O_RDONLY);
	CHECK(ro >= 0 && (fcntl(ro, F_GETFL) & O_ACCMODE) == O_RDONLY);
	CHECK_ERR(fcntl(55, F_GETFD), EBADF);
	CHECK(close(ro) == 0 && close(d) == 0 && close(11) == 0 && close(fd) == 0);
	puts("fcntl: ok");
	return 0;
}
