/*
 * A shared file mapping: its writes reach the file (read back with read())
 * and another process's mapping of the file; write() to the file shows in
 * the mapping.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);
	char page[4096];
	memset(page, '.', sizeof(page));
	write_all(fd, page, sizeof(page));
	write_all(fd, page, sizeof(page));
	char *m = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	memcpy(m + 10, "through the mapping", 19);
	memcpy(m + 4096 + 5, "second page", 11);
	char buf[32] = {0};
	CHECK(lseek(fd, 10, SEEK_SET) == 10 && read(fd, buf, 19) == 19);
	printf("read(): %s\n", buf);
	CHECK(lseek(fd, 4096 + 5, SEEK_SET) == 4096 + 5 && read(fd, buf, 11) == 11);
	buf[11] = '\0';
	printf("read(): %s\n", buf);
	/* write() shows in the mapping. */
	CHECK(lseek(fd, 100, SEEK_SET) == 100 && write(fd, "WRITTEN", 7) == 7);
	CHECK(memcmp(m + 100, "WRITTEN", 7) == 0);
	/* Another process maps the file on its own and writes to it. */
	int p[2];
	CHECK(pipe(p) == 0);
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		int cfd = open("f", O_RDWR);
		char *cm = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);
		if (cm == MAP_FAILED)
			_exit(1);
		if (memcmp(cm + 10, "through the mapping", 19) != 0)
			_exit(2);
		memcpy(cm + 200, "from the child", 14);
		munmap(cm, 4096);
		close(cfd);
		_exit(0);
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid);
	print_status("child", st);
	CHECK(memcmp(m + 200, "from the child", 14) == 0);
	/* The inherited mapping is shared too. */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		memcpy(m + 300, "inherited", 9);
		_exit(0);
	}
	CHECK(waitpid(pid, &st, 0) == pid && st == 0);
	CHECK(memcmp(m + 300, "inherited", 9) == 0);
	CHECK(munmap(m, 2 * 4096) == 0);
	CHECK(close(fd) == 0);
	CHECK(get_file("f", page, sizeof(page)) == 4095);
	printf("file: %.19s %.14s %.9s\n", page + 10, page + 200, page + 300);
	return 0;
}
