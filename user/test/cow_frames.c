/*
 * Pages are shared after fork until written (Keel only: keel_meminfo's
 * count of free frames).  The parent touches 64 pages; the child's free
 * frame count hardly moves until it writes them, then drops by at least 64;
 * after the child is reaped the frames are back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define PAGES 64

int main(void)
{
	char *buf =
	    mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(buf != MAP_FAILED);
	memset(buf, 1, PAGES * 4096);
	struct keel_meminfo before, after_fork, after_write, end;
	CHECK(keel_meminfo(&before) == 0);
	int p[2];
	CHECK(pipe(p) == 0);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		struct keel_meminfo m[2];
		int sum = 0;
		for (int i = 0; i < PAGES; i++)
			sum += buf[i * 4096]; /* reads share the frames */
		keel_meminfo(&m[0]);
		for (int i = 0; i < PAGES; i++)
			buf[i * 4096] = 2; /* each write copies one */
		keel_meminfo(&m[1]);
		write_all(p[1], m, sizeof(m));
		_exit(sum == PAGES ? 0 : 1);
	}
	struct keel_meminfo m[2];
	CHECK(read(p[0], m, sizeof(m)) == sizeof(m));
	after_fork = m[0], after_write = m[1];
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && st == 0);
	CHECK(keel_meminfo(&end) == 0);
	printf(
	    "free frames: before fork %u, child after reads %u, after writes %u, after exit %u\n",
	    before.free_frames, after_fork.free_frames, after_write.free_frames, end.free_frames);
	/* The fork itself costs page tables and a kernel stack, not 64 frames. */
	CHECK(before.free_frames - after_fork.free_frames < PAGES / 2);
	CHECK(after_fork.free_frames - after_write.free_frames >= PAGES);
	CHECK(end.free_frames + 4 >= before.free_frames);
	CHECK(buf[0] == 1);
	return 0;
}
