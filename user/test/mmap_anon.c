/* Anonymous private mappings: zeroed, writable, independent of each other, gone after munmap. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static char *area;

static int touch(void *arg)
{
	(void)arg;
	return area[0]; /* unmapped: SIGSEGV */
}

int main(void)
{
	char *a = mmap(NULL, 5 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *b = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(a != MAP_FAILED && b != MAP_FAILED && a != b);
	CHECK(((unsigned long)a & 4095) == 0);
	for (int i = 0; i < 5 * 4096; i++)
		CHECK(a[i] == 0);
	memset(a, 'a', 5 * 4096);
	memset(b, 'b', 4096);
	CHECK(a[5 * 4096 - 1] == 'a' && b[0] == 'b');
	/* A length that is not a multiple of the page size covers the last page. */
	char *c = mmap(NULL, 100, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(c != MAP_FAILED);
	c[4095] = 1;
	CHECK(munmap(c, 100) == 0);
	/* Read-only anonymous memory reads as zeros. */
	char *r = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(r != MAP_FAILED && r[10] == 0);
	CHECK(munmap(r, 4096) == 0);
	CHECK(munmap(a, 5 * 4096) == 0);
	area = a;
	print_status("touch after munmap", run_child(touch, NULL));
	CHECK(b[100] == 'b');
	CHECK(munmap(b, 4096) == 0);
	CHECK(munmap(b, 4096) == 0); /* nothing there: not an error */
	return 0;
}
