/* link and unlink: link counts, data shared by two names, EEXIST, EPERM for a directory, EISDIR. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	char buf[32];
	struct stat st;
	put_file("one", "shared data\n");
	CHECK(link("one", "two") == 0);
	CHECK(stat("one", &st) == 0);
	printf("links after link: %u\n", (unsigned)st.st_nlink);
	put_file("two", "new\n");
	CHECK(get_file("one", buf, sizeof(buf)) == 4);
	printf("one: %s", buf);
	CHECK_ERR(link("one", "two"), EEXIST);
	CHECK_ERR(link("missing", "three"), ENOENT);
	CHECK(mkdir("d", 0755) == 0);
	CHECK_ERR(link("d", "d2"), EPERM);
	CHECK_ERR(unlink("d"), EISDIR);
	CHECK_ERR(unlink("missing"), ENOENT);
	CHECK(unlink("one") == 0);
	CHECK(stat("two", &st) == 0);
	printf("links after unlink: %u\n", (unsigned)st.st_nlink);
	CHECK_ERR(stat("one", &st), ENOENT);
	/* An open file outlives its last name. */
	int fd = open("two", O_RDONLY);
	CHECK(fd >= 0);
	CHECK(unlink("two") == 0);
	CHECK(read(fd, buf, sizeof(buf)) == 4);
	CHECK(fstat(fd, &st) == 0 && st.st_nlink == 0);
	CHECK(close(fd) == 0);
	CHECK(rmdir("d") == 0);
	puts("link: ok");
	return 0;
}
