/* 1 MiB through a pipe between two processes in writes and reads of odd sizes: blocking both ways,
 * every byte in order. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define TOTAL (1 << 20)

int main(void)
{
	int p[2];
	CHECK(pipe(p) == 0);
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(p[0]);
		unsigned char buf[7777];
		for (long off = 0; off < TOTAL;) {
			long n = TOTAL - off < (long)sizeof(buf) ? TOTAL - off : (long)sizeof(buf);
			for (long i = 0; i < n; i++)
				buf[i] = (unsigned char)((off + i) % 251);
			write_all(p[1], buf, n);
			off += n;
		}
		_exit(0);
	}
	close(p[1]);
	unsigned char buf[3001];
	long off = 0;
	ssize_t n;
	while ((n = read(p[0], buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			CHECK(buf[i] == (unsigned char)((off + i) % 251));
		off += n;
	}
	CHECK(n == 0);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && st == 0);
	printf("received %ld bytes\n", off);
	return 0;
}
