/* stat PATH...: prints each file's type, mode, size, links, inode and device numbers. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

static const char *type_name(mode_t m)
{
	return S_ISREG(m)    ? "regular file"
	       : S_ISDIR(m)  ? "directory"
	       : S_ISCHR(m)  ? "character device"
	       : S_ISBLK(m)  ? "block device"
	       : S_ISFIFO(m) ? "fifo"
	       : S_ISLNK(m)  ? "symbolic link"
			     : "unknown";
}

int main(int argc, char **argv)
{
	int status = 0;
	if (argc < 2) {
		fputs("usage: stat PATH...\n", stderr);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (lstat(argv[i], &st) < 0) {
			fprintf(stderr, "stat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		printf("  File: %s\n", argv[i]);
		printf("  Type: %s  Mode: %04o\n", type_name(st.st_mode),
		       (unsigned)(st.st_mode & 07777));
		printf("  Size: %lld  Blocks: %lld  Links: %u\n", (long long)st.st_size,
		       (long long)st.st_blocks, (unsigned)st.st_nlink);
		printf("  Inode: %llu  Device: %u,%u", (unsigned long long)st.st_ino,
		       major(st.st_dev), minor(st.st_dev));
		if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
			printf("  Device type: %u,%u", major(st.st_rdev), minor(st.st_rdev));
		putchar('\n');
	}
	return status;
}
