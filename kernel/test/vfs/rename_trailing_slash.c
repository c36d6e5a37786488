/*
 * A trailing '/' after a file's name, on either path of do_rename, fails
 * with ENOTDIR (as on Linux) and changes nothing; the harness's leak
 * check then finds every reference the failed calls took given back.
 */
#include "vfstest.h"

KTEST(vfs_rename_trailing_slash, "vfs.rename.trailing_slash")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "x"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/g", "y"), 0);
	long ino = vt_ino(VT_DIR "/f");
	KT_CHECK_EQ(do_rename(VT_DIR "/f/", VT_DIR "/h"), -ENOTDIR);
	KT_CHECK_EQ(do_rename(VT_DIR "/f", VT_DIR "/h/"), -ENOTDIR);
	KT_CHECK_EQ(do_rename(VT_DIR "/f", VT_DIR "/g/"), -ENOTDIR);
	KT_CHECK_EQ(vt_ino(VT_DIR "/f"), ino);
	KT_CHECK_EQ(vt_ino(VT_DIR "/h"), -ENOENT);
	char buf[4];
	KT_CHECK_EQ(vt_readfile(VT_DIR "/g", buf, sizeof(buf)), 1);
	KT_CHECK_STR(buf, "y");
	vt_end();
}
