/*
 * Keel only: after a fork bomb with memory-hungry children is over and
 * reaped, the slab objects are back where they were and the free frames
 * too (keel_meminfo), give or take the page-frame cache's pages and
 * BOMB_SLACK frames.  The slack: the live objects are as many after a
 * round as before, but not the same ones (each fork gives this process new
 * shadow objects, the round makes a new pipe), and which slab runs (1 to 8
 * frames each) they keep in use depends on how the children were
 * scheduled: measured, the count drifts by a few frames either way.  A
 * leak of even one frame per child (100 of them) is far beyond it.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define BOMB_SLACK 24

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
	long drift = (long)after.free_frames +
		     (long)(after.resident_pages - before.resident_pages) -
		     (long)before.free_frames;
	CHECK(drift >= -BOMB_SLACK && drift <= BOMB_SLACK);
	return 0;
}
