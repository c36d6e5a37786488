/*
 * Keel only: after a fork bomb with memory-hungry children is over and
 * reaped, the free frames and slab objects are back where they were
 * (keel_meminfo), give or take the page-frame cache's pages and the few
 * frames the slab allocator keeps or returns for its caches (at most
 * SLAB_SLACK fewer; a leak of one page per child is 100).
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define SLAB_SLACK 4

int main(void)
{
	struct keel_meminfo before, after;
	for (int round = 0; round < 2; round++) { /* the first round warms caches */
		CHECK(keel_meminfo(&before) == 0);
		int gate[2];
		CHECK(pipe(gate) == 0);
		int n = 0;
		for (; n < 100; n++) {
			pid_t pid = fork();
			if (pid < 0)
				break;
			if (pid == 0) {
				close(gate[1]);
				char *p = mmap(NULL, 64 * 1024, PROT_READ | PROT_WRITE,
					       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
				if (p != MAP_FAILED)
					memset(p, 1, 64 * 1024);
				char c;
				read(gate[0], &c, 1);
				_exit(0);
			}
		}
		CHECK(close(gate[1]) == 0 && close(gate[0]) == 0);
		while (wait(NULL) > 0)
			;
		CHECK(keel_meminfo(&after) == 0);
		printf("round %d: %d children; free frames %u -> %u, resident %u -> %u, slab "
		       "objects %u -> %u\n",
		       round, n, before.free_frames, after.free_frames, before.resident_pages,
		       after.resident_pages, before.slab_objects, after.slab_objects);
	}
	CHECK(after.slab_objects == before.slab_objects);
	CHECK(after.free_frames + (after.resident_pages - before.resident_pages) + SLAB_SLACK >=
	      before.free_frames);
	return 0;
}
