/*
 * A regular file in the middle of a path fails with ENOTDIR (also when
 * creating).
 */
#include "vfstest.h"

KTEST(vfs_open_notdir_middle, "vfs.open.notdir_middle")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "x"), 0);
	KT_CHECK_EQ(do_open(VT_DIR "/f/x", O_RDONLY), -ENOTDIR);
	KT_CHECK_EQ(do_open(VT_DIR "/f/x", O_RDWR | O_CREAT), -ENOTDIR);
	vt_end();
}
