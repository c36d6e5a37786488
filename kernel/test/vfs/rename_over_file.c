/*
 * Renaming a file over another file replaces it: the target name now names
 * the source inode, and the replaced file is freed (inode count).
 */
#include "fs/ramfs.h"
#include "vfstest.h"

KTEST(vfs_rename_over_file, "vfs.rename.over_file")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/a", "new"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/b", "old"), 0);
	long ino = vt_ino(VT_DIR "/a");
	int inodes = ramfs_inode_count(vfs_root_fs);
	KT_CHECK_EQ(do_rename(VT_DIR "/a", VT_DIR "/b"), 0);
	KT_CHECK_EQ(vt_ino(VT_DIR "/b"), ino);
	KT_CHECK_EQ(vt_ino(VT_DIR "/a"), -ENOENT);
	KT_CHECK_EQ(ramfs_inode_count(vfs_root_fs), inodes - 1);
	char buf[8];
	KT_CHECK_EQ(vt_readfile(VT_DIR "/b", buf, sizeof(buf)), 3);
	KT_CHECK_STR(buf, "new");
	vt_end();
}
