/* head [-n N] [FILE]: prints the first N (default 10) lines of FILE or standard input. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long lines = 10;
	int i = 1;
	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		char *end;
		lines = strtol(argv[2], &end, 10);
		if (*end || lines < 0) {
			fprintf(stderr, "head: bad line count '%s'\n", argv[2]);
			return 2;
		}
		i = 3;
	}
	int fd = 0;
	if (i < argc) {
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
			return 1;
		}
	}
	char buf[4096];
	ssize_t n;
	while (lines > 0 && (n = read(fd, buf, sizeof(buf))) > 0) {
		ssize_t len = 0;
		while (len < n && lines > 0)
			if (buf[len++] == '\n')
				lines--;
		if (write(1, buf, len) != len)
			return 1;
	}
	return 0;
}
