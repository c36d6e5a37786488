/*
 * do_fstat() of a bad descriptor fails with EBADF.
 */
#include "vfstest.h"

KTEST(vfs_stat_fstat_badf, "vfs.stat.fstat_badf")
{
	stat_t st;
	KT_CHECK_EQ(do_fstat(-1, &st), -EBADF);
	KT_CHECK_EQ(do_fstat(NFILES, &st), -EBADF);
	KT_CHECK_EQ(do_fstat(11, &st), -EBADF);
}
