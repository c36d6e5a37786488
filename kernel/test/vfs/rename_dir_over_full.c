/*
 * A directory renamed over a directory that is not empty fails with
 * ENOTEMPTY; both stay as they were.
 */
#include "vfstest.h"

KTEST(vfs_rename_dir_over_nonempty, "vfs.rename.dir_over_nonempty")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/a"), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/b"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/b/f", "x"), 0);
	KT_CHECK_EQ(do_rename(VT_DIR "/a", VT_DIR "/b"), -ENOTEMPTY);
	KT_CHECK(vt_ino(VT_DIR "/a") >= 0);
	KT_CHECK(vt_ino(VT_DIR "/b/f") >= 0);
	vt_end();
}
