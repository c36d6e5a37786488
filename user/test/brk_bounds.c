/*
 * brk: the break grows and shrinks (sbrk), the new memory is zeroed and
 * usable, memory given back and taken again is zeroed again, and a break
 * below its start is refused (the call returns the unchanged break).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

static uintptr_t sys_brk(uintptr_t addr)
{
	return (uintptr_t)syscall(SYS_brk, addr);
}

int main(void)
{
	uintptr_t start = sys_brk(0);
	CHECK(start != 0);
	extern char end; /* the end of .bss */
	CHECK(start >= (uintptr_t)&end);
	uintptr_t top = sys_brk(start + 10 * 4096 + 5);
	CHECK(top == start + 10 * 4096 + 5);
	char *p = (char *)start;
	for (int i = 0; i < 10 * 4096 + 5; i++)
		CHECK(p[i] == 0);
	memset(p, 0xab, 10 * 4096 + 5);
	/* Shrink to 2 pages and grow again: the pages given back come back zeroed. */
	uintptr_t two = (start + 2 * 4096 + 4095) & ~(uintptr_t)4095;
	CHECK(sys_brk(two) == two);
	CHECK(sys_brk(start + 10 * 4096) == start + 10 * 4096);
	CHECK(p[two - start - 1] == (char)0xab);
	for (uintptr_t a = two; a < start + 10 * 4096; a += 512)
		CHECK(*(char *)a == 0);
	/* Below the start: refused, the break is unchanged. */
	CHECK(sys_brk(start - 4096) == start + 10 * 4096);
	CHECK(sys_brk(1) == start + 10 * 4096);
	CHECK(sys_brk(start) == start);
	CHECK(sys_brk(0) == start);
	puts("brk: ok");
	return 0;
}
