/*
 * The bad pointers of the efault_* tests: NULL, an address in the kernel
 * half, an address that was mapped and is not any more, and a pointer a
 * few bytes before the end of a mapping whose next page is unmapped (an
 * object there runs off the mapping).  Raw syscall()s pass them, so that
 * libc never touches them itself.
 */
#ifndef KEEL_USER_BADPTR_H
#define KEEL_USER_BADPTR_H

#include <string.h>
#include <sys/mman.h>

#include "check.h"

#define NBAD 4
static const char *const bad_names[NBAD] = {"NULL", "kernel", "unmapped", "runoff"};

/* bad[i]: the four pointers; runoff points 'tail' bytes before the end of the mapping. */
static inline void bad_pointers(void *bad[NBAD], size_t tail)
{
	char *two =
	    mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(two != MAP_FAILED);
	CHECK(munmap(two + 4096, 4096) == 0);
	char *gone = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(gone != MAP_FAILED);
	CHECK(munmap(gone, 4096) == 0);
	memset(two, 'p', 4096); /* a string there has no NUL before the end */
	bad[0] = NULL;
	bad[1] = (void *)0xC0001000u;
	bad[2] = gone;
	bad[3] = two + 4096 - tail;
}

/* Checks that the expression (using the pointer 'b') fails with EFAULT for each bad pointer. */
#define EACH_BAD(tail, expr)                                                                       \
	do {                                                                                       \
		void *bads_[NBAD];                                                                 \
		bad_pointers(bads_, (tail));                                                       \
		for (int bi_ = 0; bi_ < NBAD; bi_++) {                                             \
			void *b = bads_[bi_];                                                      \
			errno = 0;                                                                 \
			long r_ = (long)(expr);                                                    \
			if (r_ != -1 || errno != EFAULT) {                                         \
				printf("FAIL %s:%d %s with a %s pointer: %ld "                     \
				       "errno %s\n",                                               \
				       __FILE__, __LINE__, #expr, bad_names[bi_], r_,              \
				       errno_name(errno));                                         \
				return 1;                                                          \
			}                                                                          \
		}                                                                                  \
	} while (0)

#endif
