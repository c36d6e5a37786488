/*
 * do_unlink() of a directory fails with EISDIR ('/', '.', '..' and a
 * trailing slash included), and the directory stays.
 */
#include "vfstest.h"

KTEST(vfs_dir_unlink_dir, "vfs.dir.unlink_dir")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(do_unlink(VT_DIR "/d"), -EISDIR);
	KT_CHECK_EQ(do_unlink(VT_DIR "/d/"), -EISDIR);
	KT_CHECK_EQ(do_unlink(VT_DIR "/d/."), -EISDIR);
	KT_CHECK_EQ(do_unlink(VT_DIR "/d/.."), -EISDIR);
	KT_CHECK_EQ(do_unlink("/"), -EISDIR);
	KT_CHECK(vt_ino(VT_DIR "/d") >= 0);
	vt_end();
}
