/* A private file mapping shows the file; its writes stay in the process and never reach the file.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);
	char page[4096];
	for (int i = 0; i < 3; i++) {
		memset(page, 'A' + i, sizeof(page));
		write_all(fd, page, sizeof(page));
	}
	write_all(fd, "tail", 4);
	/* The whole file, from offset 0. */
	char *m = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(m != MAP_FAILED);
	CHECK(m[0] == 'A' && m[4096] == 'B' && m[2 * 4096 + 10] == 'C');
	CHECK(memcmp(m + 3 * 4096, "tail", 4) == 0);
	CHECK(m[3 * 4096 + 4] == 0 && m[4 * 4096 - 1] == 0); /* past the end of the file: zeros */
	m[1] = 'x';
	m[4096] = 'y';
	char buf[4];
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && read(fd, buf, 2) == 2 && buf[1] == 'A');
	CHECK(lseek(fd, 4096, SEEK_SET) == 4096 && read(fd, buf, 1) == 1 && buf[0] == 'B');
	/* At an offset: the second page onwards. */
	char *o = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
	CHECK(o != MAP_FAILED && o[0] == 'B' && o[4095] == 'B');
	/* A write to the file after the mapping: an unwritten private page may show it; a written
	 * one not. */
	CHECK(m[4096] == 'y');
	CHECK(munmap(m, 4 * 4096) == 0 && munmap(o, 4096) == 0);
	CHECK(close(fd) == 0);
	/* A mapping outlives its descriptor. */
	fd = open("f", O_RDONLY);
	char *k = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 2 * 4096);
	CHECK(k != MAP_FAILED);
	CHECK(close(fd) == 0);
	CHECK(k[7] == 'C');
	CHECK(munmap(k, 4096) == 0);
	puts("private file mapping: ok");
	return 0;
}
