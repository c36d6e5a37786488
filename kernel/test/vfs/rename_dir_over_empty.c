/*
 * A directory renamed over an empty directory replaces it; the parent's
 * link count drops by one (one '..' fewer).
 */
#include "vfstest.h"

KTEST(vfs_rename_dir_over_empty, "vfs.rename.dir_over_empty")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/a"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/a/f", "x"), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/b"), 0);
	long ino = vt_ino(VT_DIR "/a");
	long parent = vt_nlink(VT_DIR);
	KT_CHECK_EQ(do_rename(VT_DIR "/a", VT_DIR "/b"), 0);
	KT_CHECK_EQ(vt_ino(VT_DIR "/b"), ino);
	KT_CHECK(vt_ino(VT_DIR "/b/f") >= 0);
	KT_CHECK_EQ(vt_ino(VT_DIR "/a"), -ENOENT);
	KT_CHECK_EQ(vt_nlink(VT_DIR), parent - 1);
	vt_end();
}
