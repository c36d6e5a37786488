/*
 * A directory moved to another directory keeps its contents; its '..' now
 * names the new parent, and the two parents' link counts move by one.
 */
#include "vfstest.h"

KTEST(vfs_rename_across_dirs, "vfs.rename.across_dirs")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/p"), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/q"), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/p/d"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/p/d/f", "x"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/p/g", "y"), 0);
	KT_CHECK_EQ(do_rename(VT_DIR "/p/d", VT_DIR "/q/d2"), 0);
	KT_CHECK_EQ(do_rename(VT_DIR "/p/g", VT_DIR "/q/g"), 0);
	KT_CHECK_EQ(vt_ino(VT_DIR "/q/d2/.."), vt_ino(VT_DIR "/q"));
	KT_CHECK(vt_ino(VT_DIR "/q/d2/f") >= 0);
	KT_CHECK(vt_ino(VT_DIR "/q/g") >= 0);
	KT_CHECK_EQ(vt_nlink(VT_DIR "/p"), 2);
	KT_CHECK_EQ(vt_nlink(VT_DIR "/q"), 3);
	KT_CHECK_EQ(do_rmdir(VT_DIR "/p"), 0);
	vt_end();
}
