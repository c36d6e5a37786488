/* mmap's errors: EINVAL (length 0, no type, an unaligned offset or fixed address), EBADF, EACCES; a
 * directory cannot be mapped. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define RW (PROT_READ | PROT_WRITE)

int main(void)
{
	put_file("f", "some file data\n");
	int ro = open("f", O_RDONLY);
	int wo = open("f", O_WRONLY);
	int rw = open("f", O_RDWR);
	CHECK(ro >= 0 && wo >= 0 && rw >= 0);
	CHECK_ERR(mmap(NULL, 0, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
	CHECK_ERR(mmap(NULL, 4096, RW, MAP_ANONYMOUS, -1, 0), EINVAL);
	CHECK_ERR(mmap(NULL, 4096, RW, MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
	CHECK_ERR(
	    mmap((void *)0x10000123, 4096, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
	    EINVAL);
	CHECK_ERR(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, rw, 100), EINVAL);
	CHECK_ERR(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 77, 0), EBADF);
	CHECK_ERR(mmap(NULL, 4096, PROT_READ, MAP_SHARED, -1, 0), EBADF);
	/* A mapping needs read access to the file; a shared writable one write access too. */
	CHECK_ERR(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, wo, 0), EACCES);
	CHECK_ERR(mmap(NULL, 4096, RW, MAP_SHARED, ro, 0), EACCES);
	/* A private writable mapping of a read-only descriptor is fine: the file never changes. */
	char *p = mmap(NULL, 4096, RW, MAP_PRIVATE, ro, 0);
	CHECK(p != MAP_FAILED);
	p[0] = 'S';
	CHECK(munmap(p, 4096) == 0);
	/* munmap: an unaligned address or a length of 0. */
	CHECK_ERR(munmap((void *)0x10000123, 4096), EINVAL);
	CHECK_ERR(munmap((void *)0x10000000, 0), EINVAL);
	/* A directory cannot be mapped. */
	CHECK(mkdir("d", 0755) == 0);
	int d = open("d", O_RDONLY);
	CHECK(d >= 0);
	CHECK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, d, 0) == MAP_FAILED);
	char buf[4];
	CHECK(read(rw, buf, 1) == 1 && buf[0] == 's');
	CHECK(close(ro) == 0 && close(wo) == 0 && close(rw) == 0 && close(d) == 0);
	puts("mmap errors: ok");
	return 0;
}
