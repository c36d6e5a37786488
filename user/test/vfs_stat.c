/* stat64, lstat64 and fstat64: the type, size and link count of files, directories and devices. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static void show(const char *path)
{
	struct stat st;
	CHECK(stat(path, &st) == 0);
	struct stat lst;
	CHECK(lstat(path, &lst) == 0);
	CHECK(lst.st_ino == st.st_ino && lst.st_mode == st.st_mode);
	const char *type = S_ISREG(st.st_mode)   ? "file"
			   : S_ISDIR(st.st_mode) ? "dir"
			   : S_ISCHR(st.st_mode) ? "chr"
						 : "other";
	if (S_ISREG(st.st_mode))
		printf("%s: %s size %lld links %u\n", path, type, (long long)st.st_size,
		       (unsigned)st.st_nlink);
	else if (S_ISCHR(st.st_mode))
		printf("%s: %s\n", path, type); /* device numbers differ between systems */
	else
		printf("%s: %s links %u\n", path, type, (unsigned)st.st_nlink);
}

int main(void)
{
	put_file("empty", "");
	put_file("small", "0123456789");
	int fd = open("sparse", O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0);
	CHECK(lseek(fd, 100000, SEEK_SET) == 100000);
	CHECK(write(fd, "!", 1) == 1);
	struct stat st;
	CHECK(fstat(fd, &st) == 0 && st.st_size == 100001 && S_ISREG(st.st_mode));
	CHECK(close(fd) == 0);
	CHECK(mkdir("dir", 0755) == 0);
	CHECK(mkdir("dir/sub", 0755) == 0);
	show("empty");
	show("small");
	show("sparse");
	show("dir");
	show("dir/sub");
	show("/dev/null");
	show("/dev/zero");
	CHECK(stat(".", &st) == 0 && S_ISDIR(st.st_mode));
	struct stat st2;
	CHECK(stat("dir/..", &st2) == 0 && st2.st_ino == st.st_ino);
	CHECK_ERR(stat("missing", &st), ENOENT);
	CHECK_ERR(stat("small/x", &st), ENOTDIR);
	CHECK_ERR(fstat(77, &st), EBADF);
	return 0;
}
