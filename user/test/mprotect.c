/*
 * mprotect: a page made read-only inside a writable mapping splits it (its
 * neighbours stay writable and keep their data), a write there ends the
 * child with SIGSEGV, PROT_NONE stops reads, and making it writable again
 * works; the errors for a bad address, bad bits and unmapped pages.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

static char *map;

static int write_page(void *arg)
{
	map[(long)arg * 4096] = 'w';
	return 0;
}

static int read_page(void *arg)
{
	return *(volatile char *)(map + (long)arg * 4096) == 'a' ? 0 : 1;
}

int main(void)
{
	map = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(map != MAP_FAILED);
	memset(map, 'a', 3 * 4096);
	CHECK(mprotect(map + 4096, 4096, PROT_READ) == 0);
	print_status("write the first page", run_child(write_page, (void *)0));
	print_status("write the read-only middle", run_child(write_page, (void *)1));
	print_status("read the read-only middle", run_child(read_page, (void *)1));
	print_status("write the last page", run_child(write_page, (void *)2));
	map[0] = 'b';
	map[2 * 4096] = 'c';
	CHECK(map[4096] == 'a' && map[0] == 'b' && map[2 * 4096] == 'c');

	CHECK(mprotect(map + 4096, 1, PROT_NONE) == 0); /* length rounds up to a page */
	print_status("read a PROT_NONE page", run_child(read_page, (void *)1));
	CHECK(mprotect(map, 3 * 4096, PROT_READ | PROT_WRITE) == 0);
	map[4096] = 'd';
	CHECK(map[4096] == 'd' && map[0] == 'b');
	printf("after PROT_READ|PROT_WRITE: %c%c%c\n", map[0], map[4096], map[2 * 4096]);

	CHECK(mprotect(map, 0, PROT_READ) == 0);
	CHECK_ERR(syscall(SYS_mprotect, map + 1, 4096, PROT_READ), EINVAL); /* libc rounds */
	CHECK_ERR(syscall(SYS_mprotect, map, 4096, 0x80), EINVAL);
	CHECK(munmap(map + 4096, 4096) == 0);
	/* A hole: the pages before it change all the same (as on Linux); those after it do not. */
	CHECK_ERR(mprotect(map, 3 * 4096, PROT_READ), ENOMEM);
	CHECK(map[0] == 'b');
	print_status("write before the hole", run_child(write_page, (void *)0));
	print_status("write after the hole", run_child(write_page, (void *)2));
	CHECK_ERR(mprotect(map + 4096, 4096, PROT_READ), ENOMEM);

	/* A read-only page of a file mapping made writable: the private copy changes. */
	put_file("mp", "file data");
	FILE *f = fopen("mp", "r");
	CHECK(f != NULL);
	char *fm = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fileno(f), 0);
	CHECK(fm != MAP_FAILED);
	CHECK(mprotect(fm, 4096, PROT_READ | PROT_WRITE) == 0);
	fm[0] = 'F';
	char buf[32];
	CHECK(get_file("mp", buf, sizeof(buf)) == 9);
	printf("mapping %.9s, file %s\n", fm, buf);
	fclose(f);
	return 0;
}
