/* getdents64 through the raw call: every name once, ".", "..", the types; small buffers (EINVAL).
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

struct ent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	char name[32];
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "file%02d", i);
		put_file(name, "");
	}
	CHECK(mkdir("subdir", 0755) == 0);
	int fd = open(".", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	char *names[64];
	int n = 0;
	char buf[256]; /* a few entries per call */
	for (;;) {
		long got = syscall(SYS_getdents64, fd, buf, sizeof(buf));
		CHECK(got >= 0);
		if (got == 0)
			break;
		for (long off = 0; off < got;) {
			struct ent64 *e = (struct ent64 *)(buf + off);
			CHECK(e->d_reclen > 0 && off + e->d_reclen <= got);
			CHECK(n < 64);
			char tag = e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : '?';
			names[n] = malloc(strlen(e->d_name) + 3);
			sprintf(names[n++], "%s %c", e->d_name, tag);
			off += e->d_reclen;
		}
	}
	qsort(names, n, sizeof(names[0]), cmp);
	for (int i = 0; i < n; i++)
		printf("%s\n", names[i]);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK_ERR(syscall(SYS_getdents64, fd, buf, 4), EINVAL);
	CHECK(close(fd) == 0);
	int file = open("file00", O_RDONLY);
	CHECK_ERR(syscall(SYS_getdents64, file, buf, sizeof(buf)), ENOTDIR);
	CHECK_ERR(syscall(SYS_getdents64, 99, buf, sizeof(buf)), EBADF);
	close(file);
	return 0;
}
