/*
 * An unlinked file lives on while it is open (still readable and writable)
 * and is freed with its last close: the file system's inode count goes back.
 */
#include "fs/ramfs.h"
#include "vfstest.h"

KTEST(vfs_close_unlinked, "vfs.close.unlinked")
{
	if (!vt_begin()) {
		return;
	}
	int before = ramfs_inode_count(vfs_root_fs);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "data"), 0);
	int fd = do_open(VT_DIR "/f", O_RDWR);
	KT_CHECK(fd >= 0);
	KT_CHECK_EQ(do_unlink(VT_DIR "/f"), 0);
	KT_CHECK_EQ(vt_ino(VT_DIR "/f"), -ENOENT);
	KT_CHECK_EQ(ramfs_inode_count(vfs_root_fs), before + 1);
	char buf[8] = {0};
	KT_CHECK_EQ(do_read(fd, buf, 4), 4);
	KT_CHECK_STR(buf, "data");
	KT_CHECK_EQ(do_write(fd, "more", 4), 4);
	KT_CHECK_EQ(do_close(fd), 0);
	KT_CHECK_EQ(ramfs_inode_count(vfs_root_fs), before);
	vt_end();
}
