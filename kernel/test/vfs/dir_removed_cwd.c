/*
 * A directory removed while it is a process's current directory (allowed,
 * as on Linux) takes no new entries: creating a file or a directory in it
 * fails with ENOENT, and do_getcwd() says ENOENT too.  Leaving it frees
 * it.
 */
#include "vfstest.h"

KTEST(vfs_dir_removed_cwd, "vfs.dir.removed_cwd")
{
	if (!vt_begin()) {
		return;
	}
	int inodes = vt_inode_count();
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(do_chdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(do_rmdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(vt_ino(VT_DIR "/d"), -ENOENT);
	KT_CHECK_EQ(do_mkdir("x"), -ENOENT);
	KT_CHECK_EQ(do_open("f", O_RDWR | O_CREAT), -ENOENT);
	KT_CHECK_EQ(do_mknod("n", S_IFCHR, DEVID_NULL), -ENOENT);
	char buf[32];
	KT_CHECK_EQ(do_getcwd(buf, sizeof(buf)), -ENOENT);
	KT_CHECK_EQ(vt_inode_count(), inodes + 1);
	KT_CHECK_EQ(do_chdir("/"), 0);
	KT_CHECK_EQ(vt_inode_count(), inodes);
	vt_end();
}
