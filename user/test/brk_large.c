/* sbrk by 8 MiB, every page written and checked, then given back; malloc and free of many sizes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define BIG (8u << 20)

int main(void)
{
	uintptr_t start = (uintptr_t)syscall(SYS_brk, 0);
	CHECK((uintptr_t)syscall(SYS_brk, start + BIG) == start + BIG);
	uint32_t *w = (uint32_t *)start;
	for (uint32_t i = 0; i < BIG / 4; i += 1024)
		w[i] = i * 2654435761u;
	for (uint32_t i = 0; i < BIG / 4; i += 1024)
		CHECK(w[i] == i * 2654435761u);
	CHECK((uintptr_t)syscall(SYS_brk, start) == start);

	void *blocks[200];
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 200; i++) {
			size_t n = (size_t)(i * 977 % 20000) + 1;
			blocks[i] = malloc(n);
			CHECK(blocks[i] != NULL);
			memset(blocks[i], i & 0xff, n);
		}
		for (int i = 0; i < 200; i += 2)
			free(blocks[i]);
		for (int i = 1; i < 200; i += 2) {
			size_t n = (size_t)(i * 977 % 20000) + 1;
			CHECK(((unsigned char *)blocks[i])[n - 1] == (i & 0xff));
			free(blocks[i]);
		}
	}
	void *huge = malloc(3u << 20); /* large enough for its own mapping */
	CHECK(huge != NULL);
	memset(huge, 7, 3u << 20);
	free(huge);
	puts("brk large: ok");
	return 0;
}
