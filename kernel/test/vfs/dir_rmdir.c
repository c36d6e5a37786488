/*
 * do_rmdir() removes an empty directory: it is gone, and its parent's link
 * count goes back down.
 */
#include "vfstest.h"

KTEST(vfs_dir_rmdir, "vfs.dir.rmdir")
{
	if (!vt_begin()) {
		return;
	}
	long parent = vt_nlink(VT_DIR);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(do_rmdir(VT_DIR "/d/"), 0);
	KT_CHECK_EQ(vt_ino(VT_DIR "/d"), -ENOENT);
	KT_CHECK_EQ(vt_nlink(VT_DIR), parent);
	KT_CHECK_EQ(do_rmdir(VT_DIR "/d"), -ENOENT);
	vt_end();
}
