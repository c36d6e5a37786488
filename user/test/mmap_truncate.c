/*
 * A file emptied with O_TRUNC while this process maps it, MAP_SHARED and
 * MAP_PRIVATE.  The file reads as empty at once, and a later write() and a
 * new mapping show only the new bytes.  The old mappings differ by system,
 * each as its contract says: on Linux a touch of a page past the new end
 * of the file is SIGBUS (tried in a child); on Keel the pages stay mapped
 * with the bytes they had (mm/pframe.h, "Truncating a mapped file"): the
 * truncation freed none of their frames (keel_meminfo), they keep their
 * bytes after this process has taken and filled megabytes of memory, and
 * a write through them never reaches the file.  The output is the same on
 * both.  (No fork() on Keel before the checks: it unmaps the parent's
 * pages, and the next touch would map the file's current page.)
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define PG 4096
#define FILL (2 * 1024 * 1024)

static char pattern[2 * PG];

/* Takes FILL bytes of fresh memory and writes all of it. */
static int fill_memory(void)
{
	char *p = malloc(FILL);
	if (p == NULL)
		return 1;
	memset(p, 0x77, FILL);
	free(p);
	return 0;
}

/* On Linux: a read of the old shared mapping past the end of the file. */
static int touch(void *arg)
{
	volatile char *m = arg;
	return m[0] == 'A' ? 3 : 4;
}

int main(void)
{
	struct keel_meminfo mi;
	int on_keel = keel_meminfo(&mi) == 0;
	for (size_t i = 0; i < sizeof(pattern); i++)
		pattern[i] = (char)('A' + i % 26);
	int fd = open("f", O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);
	write_all(fd, pattern, sizeof(pattern));
	char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	char *pm = mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(pm != MAP_FAILED);
	memcpy(m + 5, "shared", 6);
	memcpy(pattern + 5, "shared", 6);
	CHECK(memcmp(m, pattern, sizeof(pattern)) == 0);
	CHECK(memcmp(pm, pattern, sizeof(pattern)) == 0);

	struct keel_meminfo before;
	CHECK(!on_keel || keel_meminfo(&before) == 0);
	int tfd = open("f", O_RDWR | O_TRUNC);
	CHECK(tfd >= 0);
	struct stat st;
	CHECK(fstat(tfd, &st) == 0);
	char c;
	CHECK(read(tfd, &c, 1) == 0);
	printf("size after O_TRUNC: %lld\n", (long long)st.st_size);

	if (on_keel) {
		CHECK(keel_meminfo(&mi) == 0);
		CHECK(mi.free_frames <= before.free_frames);
		CHECK(fill_memory() == 0);
		CHECK(memcmp(m, pattern, sizeof(pattern)) == 0);
		CHECK(memcmp(pm, pattern, sizeof(pattern)) == 0);
		memcpy(m + PG + 7, "lost", 4);
		CHECK(memcmp(m + PG + 7, "lost", 4) == 0);
	} else {
		fflush(stdout);
		int status = run_child(touch, m);
		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS);
	}
	printf("the old mappings: as the system's contract says\n");

	/* The file grows again: read() and a new mapping see only the new bytes. */
	CHECK(write(tfd, "new data", 8) == 8);
	char buf[16] = {0};
	CHECK(lseek(tfd, 0, SEEK_SET) == 0 && read(tfd, buf, sizeof(buf)) == 8);
	printf("read(): %s\n", buf);
	char *m2 = mmap(NULL, PG, PROT_READ, MAP_SHARED, tfd, 0);
	CHECK(m2 != MAP_FAILED);
	CHECK(memcmp(m2, "new data\0\0\0", 11) == 0);
	printf("new mapping: %.8s\n", m2);

	CHECK(munmap(m, 2 * PG) == 0);
	CHECK(munmap(pm, 2 * PG) == 0);
	CHECK(munmap(m2, PG) == 0);
	CHECK(close(tfd) == 0);
	CHECK(close(fd) == 0);
	char file[64];
	ssize_t n = get_file("f", file, sizeof(file));
	printf("file: %zd bytes: %s\n", n, file);
	return 0;
}
