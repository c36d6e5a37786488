/*
 * do_link() of a directory fails with EPERM and makes nothing.
 */
#include "vfstest.h"

KTEST(vfs_link_dir, "vfs.link.dir")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(do_link(VT_DIR "/d", VT_DIR "/e"), -EPERM);
	KT_CHECK_EQ(do_link("/", VT_DIR "/r"), -EPERM);
	KT_CHECK_EQ(vt_ino(VT_DIR "/e"), -ENOENT);
	KT_CHECK_EQ(vt_nlink(VT_DIR "/d"), 2);
	vt_end();
}
