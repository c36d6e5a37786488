/*
 * wc [-l] [-w] [-c] [FILE...]: counts lines, words and bytes of each FILE (or
 * standard input), and a total when there are several files.  The options
 * choose which counts to print (all three without one), in that order; a
 * single count of a single input is printed without padding, as GNU wc does
 * ("echo a b | wc -w" prints "2").  An unknown option is an error (status 1).
 */
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

static int want_lines, want_words, want_bytes; /* the columns to print */
static int bare;                               /* one column, one input: no padding */

static void show(const struct counts *c, const char *name)
{
	const unsigned long cols[3] = {c->lines, c->words, c->bytes};
	const int want[3] = {want_lines, want_words, want_bytes};
	const char *sep = "";
	for (int i = 0; i < 3; i++) {
		if (!want[i])
			continue;
		printf(bare ? "%s%lu" : "%s%7lu", sep, cols[i]);
		sep = " ";
	}
	printf("%s%s\n", name ? " " : "", name ? name : "");
}

int main(int argc, char **argv)
{
	struct counts total = {0, 0, 0};
	int status = 0;
	int first = 1;
	for (; first < argc && argv[first][0] == '-' && argv[first][1] != '\0'; first++) {
		if (strcmp(argv[first], "--") == 0) {
			first++;
			break;
		}
		for (const char *o = argv[first] + 1; *o; o++) {
			if (*o == 'l')
				want_lines = 1;
			else if (*o == 'w')
				want_words = 1;
			else if (*o == 'c')
				want_bytes = 1;
			else {
				fprintf(
				    stderr,
				    "wc: unknown option -%c (usage: wc [-l] [-w] [-c] [FILE...])\n",
				    *o);
				return 1;
			}
		}
	}
	if (!want_lines && !want_words && !want_bytes)
		want_lines = want_words = want_bytes = 1;
	else
		bare = want_lines + want_words + want_bytes == 1 && argc - first <= 1;
	argc -= first - 1;
	argv += first - 1;
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
