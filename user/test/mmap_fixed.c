/* MAP_FIXED: a mapping at a chosen address, and one that replaces part of another. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	char *want = (char *)0x20000000;
	char *a = mmap(want, 4 * 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(a == want);
	memset(a, 'o', 4 * 4096);
	put_file("f", "file page");
	int fd = open("f", O_RDONLY);
	CHECK(fd >= 0);
	char *b = mmap(a + 4096, 4096, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
	CHECK(b == a + 4096);
	CHECK(memcmp(b, "file page", 9) == 0 && b[9] == 0);
	CHECK(a[0] == 'o' && a[2 * 4096] == 'o' && a[4 * 4096 - 1] == 'o');
	char *c = mmap(a + 2 * 4096, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(c == a + 2 * 4096 && c[0] == 0);
	/* A hint without MAP_FIXED is only a hint: any address is fine, the memory works. */
	char *d = mmap(a, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(d != MAP_FAILED && d != a + 4096);
	d[0] = 1;
	CHECK(munmap(a, 4 * 4096) == 0 && munmap(d, 4096) == 0 && close(fd) == 0);
	puts("mmap fixed: ok");
	return 0;
}
