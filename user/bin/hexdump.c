/*
 * hexdump [-C] [FILE]: the canonical hex+ASCII dump of FILE or standard
 * input: 16 bytes a line, the offset, the bytes in two groups of eight and
 * the printable ones between '|'; a run of identical lines shows as one
 * "*"; the last line is the length.  (-C is accepted: it is the only format.)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Fills buf with up to 16 bytes; the count (0 at the end). */
static ssize_t fill(int fd, unsigned char *buf)
{
	ssize_t got = 0;
	while (got < 16) {
		ssize_t n = read(fd, buf + got, 16 - got);
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += n;
	}
	return got;
}

int main(int argc, char **argv)
{
	int i = 1;
	if (i < argc && strcmp(argv[i], "-C") == 0)
		i++;
	int fd = 0;
	if (i < argc && (fd = open(argv[i], O_RDONLY)) < 0) {
		fprintf(stderr, "hexdump: %s: %s\n", argv[i], strerror(errno));
		return 1;
	}
	unsigned char line[16], prev[16];
	unsigned long off = 0;
	int have_prev = 0, starred = 0;
	ssize_t n;
	while ((n = fill(fd, line)) > 0) {
		if (n == 16 && have_prev && memcmp(line, prev, 16) == 0) {
			if (!starred)
				puts("*");
			starred = 1;
			off += 16;
			continue;
		}
		starred = 0;
		printf("%08lx ", off);
		for (int j = 0; j < 16; j++) {
			if (j == 8)
				putchar(' ');
			if (j < n)
				printf(" %02x", line[j]);
			else
				fputs("   ", stdout);
		}
		fputs("  |", stdout);
		for (int j = 0; j < n; j++)
			putchar(line[j] >= 0x20 && line[j] < 0x7f ? line[j] : '.');
		puts("|");
		memcpy(prev, line, 16);
		have_prev = n == 16;
		off += n;
	}
	if (n < 0) {
		fprintf(stderr, "hexdump: %s\n", strerror(errno));
		return 1;
	}
	if (off > 0)
		printf("%08lx\n", off);
	return 0;
}
