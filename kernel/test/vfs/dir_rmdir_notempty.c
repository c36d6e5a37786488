/*
 * do_rmdir() of a directory with entries besides '.' and '..' fails with
 * ENOTEMPTY, and the directory and its contents stay.
 */
#include "vfstest.h"

KTEST(vfs_dir_rmdir_notempty, "vfs.dir.rmdir_notempty")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/d/f", "x"), 0);
	KT_CHECK_EQ(do_rmdir(VT_DIR "/d"), -ENOTEMPTY);
	KT_CHECK(vt_ino(VT_DIR "/d/f") >= 0);
	KT_CHECK_EQ(do_unlink(VT_DIR "/d/f"), 0);
	KT_CHECK_EQ(do_rmdir(VT_DIR "/d"), 0);
	vt_end();
}
