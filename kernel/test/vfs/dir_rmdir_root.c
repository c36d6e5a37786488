/*
 * Removing the root fails with EBUSY (also spelt with extra slashes).
 */
#include "vfstest.h"

KTEST(vfs_dir_rmdir_root, "vfs.dir.rmdir_root")
{
	KT_CHECK_EQ(do_rmdir("/"), -EBUSY);
	KT_CHECK_EQ(do_rmdir("///"), -EBUSY);
	KT_CHECK(vt_ino("/") >= 0);
}
