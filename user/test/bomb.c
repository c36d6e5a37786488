/*
 * A fork bomb and an allocate-everything program at once, bounded: one
 * child allocates and touches memory until mmap fails or 64 MiB; meanwhile
 * the parent forks until fork fails or 200 children, each touching 256 KiB
 * of its own and waiting on a pipe.  Then the pipe closes, everyone exits
 * and every child is reaped.  What is printed does not depend on how far
 * either got, nor on how the allocator ended (where memory runs out it may
 * be ended by the system rather than see mmap fail).
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define MAX_CHILDREN 200
#define CHILD_MEM (256 * 1024)
#define HOG_CAP (64u << 20)
#define HOG_CHUNK (1u << 20)

static int hog(int ready)
{
	unsigned total = 0;
	while (total < HOG_CAP) {
		char *p = mmap(NULL, HOG_CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);
		if (p == MAP_FAILED)
			break;
		for (unsigned off = 0; off < HOG_CHUNK; off += 4096)
			p[off] = 1;
		total += HOG_CHUNK;
	}
	write_all(ready, "h", 1);
	return total > 0 ? 0 : 1;
}

int main(void)
{
	int gate[2], ready[2];
	CHECK(pipe(gate) == 0 && pipe(ready) == 0);
	fflush(stdout);
	pid_t hog_pid = fork();
	CHECK(hog_pid >= 0);
	if (hog_pid == 0) {
		close(gate[1]);
		int r = hog(ready[1]);
		char c;
		read(gate[0], &c, 1); /* hold the memory until the gate closes */
		_exit(r);
	}
	close(ready[1]); /* so that a dead allocator reads as end of file */
	int n = 0;
	while (n < MAX_CHILDREN) {
		pid_t pid = fork();
		if (pid < 0)
			break;
		if (pid == 0) {
			close(gate[1]);
			close(ready[0]);
			char *p = mmap(NULL, CHILD_MEM, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p != MAP_FAILED)
				memset(p, 2, CHILD_MEM);
			char c;
			read(gate[0], &c, 1);
			_exit(0);
		}
		n++;
	}
	close(gate[0]);
	char c;
	CHECK(read(ready[0], &c, 1) >= 0); /* the allocator is done (or gone) */
	CHECK(close(gate[1]) == 0);        /* everyone goes */
	int reaped = 0, hog_seen = 0, st;
	pid_t w;
	while ((w = wait(&st)) > 0) {
		if (w == hog_pid)
			hog_seen = 1;
		else
			reaped++;
	}
	int err = errno;
	CHECK(err == ECHILD);
	CHECK(reaped == n && hog_seen);
	printf("forked at least one: %s\n", n > 0 ? "yes" : "no");
	puts("allocator: reaped");
	/* The system still works: one more fork. */
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(5);
	CHECK(waitpid(pid, &st, 0) == pid);
	print_status("after", st);
	return 0;
}
