/*
 * do_rmdir() of a regular file or a device file fails with ENOTDIR.
 */
#include "vfstest.h"

KTEST(vfs_dir_rmdir_notdir, "vfs.dir.rmdir_notdir")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "x"), 0);
	KT_CHECK_EQ(do_rmdir(VT_DIR "/f"), -ENOTDIR);
	KT_CHECK_EQ(do_rmdir("/dev/null"), -ENOTDIR);
	KT_CHECK(vt_ino(VT_DIR "/f") >= 0);
	vt_end();
}
