/* rename: a file, over an existing file, a directory, into its own subdirectory (EINVAL), ENOENT.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	char buf[32];
	put_file("a", "A\n");
	put_file("b", "B\n");
	CHECK(rename("a", "c") == 0);
	CHECK_ERR(access("a", F_OK), ENOENT);
	CHECK(get_file("c", buf, sizeof(buf)) == 2 && buf[0] == 'A');
	CHECK(rename("c", "b") == 0);
	CHECK(get_file("b", buf, sizeof(buf)) == 2 && buf[0] == 'A');
	CHECK_ERR(access("c", F_OK), ENOENT);
	CHECK(mkdir("d", 0755) == 0);
	CHECK(rename("b", "d/b") == 0);
	CHECK(rename("d", "e") == 0);
	CHECK(get_file("e/b", buf, sizeof(buf)) == 2);
	CHECK(mkdir("e/sub", 0755) == 0);
	CHECK_ERR(rename("e", "e/sub/x"), EINVAL);
	CHECK_ERR(rename("missing", "x"), ENOENT);
	CHECK_ERR(rename("e/b", "nodir/b"), ENOENT);
	put_file("f", "F\n");
	CHECK_ERR(rename("f", "e"), EISDIR);
	CHECK_ERR(rename("e", "f"), ENOTDIR);
	printf("rename: ok\n");
	return 0;
}
