/* mv OLD NEW: renames OLD to NEW (on the same file system). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: mv OLD NEW\n", stderr);
		return 2;
	}
	if (rename(argv[1], argv[2]) < 0) {
		fprintf(stderr, "mv: %s -> %s: %s\n", argv[1], argv[2], strerror(errno));
		return 1;
	}
	return 0;
}
