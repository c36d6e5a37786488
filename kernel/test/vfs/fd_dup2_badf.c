/*
 * do_dup2() fails with EBADF when the old descriptor is bad or the new one
 * is out of range (negative or NFILES or more).
 */
#include "vfstest.h"

KTEST(vfs_fd_dup2_badf, "vfs.fd.dup2_badf")
{
	if (!vt_begin()) {
		return;
	}
	int fd = do_open(VT_DIR, O_RDONLY);
	KT_CHECK_EQ(do_dup2(-1, 3), -EBADF);
	KT_CHECK_EQ(do_dup2(5, 3), -EBADF);
	KT_CHECK_EQ(do_dup2(fd, -1), -EBADF);
	KT_CHECK_EQ(do_dup2(fd, NFILES), -EBADF);
	KT_CHECK_EQ(vt_open_fds(), 1);
	vt_end();
}
