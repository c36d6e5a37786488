/*
 * A file renamed over a directory fails with EISDIR, a directory over a
 * file with ENOTDIR.
 */
#include "vfstest.h"

KTEST(vfs_rename_kind_mismatch, "vfs.rename.kind_mismatch")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "x"), 0);
	KT_CHECK_EQ(do_rename(VT_DIR "/f", VT_DIR "/d"), -EISDIR);
	KT_CHECK_EQ(do_rename(VT_DIR "/d", VT_DIR "/f"), -ENOTDIR);
	KT_CHECK(S_ISDIR(0) == 0);
	KT_CHECK(vt_ino(VT_DIR "/d") >= 0 && vt_ino(VT_DIR "/f") >= 0);
	vt_end();
}
