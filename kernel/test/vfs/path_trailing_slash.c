/*
 * A trailing slash is fine after a directory and fails with ENOTDIR after
 * a regular file (stat, open, unlink).
 */
#include "vfstest.h"

KTEST(vfs_path_trailing_slash, "vfs.path.trailing_slash")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "x"), 0);
	stat_t st;
	KT_CHECK_EQ(do_stat(VT_DIR "/d/", &st), 0);
	KT_CHECK_EQ(do_stat(VT_DIR "/f/", &st), -ENOTDIR);
	KT_CHECK_EQ(do_stat(VT_DIR "/f//", &st), -ENOTDIR);
	KT_CHECK_EQ(do_unlink(VT_DIR "/f/"), -ENOTDIR);
	KT_CHECK(vt_ino(VT_DIR "/f") >= 0);
	vt_end();
}
