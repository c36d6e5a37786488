/* A pipe: bytes in order, end of file once every write end is closed, EBADF on the wrong end;
 * pipe2. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	int p[2];
	char buf[64];
	CHECK(pipe(p) == 0);
	CHECK(write(p[1], "hello ", 6) == 6);
	CHECK(write(p[1], "pipe", 4) == 4);
	CHECK(read(p[0], buf, 3) == 3 && memcmp(buf, "hel", 3) == 0);
	CHECK(read(p[0], buf, sizeof(buf)) == 7 && memcmp(buf, "lo pipe", 7) == 0);
	CHECK_ERR(write(p[0], "x", 1), EBADF);
	CHECK_ERR(read(p[1], buf, 1), EBADF);
	int extra = dup(p[1]);
	CHECK(close(p[1]) == 0);
	CHECK(write(extra, "!", 1) == 1);
	CHECK(close(extra) == 0);
	CHECK(read(p[0], buf, sizeof(buf)) == 1 && buf[0] == '!');
	CHECK(read(p[0], buf, sizeof(buf)) == 0);
	CHECK(read(p[0], buf, sizeof(buf)) == 0);
	CHECK(close(p[0]) == 0);
	CHECK(pipe2(p, O_CLOEXEC) == 0);
	CHECK(fcntl(p[0], F_GETFD) == FD_CLOEXEC && fcntl(p[1], F_GETFD) == FD_CLOEXEC);
	CHECK(close(p[0]) == 0 && close(p[1]) == 0);
	puts("pipe: ok");
	return 0;
}
