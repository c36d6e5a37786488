/*
 * do_dup2(fd, fd) of an open descriptor returns fd and changes nothing (it
 * stays open).
 */
#include "vfstest.h"

KTEST(vfs_fd_dup2_same, "vfs.fd.dup2_same")
{
	if (!vt_begin()) {
		return;
	}
	int fd = do_open(VT_DIR, O_RDONLY);
	KT_CHECK_EQ(do_dup2(fd, fd), fd);
	KT_CHECK_EQ(vt_open_fds(), 1);
	KT_CHECK_EQ(do_close(fd), 0);
	KT_CHECK_EQ(do_dup2(fd, fd), -EBADF);
	vt_end();
}
