/*
 * A pipeline of three processes: a producer writes numbered lines, a
 * filter upper-cases them, a consumer counts lines and bytes and writes the
 * last line to a file; the parent waits for all three.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define LINES 500

static void producer(int out)
{
	char line[64];
	for (int i = 0; i < LINES; i++) {
		int n = snprintf(line, sizeof(line), "line number %d of the producer\n", i);
		write_all(out, line, n);
	}
}

static void filter(int in, int out)
{
	char buf[512];
	ssize_t n;
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			buf[i] = (char)toupper((unsigned char)buf[i]);
		write_all(out, buf, n);
	}
}

static int consumer(int in)
{
	char buf[512], last[64];
	size_t lastlen = 0;
	long lines = 0, bytes = 0;
	ssize_t n;
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (lastlen < sizeof(last) - 1)
				last[lastlen++] = buf[i];
			if (buf[i] == '\n')
				lines++, last[lastlen] = '\0', lastlen = 0;
		}
		bytes += n;
	}
	char out[128];
	snprintf(out, sizeof(out), "%ld lines, %ld bytes, last: %s", lines, bytes, last);
	put_file("result", out);
	return lines == LINES ? 0 : 1;
}

int main(void)
{
	int a[2], b[2];
	CHECK(pipe(a) == 0 && pipe(b) == 0);
	fflush(stdout);
	pid_t p1 = fork();
	CHECK(p1 >= 0);
	if (p1 == 0) {
		close(a[0]), close(b[0]), close(b[1]);
		producer(a[1]);
		_exit(0);
	}
	pid_t p2 = fork();
	CHECK(p2 >= 0);
	if (p2 == 0) {
		close(a[1]), close(b[0]);
		filter(a[0], b[1]);
		_exit(0);
	}
	pid_t p3 = fork();
	CHECK(p3 >= 0);
	if (p3 == 0) {
		close(a[0]), close(a[1]), close(b[1]);
		_exit(consumer(b[0]));
	}
	close(a[0]), close(a[1]), close(b[0]), close(b[1]);
	int st;
	CHECK(waitpid(p1, &st, 0) == p1 && st == 0);
	CHECK(waitpid(p2, &st, 0) == p2 && st == 0);
	CHECK(waitpid(p3, &st, 0) == p3 && st == 0);
	char buf[128];
	CHECK(get_file("result", buf, sizeof(buf)) > 0);
	printf("%s", buf);
	return 0;
}
