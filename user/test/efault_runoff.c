/*
 * Keel only: read and write with a buffer that starts in a mapping and runs
 * off its end fail with EFAULT as a whole (Linux copies the part that is
 * mapped and returns a short count, so this test is nodiff); the file is
 * unchanged.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "badptr.h"

int main(void)
{
	put_file("f", "0123456789abcdefghij");
	int fd = open("f", O_RDWR);
	CHECK(fd >= 0);
	void *bads[NBAD];
	bad_pointers(bads, 8);
	CHECK_ERR(syscall(SYS_read, fd, bads[3], 16), EFAULT);
	CHECK(lseek(fd, 0, SEEK_CUR) == 0);
	CHECK_ERR(syscall(SYS_write, fd, bads[3], 16), EFAULT);
	CHECK(lseek(fd, 0, SEEK_END) == 20);
	char buf[32];
	CHECK(get_file("f", buf, sizeof(buf)) == 20);
	puts("efault runoff: ok");
	return 0;
}
