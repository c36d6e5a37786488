/*
 * poll on pipes and files: an empty pipe is not readable (a timeout of 0
 * and of 50 ms both return 0), data makes it readable, its write end is
 * writable, a closed writer gives POLLHUP, a closed reader POLLERR; a
 * regular file is always ready, a negative fd ignored, a closed one
 * POLLNVAL.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>

#include "check.h"

static void show(const char *what, struct pollfd *p, int n, int timeout)
{
	int r = poll(p, n, timeout);
	printf("%s: %d:", what, r);
	for (int i = 0; i < n; i++) {
		printf(" %#x", (unsigned)p[i].revents);
	}
	printf("\n");
}

int main(void)
{
	int fds[2];
	CHECK(pipe(fds) == 0);
	struct pollfd p[2] = {{fds[0], POLLIN, 0}, {fds[1], POLLOUT, 0}};
	show("empty, read end", p, 1, 0);
	show("empty, read end, 50 ms", p, 1, 50);
	show("empty, both", p, 2, -1);
	CHECK(write(fds[1], "x", 1) == 1);
	show("data", p, 2, -1);
	CHECK(close(fds[1]) == 0);
	show("data, writer closed", p, 1, 0);
	char c;
	CHECK(read(fds[0], &c, 1) == 1);
	show("empty, writer closed", p, 1, -1);
	CHECK(close(fds[0]) == 0);

	CHECK(pipe(fds) == 0);
	CHECK(close(fds[0]) == 0);
	struct pollfd w = {fds[1], POLLOUT, 0};
	show("reader closed", &w, 1, 0);
	CHECK(close(fds[1]) == 0);

	put_file("pf", "file");
	int f = open("pf", O_RDWR);
	struct pollfd q[3] = {{f, POLLIN | POLLOUT, 0}, {-1, POLLIN, 0}, {fds[1], POLLIN, 0}};
	show("file, -1, closed", q, 3, -1);
	close(f);
	return 0;
}
