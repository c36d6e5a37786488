/*
 * do_read() and do_write() of a bad descriptor (-1, NFILES, not open) fail
 * with EBADF.
 */
#include "vfstest.h"

KTEST(vfs_read_badf, "vfs.read.badf")
{
	char buf[4];
	KT_CHECK_EQ(do_read(-1, buf, 1), -EBADF);
	KT_CHECK_EQ(do_read(NFILES, buf, 1), -EBADF);
	KT_CHECK_EQ(do_read(NFILES - 1, buf, 1), -EBADF);
	KT_CHECK_EQ(do_write(-1, buf, 1), -EBADF);
	KT_CHECK_EQ(do_write(NFILES + 3, buf, 1), -EBADF);
	KT_CHECK_EQ(do_write(7, buf, 1), -EBADF);
}
