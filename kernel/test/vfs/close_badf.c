/*
 * do_close() of a descriptor that is negative, NFILES or more, never opened,
 * or already closed fails with EBADF.
 */
#include "vfstest.h"

KTEST(vfs_close_badf, "vfs.close.badf")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_close(-1), -EBADF);
	KT_CHECK_EQ(do_close(NFILES), -EBADF);
	KT_CHECK_EQ(do_close(5), -EBADF);
	int fd = do_open(VT_DIR, O_RDONLY);
	KT_CHECK(fd >= 0);
	KT_CHECK_EQ(do_close(fd), 0);
	KT_CHECK_EQ(do_close(fd), -EBADF);
	vt_end();
}
