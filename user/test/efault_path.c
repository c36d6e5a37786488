/* EFAULT from every call that takes a path, given a bad path pointer or a path running off its
 * mapping. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "badptr.h"

int main(void)
{
	put_file("f", "x");
	CHECK(mkdir("d", 0755) == 0);
	struct stat st;
	char *argv[] = {"x", NULL};
	EACH_BAD(3, syscall(SYS_open, b, O_RDONLY));
	EACH_BAD(3, syscall(SYS_open, b, O_WRONLY | O_CREAT, 0644));
	EACH_BAD(3, syscall(SYS_openat, AT_FDCWD, b, O_RDONLY));
	EACH_BAD(3, syscall(SYS_creat, b, 0644));
	EACH_BAD(3, syscall(SYS_stat64, b, &st));
	EACH_BAD(3, syscall(SYS_lstat64, b, &st));
	EACH_BAD(3, syscall(SYS_access, b, F_OK));
	EACH_BAD(3, syscall(SYS_mkdir, b, 0755));
	EACH_BAD(3, syscall(SYS_rmdir, b));
	EACH_BAD(3, syscall(SYS_unlink, b));
	EACH_BAD(3, syscall(SYS_chdir, b));
	EACH_BAD(3, syscall(SYS_link, b, "new"));
	EACH_BAD(3, syscall(SYS_link, "f", b));
	EACH_BAD(3, syscall(SYS_rename, b, "new"));
	EACH_BAD(3, syscall(SYS_rename, "f", b));
	EACH_BAD(3, syscall(SYS_mknod, b, S_IFCHR | 0644, 0));
	EACH_BAD(3, syscall(SYS_execve, b, argv, argv + 1));
	/* Nothing happened on the way. */
	CHECK(access("f", F_OK) == 0 && access("d", F_OK) == 0);
	CHECK_ERR(access("new", F_OK), ENOENT);
	puts("efault path: ok");
	return 0;
}
