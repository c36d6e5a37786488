/*
 * Renaming a name that does not exist fails with ENOENT, and so does
 * renaming into a directory that does not exist.
 */
#include "vfstest.h"

KTEST(vfs_rename_noent, "vfs.rename.noent")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/a", "x"), 0);
	KT_CHECK_EQ(do_rename(VT_DIR "/missing", VT_DIR "/b"), -ENOENT);
	KT_CHECK_EQ(do_rename(VT_DIR "/a", VT_DIR "/nodir/b"), -ENOENT);
	KT_CHECK(vt_ino(VT_DIR "/a") >= 0);
	vt_end();
}
