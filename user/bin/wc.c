/* wc [FILE...]: counts lines, words and bytes of each FILE (or standard input), and a total. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct counts {
	unsigned long lines, words, bytes;
};

static int count(int fd, struct counts *c)
{
	char buf[4096];
	ssize_t n;
	int inword = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			unsigned char ch = buf[i];
			if (ch == '\n')
				c->lines++;
			if (isspace(ch))
				inword = 0;
			else if (!inword)
				inword = 1, c->words++;
		}
		c->bytes += n;
	}
	return n < 0 ? -1 : 0;
}

static void show(const struct counts *c, const char *name)
{
	printf("%7lu %7lu %7lu%s%s\n", c->lines, c->words, c->bytes, name ? " " : "",
	       name ? name : "");
}

int main(int argc, char **argv)
{
	struct counts total = {0, 0, 0};
	int status = 0;
	if (argc < 2) {
		if (count(0, &total) < 0) {
			fprintf(stderr, "wc: -: %s\n", strerror(errno));
			return 1;
		}
		show(&total, NULL);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		struct counts c = {0, 0, 0};
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0 || count(fd, &c) < 0) {
			fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			if (fd >= 0)
				close(fd);
			continue;
		}
		close(fd);
		show(&c, argv[i]);
		total.lines += c.lines, total.words += c.words, total.bytes += c.bytes;
	}
	if (argc > 2)
		show(&total, "total");
	return status;
}
