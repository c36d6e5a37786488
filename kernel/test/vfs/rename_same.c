/*
 * Renaming a name onto itself, or onto another hard link of the same file,
 * does nothing and succeeds (both names stay).
 */
#include "vfstest.h"

KTEST(vfs_rename_same_file, "vfs.rename.same_file")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/a", "x"), 0);
	KT_CHECK_EQ(do_link(VT_DIR "/a", VT_DIR "/b"), 0);
	KT_CHECK_EQ(do_rename(VT_DIR "/a", VT_DIR "/a"), 0);
	KT_CHECK_EQ(do_rename(VT_DIR "/a", VT_DIR "/b"), 0);
	KT_CHECK(vt_ino(VT_DIR "/a") >= 0);
	KT_CHECK(vt_ino(VT_DIR "/b") >= 0);
	KT_CHECK_EQ(vt_nlink(VT_DIR "/a"), 2);
	vt_end();
}
