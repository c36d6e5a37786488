/* access and mknod-free checks of paths: F_OK, R_OK, ENOENT, ENOTDIR, ENAMETOOLONG, trailing
 * slashes. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	put_file("f", "data");
	CHECK(mkdir("d", 0755) == 0);
	CHECK(access("f", F_OK) == 0);
	CHECK(access("f", R_OK) == 0);
	CHECK(access("d", F_OK) == 0);
	CHECK(access("d/", F_OK) == 0);
	CHECK(access("./d/../f", R_OK) == 0);
	CHECK_ERR(access("g", F_OK), ENOENT);
	CHECK_ERR(access("f/", F_OK), ENOTDIR);
	CHECK_ERR(access("f/g", F_OK), ENOTDIR);
	char longname[300];
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK_ERR(access(longname, F_OK), ENAMETOOLONG);
	CHECK_ERR(open(longname, O_CREAT | O_WRONLY, 0644), ENAMETOOLONG);
	puts("access: ok");
	return 0;
}
