/*
 * Copy-on-write: after fork, parent and child each see only their own
 * writes -- to .data, .bss, the heap and the stack -- in both directions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static int data_var = 1;
static int bss_var;
static char big_bss[5 * 4096];

int main(void)
{
	int stack_var = 3;
	char *heap = malloc(64 * 1024);
	CHECK(heap != NULL);
	memset(heap, 'p', 64 * 1024);
	memset(big_bss, 'b', sizeof(big_bss));
	int p[2], q[2];
	CHECK(pipe(p) == 0 && pipe(q) == 0);
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		data_var = 10, bss_var = 20, stack_var = 30;
		memset(heap, 'c', 64 * 1024);
		big_bss[4096 * 3] = 'C';
		write_all(p[1], "w", 1); /* the child wrote */
		char c;
		if (read(q[0], &c, 1) != 1) /* the parent wrote */
			_exit(9);
		int ok = data_var == 10 && bss_var == 20 && stack_var == 30 && heap[0] == 'c' &&
			 heap[64 * 1024 - 1] == 'c' && big_bss[4096 * 3] == 'C' &&
			 big_bss[0] == 'b';
		_exit(ok ? 0 : 1);
	}
	char c;
	CHECK(read(p[0], &c, 1) == 1);
	CHECK(data_var == 1 && bss_var == 0 && stack_var == 3);
	CHECK(heap[0] == 'p' && heap[64 * 1024 - 1] == 'p' && big_bss[4096 * 3] == 'b');
	data_var = 100, bss_var = 200, stack_var = 300;
	memset(heap, 'P', 64 * 1024);
	write_all(q[1], "w", 1);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid);
	print_status("child", st);
	CHECK(data_var == 100 && heap[5] == 'P');
	puts("cow: ok");
	return 0;
}
