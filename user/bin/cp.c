/* cp SRC DST: copies the file SRC to DST (made or truncated, mode 0644). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: cp SRC DST\n", stderr);
		return 2;
	}
	int in = open(argv[1], O_RDONLY);
	if (in < 0) {
		fprintf(stderr, "cp: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0) {
		fprintf(stderr, "cp: %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	char buf[4096];
	ssize_t n;
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, buf + off, n - off);
			if (w < 0) {
				fprintf(stderr, "cp: %s: %s\n", argv[2], strerror(errno));
				return 1;
			}
			off += w;
		}
	}
	if (n < 0) {
		fprintf(stderr, "cp: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	return close(out) < 0 ? 1 : 0;
}
