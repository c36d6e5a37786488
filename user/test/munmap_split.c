/*
 * munmap splits an area: the middle page of five unmapped (a child
 * touching it dies with SIGSEGV), the pages on both sides keep their
 * contents; then the first page, then the last (the other split cases);
 * then a range covering two areas and a hole.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static char *target;

static int touch(void *arg)
{
	(void)arg;
	return *(volatile char *)target;
}

static void probe(const char *what, char *addr)
{
	target = addr;
	print_status(what, run_child(touch, NULL));
}

int main(void)
{
	char *a = mmap(NULL, 5 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(a != MAP_FAILED);
	for (int i = 0; i < 5; i++)
		memset(a + i * 4096, '0' + i, 4096);
	CHECK(munmap(a + 2 * 4096, 4096) == 0); /* the middle */
	probe("page 2 (unmapped)", a + 2 * 4096);
	probe("page 1", a + 4096);
	probe("page 3", a + 3 * 4096);
	CHECK(a[4096 + 4095] == '1' && a[3 * 4096] == '3');
	CHECK(munmap(a, 4096) == 0); /* the start of the first piece */
	probe("page 0 (unmapped)", a);
	CHECK(a[4096] == '1');
	CHECK(munmap(a + 4 * 4096, 4096) == 0); /* the end of the second piece */
	probe("page 4 (unmapped)", a + 4 * 4096);
	CHECK(a[3 * 4096 + 7] == '3');
	/* One call over both pieces and the hole between. */
	CHECK(munmap(a, 5 * 4096) == 0);
	probe("page 1 (unmapped)", a + 4096);
	probe("page 3 (unmapped)", a + 3 * 4096);
	return 0;
}
