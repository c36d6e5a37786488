/*
 * A trailing '/' on do_link()'s new name asks for a directory, which a
 * link cannot be: ENOENT when the name does not exist (as on Linux),
 * EEXIST when it does; the file's link count stays 1.
 */
#include "vfstest.h"

KTEST(vfs_link_slash, "vfs.link.slash")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "x"), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(do_link(VT_DIR "/f", VT_DIR "/g/"), -ENOENT);
	KT_CHECK_EQ(vt_ino(VT_DIR "/g"), -ENOENT);
	KT_CHECK_EQ(do_link(VT_DIR "/f", VT_DIR "/d/"), -EEXIST);
	KT_CHECK_EQ(vt_nlink(VT_DIR "/f"), 1);
	vt_end();
}
