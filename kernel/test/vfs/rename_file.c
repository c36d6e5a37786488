/*
 * Renaming a file to a free name in the same directory moves the name: the
 * old one is gone, the new one is the same inode with the same contents.
 */
#include "vfstest.h"

KTEST(vfs_rename_file, "vfs.rename.file")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/a", "data"), 0);
	long ino = vt_ino(VT_DIR "/a");
	KT_CHECK_EQ(do_rename(VT_DIR "/a", VT_DIR "/b"), 0);
	KT_CHECK_EQ(vt_ino(VT_DIR "/a"), -ENOENT);
	KT_CHECK_EQ(vt_ino(VT_DIR "/b"), ino);
	KT_CHECK_EQ(vt_nlink(VT_DIR "/b"), 1);
	char buf[8];
	KT_CHECK_EQ(vt_readfile(VT_DIR "/b", buf, sizeof(buf)), 4);
	vt_end();
}
