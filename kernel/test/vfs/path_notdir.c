/*
 * A name in the middle of a path that is a regular file or a device fails
 * with ENOTDIR, for every call that takes a path.
 */
#include "vfstest.h"

KTEST(vfs_path_notdir, "vfs.path.notdir")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "x"), 0);
	stat_t st;
	KT_CHECK_EQ(do_stat(VT_DIR "/f/x", &st), -ENOTDIR);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/f/x"), -ENOTDIR);
	KT_CHECK_EQ(do_unlink(VT_DIR "/f/x"), -ENOTDIR);
	KT_CHECK_EQ(do_rmdir(VT_DIR "/f/x"), -ENOTDIR);
	KT_CHECK_EQ(do_chdir(VT_DIR "/f/x"), -ENOTDIR);
	KT_CHECK_EQ(do_stat("/dev/null/x", &st), -ENOTDIR);
	vt_end();
}
