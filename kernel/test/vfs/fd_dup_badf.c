/*
 * do_dup() of a bad descriptor fails with EBADF.
 */
#include "vfstest.h"

KTEST(vfs_fd_dup_badf, "vfs.fd.dup_badf")
{
	KT_CHECK_EQ(do_dup(-1), -EBADF);
	KT_CHECK_EQ(do_dup(NFILES), -EBADF);
	KT_CHECK_EQ(do_dup(9), -EBADF);
}
