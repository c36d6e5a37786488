/* A child inherits its parent's descriptors: they share one offset; closing in the child leaves the
 * parent's. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static int fd;

static int child(void *arg)
{
	(void)arg;
	if (write(fd, "child ", 6) != 6)
		return 1;
	return close(fd) == 0 ? 0 : 2;
}

int main(void)
{
	fd = open("f", O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);
	CHECK(write(fd, "parent ", 7) == 7);
	int st = run_child(child, NULL);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(lseek(fd, 0, SEEK_CUR) == 13);
	CHECK(write(fd, "again\n", 6) == 6);
	CHECK(close(fd) == 0);
	char buf[64];
	CHECK(get_file("f", buf, sizeof(buf)) == 19);
	printf("%s", buf);
	return 0;
}
