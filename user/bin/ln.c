/* ln OLD NEW: makes NEW a hard link to OLD. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: ln OLD NEW\n", stderr);
		return 2;
	}
	if (link(argv[1], argv[2]) < 0) {
		fprintf(stderr, "ln: %s -> %s: %s\n", argv[2], argv[1], strerror(errno));
		return 1;
	}
	return 0;
}
