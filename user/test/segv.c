/*
 * Bad memory accesses end the process as SIGSEGV does (status: signalled
 * by 11), and the system goes on: a NULL read and write, a write to the
 * program's own text, a read and a jump into the kernel half, a jump to
 * NULL.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static int read_null(void *a)
{
	(void)a;
	return *(volatile int *)0;
}

static int write_null(void *a)
{
	(void)a;
	*(volatile int *)0 = 1;
	return 0;
}

static int write_text(void *a)
{
	(void)a;
	*(volatile char *)(void *)read_null = 0;
	return 0;
}

static int read_kernel(void *a)
{
	(void)a;
	return *(volatile int *)0xC0001000u;
}

static int jump_kernel(void *a)
{
	(void)a;
	((void (*)(void))0xC0001000u)();
	return 0;
}

static int jump_null(void *a)
{
	(void)a;
	((void (*)(void))0)();
	return 0;
}

int main(void)
{
	struct {
		const char *name;
		int (*fn)(void *);
	} cases[] = {
	    {"read NULL", read_null},     {"write NULL", write_null},   {"write text", write_text},
	    {"read kernel", read_kernel}, {"jump kernel", jump_kernel}, {"jump NULL", jump_null},
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int st = run_child(cases[i].fn, NULL);
		print_status(cases[i].name, st);
		CHECK(WIFSIGNALED(st) && WTERMSIG(st) == 11);
	}
	return 0;
}
