/*
 * do_link() makes a second name for a file: same inode, link count 2,
 * contents shared; unlinking one name leaves the other.
 */
#include "vfstest.h"

KTEST(vfs_link_basic, "vfs.link.basic")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/a", "shared"), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(do_link(VT_DIR "/a", VT_DIR "/d/b"), 0);
	KT_CHECK_EQ(vt_ino(VT_DIR "/a"), vt_ino(VT_DIR "/d/b"));
	KT_CHECK_EQ(vt_nlink(VT_DIR "/a"), 2);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/d/b", "changed"), 0);
	char buf[16];
	KT_CHECK_EQ(vt_readfile(VT_DIR "/a", buf, sizeof(buf)), 7);
	KT_CHECK_STR(buf, "changed");
	KT_CHECK_EQ(do_unlink(VT_DIR "/a"), 0);
	KT_CHECK_EQ(vt_nlink(VT_DIR "/d/b"), 1);
	KT_CHECK_EQ(vt_readfile(VT_DIR "/d/b", buf, sizeof(buf)), 7);
	vt_end();
}
